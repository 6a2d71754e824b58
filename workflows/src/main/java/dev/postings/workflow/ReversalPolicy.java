package dev.postings.workflow;

import dev.postings.model.Provider;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;

/**
 * How a reversal ({@code reversal-<postingId>}) proves what it did and how long an operator task waits. Part of the
 * posting's policy, so a posting's compensation hands it to the reversal it opens; all durations are data (production
 * days, local mode seconds).
 *
 * @param settle per provider, how long an offsetting entry whose outcome is unclear is given to show up before it is
 *     searched for; an entry is sent again only after such a search found nothing. It must outlast the provider's
 *     slowest way for the entry to become visible: for Propexo a write job (no documented SLA, so the posting's job
 *     deadline) plus one sync of the integration (lists are read from Propexo's cache, filled by syncs every 12-24 h)
 * @param maxSends offsetting entries sent for one reversal, each after a settled search found none, before an operator
 *     takes over
 * @param reminderAfter an operator task (reverse by hand) still open after this long is noted again (timeline, metric)
 * @param escalateAfter an operator task still open after this long is ESCALATED (its state, the timeline, a metric)
 */
public record ReversalPolicy(Map<Provider, Duration> settle, int maxSends, Duration reminderAfter,
    Duration escalateAfter) {

  public ReversalPolicy {
    settle = settle == null ? Map.of() : Map.copyOf(settle);
  }

  /** The provider's settle time; a provider not listed gets the longest one listed (a guess errs on waiting). */
  public Duration settleFor(Provider provider) {
    Duration specific = settle.get(provider);
    if (specific != null) {
      return specific;
    }
    return settle.isEmpty() ? defaults().settleFor(provider) : Collections.max(settle.values());
  }

  /** This policy with anything missing taken from {@link #defaults()} (a start from the Temporal CLI may give none). */
  public ReversalPolicy withDefaults() {
    ReversalPolicy defaults = defaults();
    return new ReversalPolicy(settle.isEmpty() ? defaults.settle : settle, maxSends > 0 ? maxSends : defaults.maxSends,
        reminderAfter != null ? reminderAfter : defaults.reminderAfter,
        escalateAfter != null ? escalateAfter : defaults.escalateAfter);
  }

  public static ReversalPolicy defaults() {
    // Propexo: the job deadline (2 days) plus a day's sync
    Duration propexo = Duration.ofDays(3);
    return new ReversalPolicy(Map.of(Provider.PROPERTYWARE, propexo, Provider.RESMAN, propexo), 3, Duration.ofDays(1),
        Duration.ofDays(3));
  }
}
