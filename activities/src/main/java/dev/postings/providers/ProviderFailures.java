package dev.postings.providers;

import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.Collection;
import java.util.Optional;
import javax.net.ssl.SSLHandshakeException;

/**
 * The failure table (docs/failures.md), in one place for every provider adapter: what an HTTP status or a lost answer
 * means, and the classified failure an adapter throws. A provider adds only its own rows, through its
 * {@link ProviderProtocol} (storEDGE's AccessDenied) or in its adapter (a 2xx whose body proves nothing).
 *
 * <table>
 *   <tr><th>answer</th><th>write</th><th>read</th></tr>
 *   <tr><td>400, 404, 409, 422 and other 4xx</td><td>REJECTED</td><td>REJECTED</td></tr>
 *   <tr><td>401, 403</td><td>CREDENTIALS_REFUSED</td><td>CREDENTIALS_REFUSED</td></tr>
 *   <tr><td>429</td><td>RATE_LIMITED (Retry-After)</td><td>RATE_LIMITED (Retry-After)</td></tr>
 *   <tr><td>5xx, 408</td><td>UNKNOWN_OUTCOME</td><td>PROVIDER_UNAVAILABLE</td></tr>
 *   <tr><td>sent, then timeout, reset or closed</td><td>UNKNOWN_OUTCOME</td><td>PROVIDER_UNAVAILABLE</td></tr>
 *   <tr><td>connection refused, connect timeout, TLS handshake, DNS</td><td>NOT_SENT</td><td>NOT_SENT</td></tr>
 * </table>
 */
public final class ProviderFailures {

  private ProviderFailures() {}

  /** The kind of an HTTP answer that is not a success. */
  public static FailureKind kindOf(int status, boolean write) {
    if (status == 429) {
      return FailureKind.RATE_LIMITED;
    }
    if (status == 401 || status == 403) {
      return FailureKind.CREDENTIALS_REFUSED;
    }
    if (status >= 500 || status == 408) {
      // A 5xx may come after the provider applied the write (a proxy timing out, a crash before the answer).
      return write ? FailureKind.UNKNOWN_OUTCOME : FailureKind.PROVIDER_UNAVAILABLE;
    }
    return FailureKind.REJECTED;
  }

  /**
   * The failure that an answer which is not a success means: the table's kind for its status, unless the provider's
   * body says more ({@link ProviderProtocol#kindOf}), with the provider's error summary and, for a 429, its retry
   * delay.
   *
   * @param what the call as messages name it ({@link Route#what()})
   * @param secrets values of the request that must not appear in the message ({@link ProviderProtocol#redact})
   */
  public static ApplicationFailure classify(ProviderProtocol protocol, ProviderExchange.Call call, String what,
      ProviderAnswer answer, Collection<String> secrets) {
    FailureKind kind = protocol.kindOf(answer)
        .orElseGet(() -> kindOf(answer.status(), call == ProviderExchange.Call.WRITE));
    return failure(kind, protocol.redact(protocol.displayName() + " " + what + ": " + protocol.errorSummary(answer),
        secrets), kind == FailureKind.RATE_LIMITED ? protocol.retryAfter(answer.headers()) : null, null,
        protocol.idempotentWrites());
  }

  /**
   * The kind of an exception from sending a request. Refused connections, connect timeouts, failed TLS handshakes and
   * unresolvable hosts all happen before the first byte of the request leaves: nothing can have landed. Anything else
   * (a read timeout, a reset, a connection closed without answer) happened after the request was sent.
   */
  public static FailureKind kindOf(IOException exception, boolean write) {
    if (neverSent(exception)) {
      return FailureKind.NOT_SENT;
    }
    return write ? FailureKind.UNKNOWN_OUTCOME : FailureKind.PROVIDER_UNAVAILABLE;
  }

  static boolean neverSent(Throwable exception) {
    for (Throwable cause = exception; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConnectException || cause instanceof HttpConnectTimeoutException
          || cause instanceof SSLHandshakeException
          || cause instanceof java.nio.channels.UnresolvedAddressException) {
        return true;
      }
    }
    return false;
  }

  /**
   * An ApplicationFailure whose type is {@code kind}. REJECTED is never retried; an UNKNOWN_OUTCOME is not retried by
   * Temporal either, because the workflow must look the write up before anything is sent again. A RATE_LIMITED is
   * benign: the provider pacing us is not an error (no error log, not counted as a failed activity in metrics).
   */
  public static ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay,
      Throwable cause) {
    return failure(kind, message, nextRetryDelay, cause, false);
  }

  /**
   * As {@link #failure(FailureKind, String, Duration, Throwable)}; with {@code idempotentWrite} an UNKNOWN_OUTCOME may
   * be retried by Temporal (the write carries an idempotency key, like storEDGE's, so a retry cannot apply it twice).
   */
  public static ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay,
      Throwable cause, boolean idempotentWrite) {
    ApplicationFailure.Builder builder = ApplicationFailure.newBuilder()
        .setType(kind.name())
        .setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED || (kind == FailureKind.UNKNOWN_OUTCOME && !idempotentWrite));
    if (kind == FailureKind.RATE_LIMITED) {
      builder.setCategory(ApplicationErrorCategory.BENIGN);
    }
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
