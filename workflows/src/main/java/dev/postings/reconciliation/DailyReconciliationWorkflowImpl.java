package dev.postings.reconciliation;

import io.temporal.activity.ActivityOptions;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ChildWorkflowFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;

public class DailyReconciliationWorkflowImpl implements DailyReconciliationWorkflow {

  private static final Logger log = Workflow.getLogger(DailyReconciliationWorkflowImpl.class);

  /**
   * Listing the connections is one registry read. Retried for hours rather than given up at once: a registry that is
   * down at the scheduled time would otherwise cost the whole day's run, and the next run reconciles the next day.
   */
  private static final ActivityOptions LISTING = ActivityOptions.newBuilder()
      .setStartToCloseTimeout(Duration.ofMinutes(1))
      .setScheduleToCloseTimeout(Duration.ofHours(6))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofSeconds(10))
          .setBackoffCoefficient(2.0)
          .setMaximumInterval(Duration.ofMinutes(10))
          .build())
      .build();

  @Override
  public DailyReconciliationReport reconcileDay(DailyReconciliationOrder order) {
    String day = order.day(Workflow.currentTimeMillis());
    List<String> connections = Workflow.newActivityStub(ReconciliationActivities.class, LISTING)
        .connectionsToReconcile();

    // All children at once: each reads its own connection's ledger within that connection's own rate limit, so they
    // do not compete for one budget, and one slow ledger does not hold the others back.
    Map<String, Promise<ReconciliationSummary>> runs = new LinkedHashMap<>();
    for (String connectionId : connections) {
      ReconciliationWorkflow reconciliation = Workflow.newChildWorkflowStub(ReconciliationWorkflow.class,
          ChildWorkflowOptions.newBuilder()
              .setWorkflowId(ReconciliationWorkflow.workflowId(connectionId, day))
              // as the API's starts: a finished run of the day is read anew, only a running one is left to finish
              .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE)
              // a reconciliation is its own unit with its own report: stopping the daily run does not stop it
              .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
              .build());
      runs.put(connectionId, Async.function(reconciliation::reconcile,
          new ReconciliationOrder(connectionId, day, order.requestedBy())));
    }

    List<String> reconciled = new ArrayList<>();
    List<String> needOperator = new ArrayList<>();
    List<String> alreadyRunning = new ArrayList<>();
    Map<String, String> failed = new LinkedHashMap<>();
    runs.forEach((connectionId, run) -> {
      try {
        ReconciliationSummary summary = run.get();
        reconciled.add(connectionId);
        if (summary.needsOperator()) {
          needOperator.add(connectionId);
        }
      } catch (ChildWorkflowFailure failure) {
        if (failure.getCause() instanceof WorkflowExecutionAlreadyStarted) {
          alreadyRunning.add(connectionId);
        } else {
          String why = rootMessage(failure);
          failed.put(connectionId, why);
          log.warn("reconciliation of connection {} for {} failed; the other connections ran: {}", connectionId, day,
              why);
        }
      }
    });
    return new DailyReconciliationReport(day, reconciled, needOperator, alreadyRunning, failed);
  }

  /** The innermost cause's message: the activity's own words, not the layers of workflow failure around them. */
  private static String rootMessage(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
    }
    return cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : cause.getMessage();
  }
}
