package dev.postings.providers;

import java.time.Duration;

/**
 * A rate limit shared by every worker (docs/decisions/0023-connections.md): a request takes its budget's next slot,
 * or is refused when that slot is more than max-wait away.
 */
@FunctionalInterface
public interface SharedPacing {

  /**
   * What a request got: a slot {@code delay} from now (zero or more, at most max-wait), or, when not {@code taken},
   * no slot, and {@code delay} until the budget has room again.
   */
  record Slot(boolean taken, Duration delay) {}

  Slot take(String budget, int requestsPerMinute, Duration maxWait);
}
