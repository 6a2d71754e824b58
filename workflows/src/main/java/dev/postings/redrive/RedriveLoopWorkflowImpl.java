package dev.postings.redrive;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class RedriveLoopWorkflowImpl implements RedriveLoopWorkflow {

  private static final Logger log = Workflow.getLogger(RedriveLoopWorkflowImpl.class);

  @Override
  public void loop(RedriveOrder order) {
    RedrivePolicy policy = order.policy();
    for (int run = 0; run < policy.runsPerHistory(); run++) {
      Workflow.sleep(policy.every());
      // A child per run, like a Schedule's action: each run has its own history and report, and a failed run does not
      // stop the loop.
      RedriveWorkflow redrive = Workflow.newChildWorkflowStub(RedriveWorkflow.class, ChildWorkflowOptions.newBuilder()
          .setWorkflowId("postings-redrive-" + Workflow.currentTimeMillis())
          .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
          .build());
      try {
        RedriveReport report = redrive.redrive(order);
        if (report.redriven() > 0) {
          log.info("scheduled re-drive resumed {} parked postings", report.redriven());
        }
      } catch (RuntimeException failed) {
        log.warn("scheduled re-drive failed; the next run tries again: {}", failed.getMessage());
      }
    }
    Workflow.continueAsNew(order);
  }
}
