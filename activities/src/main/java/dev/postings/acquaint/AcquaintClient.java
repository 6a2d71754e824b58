package dev.postings.acquaint;

import dev.postings.providers.ProviderCalls;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to Acquaint, its bearer token, and the one place where its answers are classified (DESIGN.md, failure table).
 * The token from {@code POST /v1/auth} is cached and replaced a margin before it expires; a 401 means it was refused
 * anyway (revoked, clock skew), so it is refreshed once and the call sent once more. That second send is safe for a
 * write too: a 401 is answered before the request is processed.
 */
final class AcquaintClient {

  private static final Logger log = LoggerFactory.getLogger(AcquaintClient.class);
  private final ProviderCalls calls = new ProviderCalls("acquaint");
  /** A path segment that is a record id (all digits), folded so that every id of an endpoint shares its budget. */
  private static final Pattern ID_SEGMENT = Pattern.compile("/[0-9]+(?=/|$)");

  enum Call { WRITE, READ }

  private final AcquaintSettings settings;
  private final HttpClient http;
  /** Reads decimals as BigDecimal and writes them plain: amounts stay exact both ways. */
  private final ObjectMapper json;
  private final Clock clock;
  /**
   * Acquaint limits requests per endpoint per key (PROVIDERS.md 2: 100 requests/minute per endpoint per key): one
   * budget per endpoint, {@code POST /v1/auth} included. This client holds one key (one site).
   */
  private final Map<String, RequestPacing> pacingByEndpoint = new ConcurrentHashMap<>();
  private final Object tokenLock = new Object();
  private String token;
  private Instant refreshAt;
  private int tokensObtained;

  AcquaintClient(AcquaintSettings settings, ObjectMapper json, Clock clock) {
    this.settings = settings;
    this.json = exact(json);
    this.clock = clock;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
  }

  /** The mapper Acquaint bodies are written and read with: decimals as BigDecimal, written plain. */
  static ObjectMapper exact(ObjectMapper json) {
    return json.copy()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  /** Sends a request and returns any answer that is not a failure; every failure is thrown classified. */
  AcquaintAnswer send(Call call, String method, String path, Object body, String postingId) {
    AcquaintAnswer answer = exchangeAuthorized(call, method, path, body, postingId);
    if (answer.isSuccess()) {
      return answer;
    }
    throw classify(call, method + " " + stripQuery(path), answer);
  }

  /** Like {@link #send}, but a 404 is an answer (the record does not exist), not a failure. */
  Optional<AcquaintAnswer> sendAllowingNotFound(String path, String postingId) {
    AcquaintAnswer answer = exchangeAuthorized(Call.READ, "GET", path, null, postingId);
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.isSuccess()) {
      return Optional.of(answer);
    }
    throw classify(Call.READ, "GET " + stripQuery(path), answer);
  }

  /** Tokens obtained from {@code /v1/auth} by this client so far. */
  int tokensObtained() {
    synchronized (tokenLock) {
      return tokensObtained;
    }
  }

  private AcquaintAnswer exchangeAuthorized(Call call, String method, String path, Object body, String postingId) {
    String bearer = bearer(postingId);
    AcquaintAnswer answer = exchange(call, method, path, body, bearer, postingId);
    if (answer.status() == 401) {
      log.info("posting {}: Acquaint refused the token on {} {}; refreshing it once", postingId, method,
          stripQuery(path));
      forget(bearer);
      answer = exchange(call, method, path, body, bearer(postingId), postingId);
    }
    return answer;
  }

  /** The cached token, or a new one when there is none or it is within the refresh margin of its expiry. */
  private String bearer(String postingId) {
    synchronized (tokenLock) {
      if (token == null || !clock.instant().isBefore(refreshAt)) {
        authenticate(postingId);
      }
      return token;
    }
  }

  private void forget(String refused) {
    synchronized (tokenLock) {
      if (refused.equals(token)) {
        token = null;
      }
    }
  }

