package dev.postings.reconciliation;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/** What a reconciliation does outside the workflow: the registry, the provider's ledger, the report. */
@ActivityInterface
public interface ReconciliationActivities {

  /**
   * Reads the connection's postings of the day from the registry and what the provider's ledger holds for them,
   * compares them ({@link Reconciliation#compare}), keeps the report in the registry and counts its items in
   * {@code postings_reconciliation_items}. The ledger is read within the connection's own rate limit.
   */
  @ActivityMethod
  ReconciliationSummary reconcileDay(ReconciliationOrder order);

  /** The connections the daily run reconciles: every active one, in id order. */
  @ActivityMethod
  List<String> connectionsToReconcile();
}
