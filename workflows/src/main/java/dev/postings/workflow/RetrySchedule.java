package dev.postings.workflow;

import java.time.Duration;

/** An exponential back-off: wait {@code initial}, then multiply by {@code backoff} up to {@code max}. */
public record RetrySchedule(Duration initial, double backoff, Duration max) {

  /** The wait before attempt {@code attempt + 1}, after {@code attempt} failed attempts (1-based). */
  public Duration delayAfter(int attempt) {
    double millis = initial.toMillis() * Math.pow(backoff, Math.max(0, attempt - 1));
    return millis >= max.toMillis() ? max : Duration.ofMillis((long) millis);
  }
}
