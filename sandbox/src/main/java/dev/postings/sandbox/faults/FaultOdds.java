package dev.postings.sandbox.faults;

import java.time.Duration;

/**
 * The odds of each fault for the requests of one {@link FaultScope}, each between 0 and 1. The first four exclude each
 * other (their sum is at most 1); a latency spike may come on top of a normal answer.
 *
 * @param errorBeforeApply a 5xx before anything is applied
 * @param errorAfterApply applied, then a 5xx
 * @param noAnswer applied, then no answer at all...
 * @param resetShare ...of which this share is a connection closed at once; the rest is held past the client's read
 *     timeout ({@link FaultPlan#hold()}) and then closed
 * @param rateLimited a 429 with {@code Retry-After}, nothing applied
 * @param retryAfter the {@code Retry-After} of those 429s (default 1s)
 * @param latencySpike answered normally, but {@code latency} late
 * @param latency the length of a latency spike (default 2s)
 */
public record FaultOdds(
    Double errorBeforeApply,
    Double errorAfterApply,
    Double noAnswer,
    Double resetShare,
    Double rateLimited,
    Duration retryAfter,
    Double latencySpike,
    Duration latency) {

  public FaultOdds {
    errorBeforeApply = probability("errorBeforeApply", errorBeforeApply);
    errorAfterApply = probability("errorAfterApply", errorAfterApply);
    noAnswer = probability("noAnswer", noAnswer);
    resetShare = resetShare == null ? 0.5 : probability("resetShare", resetShare);
    rateLimited = probability("rateLimited", rateLimited);
    latencySpike = probability("latencySpike", latencySpike);
    retryAfter = retryAfter == null ? Duration.ofSeconds(1) : retryAfter;
    latency = latency == null ? Duration.ofSeconds(2) : latency;
    if (retryAfter.isNegative() || latency.isNegative()) {
      throw new IllegalArgumentException("retryAfter and latency must not be negative");
    }
    if (errorBeforeApply + errorAfterApply + noAnswer + rateLimited > 1.0 + 1e-9) {
      throw new IllegalArgumentException("errorBeforeApply + errorAfterApply + noAnswer + rateLimited must be at most 1");
    }
  }

  /** No faults at all. */
  public static FaultOdds none() {
    return new FaultOdds(null, null, null, null, null, null, null, null);
  }

  boolean isNone() {
    return errorBeforeApply == 0 && errorAfterApply == 0 && noAnswer == 0 && rateLimited == 0 && latencySpike == 0;
  }

  private static Double probability(String name, Double value) {
    if (value == null) {
      return 0.0;
    }
    if (value.isNaN() || value < 0 || value > 1) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
    }
    return value;
  }
}
