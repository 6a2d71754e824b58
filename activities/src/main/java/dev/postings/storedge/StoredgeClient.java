package dev.postings.storedge;

import dev.postings.providers.ProviderCalls;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.RequestPacing;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to storEDGE with OAuth 1.0 signatures, and the one place where its answers are classified (DESIGN.md, failure
 * table). Logs name the call, the status and the time, never a body: request bodies can hold cardholder data. Failure
 * messages are scrubbed of the secrets of the call and of anything that looks like a card or account number.
 */
final class StoredgeClient {

  private static final Logger log = LoggerFactory.getLogger(StoredgeClient.class);
  private final ProviderCalls calls = new ProviderCalls("storedge");
  /** 12 or more digits in a row (card numbers, most account numbers), possibly spaced or dashed. */
  private static final Pattern LONG_NUMBER = Pattern.compile("\\d(?:[ -]?\\d){11,}");

  enum Call { WRITE, READ }

  private final StoredgeSettings settings;
  private final StoredgeSigner signer;
  private final HttpClient http;
  private final ObjectMapper json;
  /** One budget for the key: storEDGE publishes no limit (PROVIDERS.md 3); ours keeps us polite. */
  private final RequestPacing pacing;

  StoredgeClient(StoredgeSettings settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    this.signer = new StoredgeSigner(settings.consumerKey(), settings.consumerSecret());
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    this.pacing = new RequestPacing("storedge", settings.rateLimit());
  }

  /**
   * Sends one signed request and returns whatever storEDGE answered (success or not); only a request that got no
   * answer is thrown, classified. {@code secrets} are values that must not appear in a failure message.
   */
  StoredgeAnswer exchange(Call call, String method, String path, Object body, String postingId,
      Collection<String> secrets) {
    String url = settings.baseUrl().toString().replaceAll("/+$", "") + path;
    byte[] encoded;
    try {
      encoded = body == null ? null : json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw failure(FailureKind.REJECTED, "cannot encode the storEDGE request body", null);
    }
    String what = method + " " + path;
    // Waits for this request's slot, or throws RATE_LIMITED / NOT_SENT: either way nothing was sent. Before signing,
    // so that the OAuth timestamp is the time the request leaves, not the time it started waiting.
    pacing.awaitSlot("storEDGE " + what);
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url))
        .timeout(settings.requestTimeout())
        .header("Authorization", signer.authorization(method, url))
        .header("Accept", "application/json");
    if (encoded != null) {
      request.header("Content-Type", "application/json")
          .method(method, HttpRequest.BodyPublishers.ofByteArray(encoded));
    } else {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    }
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      log.info("posting {}: storEDGE {} -> {} in {} ms", postingId, what, response.statusCode(),
          (System.nanoTime() - started) / 1_000_000);
      calls.record(what, String.valueOf(response.statusCode()), started);
      return new StoredgeAnswer(response.statusCode(), response.headers(), parse(response.body()));
    } catch (IOException | UnresolvedAddressException failed) {
      IOException io = failed instanceof IOException e ? e : new IOException(failed);
      FailureKind kind = ProviderFailures.kindOf(io, call == Call.WRITE);
      String reason = scrub(failed.toString(), secrets);
      calls.record(what, kind == FailureKind.NOT_SENT ? ProviderCalls.NOT_SENT : ProviderCalls.NO_ANSWER, started);
      if (kind == FailureKind.NOT_SENT) {
        log.warn("posting {}: storEDGE {} not sent: {}", postingId, what, reason);
        throw failure(kind, "storEDGE " + what + " not sent: " + reason, null);
      }
      log.warn("posting {}: storEDGE {} lost its answer: {}", postingId, what, reason);
      throw failure(kind, "storEDGE " + what + " sent but no answer: " + reason, null);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure(call == Call.WRITE ? FailureKind.UNKNOWN_OUTCOME : FailureKind.PROVIDER_UNAVAILABLE,
          "storEDGE " + what + " interrupted", null);
    }
  }

  /** DESIGN.md's failure table, applied to one storEDGE answer that is not a success. */
  static ApplicationFailure classify(Call call, String what, StoredgeAnswer answer, Collection<String> secrets) {
    String summary = scrub("storEDGE " + what + ": " + answer.errorSummary(), secrets);
    if (answer.status() == 403 && "AccessDenied".equals(answer.errorCode())) {
      // AccessDenied is storEDGE's answer when the facility forbids the payment kind (PROVIDERS.md 3): a business
      // refusal that no retry changes. Any other 403 is about our credentials.
      return failure(FailureKind.REJECTED, summary, null);
    }
    FailureKind kind = ProviderFailures.kindOf(answer.status(), call == Call.WRITE);
    // storEDGE publishes no rate limit; honour a Retry-After if one ever comes.
    return failure(kind, summary, kind == FailureKind.RATE_LIMITED ? retryAfter(answer).orElse(null) : null);
  }

  private static Optional<Duration> retryAfter(StoredgeAnswer answer) {
    return ProviderFailures.retryAfterSeconds(answer.headers());
  }

  /**
   * A failure of {@code kind}. Only REJECTED is non-retryable: storEDGE writes carry an idempotency key, so even an
   * unclear write may be retried where the workflow allows it (its first write has one attempt only).
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

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return Objects.requireNonNullElse(json.readTree(body), MissingNode.getInstance());
    } catch (IOException notJson) {
      return MissingNode.getInstance();
    }
  }
}
