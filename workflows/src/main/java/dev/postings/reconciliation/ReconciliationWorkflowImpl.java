package dev.postings.reconciliation;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/**
 * One activity does the work: the ledger reads, the comparison and the report are one unit, retried whole, because a
 * report is only true of the ledger as it was read at one time. A retry after the report was kept keeps a second report
 * of the same day (the newest is the one the API shows first), never a wrong one.
 */
public class ReconciliationWorkflowImpl implements ReconciliationWorkflow {

  /** Reading a connection's day is at most a few hundred paced reads (docs/reconciliation.md#reading-the-ledgers). */
  static final Duration RUN_BUDGET = Duration.ofMinutes(30);

  @Override
  public ReconciliationSummary reconcile(ReconciliationOrder order) {
    ReconciliationActivities activities = Workflow.newActivityStub(ReconciliationActivities.class,
        ActivityOptions.newBuilder()
            .setStartToCloseTimeout(RUN_BUDGET)
            .setRetryOptions(RetryOptions.newBuilder()
                .setInitialInterval(Duration.ofSeconds(30))
                .setBackoffCoefficient(2.0)
                .setMaximumInterval(Duration.ofMinutes(30))
                .setMaximumAttempts(8)
                .build())
            .build());
    return activities.reconcileDay(order);
  }
}