  /** {@code POST /v1/auth}. Not a write: whatever goes wrong here, the payment itself was not sent. */
  private void authenticate(String postingId) {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("apiKey", settings.apiKey());
    credentials.put("sitePrefix", settings.sitePrefix());
    Instant asked = clock.instant();
    AcquaintAnswer answer;
    try {
      answer = exchange(Call.READ, "POST", "/v1/auth", credentials, null, postingId);
    } catch (ApplicationFailure failure) {
      if (FailureKind.RATE_LIMITED.name().equals(failure.getType())) {
        // our pacing of /v1/auth had no slot: nothing was sent, come back at its slot (the failure's retry delay)
        throw failure;
      }
      throw failure(FailureKind.NOT_SENT.name().equals(failure.getType()) ? FailureKind.NOT_SENT
          : FailureKind.PROVIDER_UNAVAILABLE, "Acquaint authentication failed, nothing was sent: "
          + failure.getOriginalMessage(), null, failure);
    }
    if (answer.status() == 429) {
      throw failure(FailureKind.RATE_LIMITED, "Acquaint POST /v1/auth: " + answer.errorSummary(), retryAfter(answer),
          null);
    }
    if (answer.status() >= 500 || answer.status() == 408) {
      throw failure(FailureKind.PROVIDER_UNAVAILABLE, "Acquaint POST /v1/auth: " + answer.errorSummary(), null, null);
    }
    if (!answer.isSuccess()) {
      // 401 (wrong key) or 400 (no key): our credentials, whatever the call was
      throw failure(FailureKind.CREDENTIALS_REFUSED, "Acquaint refused the API key of site " + settings.sitePrefix()
          + " (POST /v1/auth " + answer.errorSummary() + ")", null, null);
    }
    String issued = AcquaintJson.text(answer.body(), "token");
    JsonNode expiresIn = AcquaintJson.field(answer.body(), "expiresIn");
    if (issued == null || issued.isBlank() || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
      throw failure(FailureKind.PROVIDER_UNAVAILABLE, "Acquaint POST /v1/auth answered without token and expiresIn",
          null, null);
    }
    Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
    // A margin as long as the token itself would refresh on every call: never use more than half of the lifetime.
    Duration margin = settings.tokenRefreshMargin().compareTo(lifetime.dividedBy(2)) > 0
        ? lifetime.dividedBy(2) : settings.tokenRefreshMargin();
    token = issued;
    refreshAt = asked.plus(lifetime).minus(margin);
    tokensObtained++;
    log.info("posting {}: Acquaint token obtained for site {}, valid {}s", postingId, settings.sitePrefix(),
        lifetime.toSeconds());
  }

  private AcquaintAnswer exchange(Call call, String method, String path, Object body, String bearer,
      String postingId) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + path))
        .timeout(settings.requestTimeout())
        .header("Accept", "application/json");
    if (bearer != null) {
      request.header("Authorization", "Bearer " + bearer);
    }
    try {
      if (body != null) {
        request.header("Content-Type", "application/json")
            .method(method, HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)));
      } else {
        request.method(method, HttpRequest.BodyPublishers.noBody());
      }
    } catch (IOException e) {
      throw ApplicationFailure.newNonRetryableFailureWithCause("cannot encode the request body",
          FailureKind.REJECTED.name(), e);
    }
    String what = method + " " + stripQuery(path);
    // waits for this request's slot, or throws RATE_LIMITED / NOT_SENT: either way nothing was sent
    pacingByEndpoint.computeIfAbsent(endpoint(method, path), endpoint -> new RequestPacing("acquaint", settings.rateLimit()))
        .awaitSlot("Acquaint " + what);
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      log.info("posting {}: Acquaint {} -> {} in {} ms", postingId, what, response.statusCode(),
          (System.nanoTime() - started) / 1_000_000);
      calls.record(what, String.valueOf(response.statusCode()), started);
      return new AcquaintAnswer(response.statusCode(), response.headers(), parse(response.body()));
    } catch (IOException | UnresolvedAddressException failed) {
      IOException io = failed instanceof IOException e ? e : new IOException(failed);
      FailureKind kind = ProviderFailures.kindOf(io, call == Call.WRITE);
      calls.record(what, kind == FailureKind.NOT_SENT ? ProviderCalls.NOT_SENT : ProviderCalls.NO_ANSWER, started);
      if (kind == FailureKind.NOT_SENT) {
        log.warn("posting {}: Acquaint {} not sent: {}", postingId, what, failed.toString());
        throw failure(kind, "Acquaint " + what + " not sent: " + failed, null, failed);
      }
      log.warn("posting {}: Acquaint {} lost its answer: {}", postingId, what, failed.toString());
      throw failure(kind, "Acquaint " + what + " sent but no answer: " + failed, null, failed);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      FailureKind kind = call == Call.WRITE ? FailureKind.UNKNOWN_OUTCOME : FailureKind.PROVIDER_UNAVAILABLE;
      throw failure(kind, "Acquaint " + what + " interrupted", null, interrupted);
    }
  }

  /** DESIGN.md's failure table, applied to one Acquaint answer (after the token was refreshed once, for a 401). */
  static ApplicationFailure classify(Call call, String what, AcquaintAnswer answer) {
    FailureKind kind = ProviderFailures.kindOf(answer.status(), call == Call.WRITE);
    return failure(kind, "Acquaint " + what + ": " + answer.errorSummary(),
        kind == FailureKind.RATE_LIMITED ? retryAfter(answer) : null, null);
  }

  static Duration retryAfter(AcquaintAnswer answer) {
    return ProviderFailures.retryAfterOrEndOfMinute(answer.headers(), Clock.systemUTC());
  }

  static ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay, Throwable cause) {
    return ProviderFailures.failure(kind, message, nextRetryDelay, cause);
  }

  /**
   * The endpoint a request counts against: method and path without query, lower case, numeric ids folded; the same
   * key as the sandbox's AcquaintGate, which applies Acquaint's per-endpoint limit.
   */
  static String endpoint(String method, String path) {
    return method + " " + ID_SEGMENT.matcher(stripQuery(path).toLowerCase(Locale.ROOT)).replaceAll("/{id}");
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

  private static String stripQuery(String path) {
    int query = path.indexOf('?');
    return query < 0 ? path : path.substring(0, query);
  }
}
