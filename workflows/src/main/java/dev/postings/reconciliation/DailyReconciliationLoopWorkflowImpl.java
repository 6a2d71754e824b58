package dev.postings.reconciliation;

import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;
import org.slf4j.Logger;

public class DailyReconciliationLoopWorkflowImpl implements DailyReconciliationLoopWorkflow {

  private static final Logger log = Workflow.getLogger(DailyReconciliationLoopWorkflowImpl.class);

  @Override
  public void loop(ReconciliationSchedulePolicy policy) {
    for (int run = 0; run < policy.runsPerHistory(); run++) {
      Workflow.sleep(policy.untilNextRun(Workflow.currentTimeMillis()));
      DailyReconciliationOrder order = policy.order(ReconciliationOrder.SCHEDULED);
      String day = order.day(Workflow.currentTimeMillis());
      // A child per run, like a Schedule's action: each day has its own history and report, and a failed run does not
      // stop the loop. The loop waits for it, so runs never overlap (the Schedule skips an overlapping run too).
      DailyReconciliationWorkflow daily = Workflow.newChildWorkflowStub(DailyReconciliationWorkflow.class,
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(DailyReconciliationLoopWorkflow.dailyWorkflowId(day))
              .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
              .build());
      try {
        DailyReconciliationReport report = daily.reconcileDay(order);
        log.info("daily reconciliation of {}: {} connections reconciled, {} need an operator, {} failed", day,
            report.reconciled().size(), report.needOperator().size(), report.failed().size());
      } catch (RuntimeException failed) {
        log.warn("daily reconciliation of {} failed; the next run reconciles the next day: {}", day,
            failed.getMessage());
      }
    }
    Workflow.continueAsNew(policy);
  }
}
