package dev.postings.providers;

import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Optional;

/** What every provider adapter builds its classified failures from (DESIGN.md's failure table). */
public final class ProviderFailures {

  private ProviderFailures() {}

  /**
   * An ApplicationFailure whose type is {@code kind}. REJECTED is never retried; an UNKNOWN_OUTCOME is not retried by
   * Temporal either, because the workflow must look the write up before anything is sent again.
   */
  public static ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay,
      Throwable cause) {
    ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
        .setType(kind.name())
        .setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED || kind == FailureKind.UNKNOWN_OUTCOME);
    if (nextRetryDelay != null) {
      builder.setNextRetryDelay(nextRetryDelay);
    }
    if (cause != null) {
      builder.setCause(cause);
    }
    return builder.build();
  }

  /** {@code Retry-After} in seconds, when the answer gives it that way (an HTTP-date is allowed too, and ignored). */
  public static Optional<Duration> retryAfterSeconds(HttpHeaders headers) {
    try {
      return headers.firstValue("Retry-After").map(value -> Duration.ofSeconds(Math.max(1, Long.parseLong(
          value.trim()))));
    } catch (NumberFormatException notSeconds) {
      return Optional.empty();
    }
  }

  /**
   * {@code Retry-After} in seconds when given; otherwise the end of the current minute, which is when a provider with a
   * per-minute window (Propexo, Acquaint) stops answering 429.
   */
  public static Duration retryAfterOrEndOfMinute(HttpHeaders headers, Clock clock) {
    return retryAfterSeconds(headers).orElseGet(() -> {
      ZonedDateTime now = clock.instant().atZone(clock.getZone());
      return Duration.between(now, now.withSecond(0).withNano(0).plusMinutes(1)).plusSeconds(1);
    });
  }
}
