package dev.postings.storedge;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.ProviderProtocol;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * storEDGE's own ways (docs/providers/storedge.md): one-legged OAuth 1.0 signatures, errors in the answer's
 * {@code meta}, AccessDenied as a business refusal, writes that carry an idempotency key, and request bodies that can
 * hold cardholder data, so that failure messages and log lines are scrubbed of the call's secrets and of anything that
 * looks like a card or account number. storEDGE publishes no rate limit: ours, one budget for the key, keeps us polite,
 * and a 429 is honoured only with a {@code Retry-After}.
 */
final class StoredgeProtocol implements ProviderProtocol {

  /** 12 or more digits in a row (card numbers, most account numbers), possibly spaced or dashed. */
  private static final Pattern LONG_NUMBER = Pattern.compile("\\d(?:[ -]?\\d){11,}");

  private final StoredgeSigner signer;

  StoredgeProtocol(StoredgeSettings settings) {
    this(settings.consumerKey(), settings.consumerSecret());
  }

  StoredgeProtocol(String consumerKey, String consumerSecret) {
    this.signer = new StoredgeSigner(consumerKey, consumerSecret);
  }

  @Override
  public String name() {
    return "storedge";
  }

  @Override
  public String displayName() {
    return "storEDGE";
  }

  /** Signed as the request leaves (after its pacing slot): the OAuth timestamp is the time it is sent. */
  @Override
  public String authorization(String credentials, String method, URI uri) {
    return signer.authorization(method, uri.toString());
  }

  /** {@code HTTP 422 InvalidParameters: message; param message; ...} from storEDGE's error meta. */
  @Override
  public String errorSummary(ProviderAnswer answer) {
    JsonNode meta = answer.body().path("meta");
    StringBuilder summary = new StringBuilder("HTTP ").append(answer.status());
    String code = errorCode(answer);
    if (code != null) {
      summary.append(' ').append(code);
    }
    String message = meta.path("error_message").asText(meta.path("status_message").asText(""));
    if (!message.isEmpty()) {
      summary.append(": ").append(message);
    }
    for (JsonNode error : meta.path("errors")) {
      summary.append("; ").append(error.path("param").asText("")).append(' ').append(error.path("message").asText(""));
    }
    return summary.toString();
  }

  /**
   * AccessDenied is storEDGE's answer when the facility forbids the payment kind: a business refusal that no retry
   * changes. Any other 403 is about our credentials (the table's).
   */
  @Override
  public Optional<FailureKind> kindOf(ProviderAnswer answer) {
    return answer.status() == 403 && "AccessDenied".equals(errorCode(answer))
        ? Optional.of(FailureKind.REJECTED) : Optional.empty();
  }

  /** Only REJECTED is non-retryable: every storEDGE write carries an idempotency key. */
  @Override
  public boolean idempotentWrites() {
    return true;
  }

  @Override
  public String redact(String text, Collection<String> secrets) {
    return scrub(text, secrets);
  }

  /**
   * A failure of {@code kind} found in a storEDGE answer or before sending. Only REJECTED is non-retryable: storEDGE
   * writes carry an idempotency key, so even an unclear write may be retried where the workflow allows it (its first
   * write has one attempt only).
   */
  static ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay) {
    return ProviderFailures.failure(kind, message, nextRetryDelay, null, true);
  }

  /** {@code text} without the given secrets and without anything that looks like a card or account number. */
  static String scrub(String text, Collection<String> secrets) {
    String clean = text;
    if (secrets != null) {
      for (String secret : secrets) {
        if (secret != null && secret.length() >= 3) {
          clean = clean.replace(secret, "[FILTERED]");
        }
      }
    }
    return LONG_NUMBER.matcher(clean).replaceAll("[FILTERED]");
  }

  /** storEDGE's {@code meta.error_code}, or null. */
  private static String errorCode(ProviderAnswer answer) {
    JsonNode code = answer.body().path("meta").path("error_code");
    return code.isTextual() ? code.asText() : null;
  }
}
