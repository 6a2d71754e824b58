package dev.postings.reconciliation;

import java.time.Instant;
import java.time.ZoneOffset;

/**
 * What the daily run is asked to do: reconcile every active connection for one transaction day, counted back from the
 * day the run starts on. The day itself is not in the order: a Temporal Schedule starts its action with the same
 * arguments every time, so the run works its day out from its own start time.
 *
 * @param daysBack how many days before the run's own UTC date the transaction day is (1: yesterday, the first day
 *     whose ledger is complete when the run starts)
 * @param requestedBy {@link ReconciliationOrder#SCHEDULED}, or who started the run by hand
 */
public record DailyReconciliationOrder(int daysBack, String requestedBy) {

  public DailyReconciliationOrder {
    if (daysBack < 0) {
      throw new IllegalArgumentException("daysBack must not be negative, was " + daysBack);
    }
  }

  /** The transaction day ({@code yyyy-mm-dd}) a run starting at {@code nowMillis} reconciles, in UTC. */
  public String day(long nowMillis) {
    return Instant.ofEpochMilli(nowMillis).atOffset(ZoneOffset.UTC).toLocalDate().minusDays(daysBack).toString();
  }
}
