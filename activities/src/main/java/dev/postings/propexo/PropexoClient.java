package dev.postings.propexo;

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
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to Propexo, and the one place where its answers are classified (DESIGN.md, failure table). A write and a read
 * differ only in what a 5xx or a lost answer means: for a write the payment may have landed (UNKNOWN_OUTCOME), for a
 * read it is just unavailable.
 */
final class PropexoClient {

  private static final Logger log = LoggerFactory.getLogger(PropexoClient.class);
  private final ProviderCalls calls = new ProviderCalls("propexo");

  enum Call { WRITE, READ }

  private final PropexoSettings settings;
  private final HttpClient http;
  private final ObjectMapper json;
  /**
   * Propexo limits requests per token ("per customer", PROVIDERS.md 1), whatever the PMS behind it: Propertyware and
   * ResMan share this client and so this one budget.
   */
  private final RequestPacing pacing;

  PropexoClient(PropexoSettings settings, ObjectMapper json) {
    this.settings = settings;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    this.pacing = new RequestPacing("propexo", settings.rateLimit());
  }

  /** Sends a request and returns any answer that is not a failure; every failure is thrown classified. */
  PropexoAnswer send(Call call, String method, String pathAndQuery, Object body, String postingId) {
    PropexoAnswer answer = exchange(call, method, pathAndQuery, body, postingId);
    if (answer.isSuccess()) {
      return answer;
    }
    throw classify(call, method + " " + stripQuery(pathAndQuery), answer);
  }

  /** Like {@link #send}, but a 404 is an answer (the record does not exist), not a failure. */
  Optional<PropexoAnswer> sendAllowingNotFound(Call call, String pathAndQuery, String postingId) {
    PropexoAnswer answer = exchange(call, "GET", pathAndQuery, null, postingId);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.isSuccess()) {
      return Optional.of(answer);
    }
    throw classify(call, "GET " + stripQuery(pathAndQuery), answer);
  }

  private PropexoAnswer exchange(Call call, String method, String pathAndQuery, Object body, String postingId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + pathAndQuery))
        .timeout(settings.requestTimeout())
        .header("Authorization", "Bearer " + settings.token())
        .header("Accept", "application/json");
    try {
      if (body != null) {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause("cannot encode the request body", "REJECTED", e);
    }
    String what = method + " " + stripQuery(pathAndQuery);
    // waits for this request's slot, or throws RATE_LIMITED / NOT_SENT: either way nothing was sent
    pacing.awaitSlot("Propexo " + what);
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      log.info("posting {}: Propexo {} -> {} in {} ms", postingId, what, response.statusCode(),
          (System.nanoTime() - started) / 1_000_000);
      calls.record(what, String.valueOf(response.statusCode()), started);
      return new PropexoAnswer(response.statusCode(), response.headers(), parse(response.body()));
    } catch (IOException | UnresolvedAddressException failed) {
      IOException io = failed instanceof IOException e ? e : new IOException(failed);
      FailureKind kind = ProviderFailures.kindOf(io, call == Call.WRITE);
      calls.record(what, kind == FailureKind.NOT_SENT ? ProviderCalls.NOT_SENT : ProviderCalls.NO_ANSWER, started);
      if (kind == FailureKind.NOT_SENT) {
        log.warn("posting {}: Propexo {} not sent: {}", postingId, what, failed.toString());
        throw failure(kind, "Propexo " + what + " not sent: " + failed, null, failed);
      }
      log.warn("posting {}: Propexo {} lost its answer: {}", postingId, what, failed.toString());
      throw failure(kind, "Propexo " + what + " sent but no answer: " + failed, null, failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      FailureKind kind = call == Call.WRITE ? FailureKind.UNKNOWN_OUTCOME : FailureKind.PROVIDER_UNAVAILABLE;
      throw failure(kind, "Propexo " + what + " interrupted", null, interrupted);
    }
  }

  /** DESIGN.md's failure table, applied to one Propexo answer. */
  static ApplicationFailure classify(Call call, String what, PropexoAnswer answer) {
    FailureKind kind = ProviderFailures.kindOf(answer.status(), call == Call.WRITE);
    return failure(kind, "Propexo " + what + ": " + answer.errorSummary(),
        kind == FailureKind.RATE_LIMITED ? retryAfter(answer) : null, null);
  }

  static Duration retryAfter(PropexoAnswer answer) {
    return ProviderFailures.retryAfterOrEndOfMinute(answer.headers(), Clock.systemUTC());
  }

  static ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay, Throwable cause) {
    return ProviderFailures.failure(kind, message, nextRetryDelay, cause);
  }

  private JsonNode parse(byte[] body) {
    if (body == null || body.length == 0) {
      return MissingNode.getInstance();
    }
    try {
      return json.readTree(body);
    } catch (IOException notJson) {
      return MissingNode.getInstance();
    }
  }

  private static String stripQuery(String pathAndQuery) {
    int query = pathAndQuery.indexOf('?');
    return query < 0 ? pathAndQuery : pathAndQuery.substring(0, query);
  }
}
