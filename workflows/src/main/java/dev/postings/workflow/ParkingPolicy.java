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
 * @param redriveShare the share of a parking's wait that must have passed before the scheduled re-drive may cut it
 *     short (null: {@link #DEFAULT_REDRIVE_SHARE}); an operator's own re-drive is never held back. So a posting that
 *     keeps parking is re-driven less and less often, however often the schedule runs
 * @param rateLimitBudget how long a write may keep being answered 429 before the posting parks (null: {@link
 *     #DEFAULT_RATE_LIMIT_BUDGET}); a 429 proves nothing landed and uses up no attempt, so without a budget an hour of
 *     429s would be an hour of re-sends in one history
 */
public record ParkingPolicy(Duration retryAfter, Double backoff, Duration maxRetryAfter, Double redriveShare,
    Duration rateLimitBudget) {

  /** Jackson must build the policy with every field: it would otherwise pick the shorter constructor below. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public ParkingPolicy {}

  public static final double DEFAULT_REDRIVE_SHARE = 0.5;
  public static final Duration DEFAULT_RATE_LIMIT_BUDGET = Duration.ofMinutes(15);

  /** A policy of the shape recorded before the re-drive share and the 429 budget existed: their defaults apply. */
  public ParkingPolicy(Duration retryAfter, Double backoff, Duration maxRetryAfter) {
    this(retryAfter, backoff, maxRetryAfter, null, null);
  }

  /** The wait of the {@code parking}-th parking of this posting (1-based). */
  public Duration waitFor(int parking) {
    Duration max = maxRetryAfter == null ? retryAfter : maxRetryAfter;
    if (backoff == null || backoff <= 1.0) {
      return retryAfter;
    }
    double millis = retryAfter.toMillis() * Math.pow(backoff, Math.max(0, parking - 1));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }

  /** How long the {@code parking}-th parking lasts at least before the scheduled re-drive may end it. */
  public Duration redriveAfter(int parking) {
    double share = redriveShare == null ? DEFAULT_REDRIVE_SHARE : Math.max(0.0, Math.min(1.0, redriveShare));
    return Duration.ofMillis((long) (waitFor(parking).toMillis() * share));
  }

  public Duration rateLimitBudgetOrDefault() {
    return rateLimitBudget == null ? DEFAULT_RATE_LIMIT_BUDGET : rateLimitBudget;
  }
}
