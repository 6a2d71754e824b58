package dev.postings.worker.connections;

import dev.postings.connections.SharedRateLimiter;
import dev.postings.providers.SharedPacing;
import java.time.Duration;

/** The adapters' shared pacing on the registry's database ({@link SharedRateLimiter}): one row per budget. */
public final class DatabasePacing implements SharedPacing {

  private final SharedRateLimiter limiter;

  public DatabasePacing(SharedRateLimiter limiter) {
    this.limiter = limiter;
  }

  @Override
  public Slot take(String budget, int requestsPerMinute, Duration maxWait) {
    SharedRateLimiter.Slot slot = limiter.take(budget, requestsPerMinute, maxWait);
    if (slot instanceof SharedRateLimiter.Slot.Taken taken) {
      return new Slot(true, taken.waitFor());
    }
    return new Slot(false, ((SharedRateLimiter.Slot.Refused) slot).retryIn());
  }
}
