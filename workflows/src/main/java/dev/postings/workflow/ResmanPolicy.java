package dev.postings.workflow;

import java.time.Duration;
import java.util.Map;

/**
 * How a ResMan posting waits after Propexo's job succeeded: the PMC must approve the partner transaction, and its
 * record appears only at Propexo's next sync of the integration (docs/providers/propexo.md#approval-and-the-next-sync).
 * Calls go through {@link PropexoPolicy}.
 *
 * @param approvalReminder after this long without the record, the posting notes a reminder (timeline, metric)
 * @param approvalDeadline after this long without the record, the posting goes to NEEDS_ATTENTION for an operator
 * @param syncInterval Propexo's sync interval for integrations not listed in {@code syncIntervals} (documented default
 *     12-24 h): the synced list is read at most once per interval, since nothing new can appear in between
 * @param syncIntervals per-integration sync intervals (plans can sync down to ~15 minutes)
 */
public record ResmanPolicy(
    Duration approvalReminder,
    Duration approvalDeadline,
    Duration syncInterval,
    Map<String, Duration> syncIntervals) {

  public Duration syncIntervalFor(String integrationId) {
    Duration specific = syncIntervals == null ? null : syncIntervals.get(integrationId);
    return specific != null ? specific : syncInterval;
  }
}
