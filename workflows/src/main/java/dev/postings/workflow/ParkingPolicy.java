package dev.postings.workflow;

import java.time.Duration;

/**
 * How a PARKED posting waits before it tries again by itself (a re-drive cuts any wait short). The wait grows with
 * each parking, so a posting parked for weeks (a revoked token, a provider gone) adds a bounded number of history
 * events per day.
 *
 * @param retryAfter the first wait
 * @param backoff factor applied to each later wait (null or below 1: no growth)
 * @param maxRetryAfter the longest wait (null: {@code retryAfter})
 */
public record ParkingPolicy(Duration retryAfter, Double backoff, Duration maxRetryAfter) {

  /** The wait of the {@code parking}-th parking of this posting (1-based). */
  public Duration waitFor(int parking) {
    Duration max = maxRetryAfter == null ? retryAfter : maxRetryAfter;
    if (backoff == null || backoff <= 1.0) {
      return retryAfter;
    }
    double millis = retryAfter.toMillis() * Math.pow(backoff, Math.max(0, parking - 1));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }
}
