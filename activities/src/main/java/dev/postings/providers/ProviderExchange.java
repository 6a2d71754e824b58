package dev.postings.providers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.postings.model.PostingRequest;
import dev.postings.workflow.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import io.temporal.activity.Activity;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * HTTP to one provider API, the same way for every provider: build the request, wait for its pacing slot, authorise
 * and send it with the connection's timeouts, time it, record it by route template ({@link ProviderCalls}), classify a
 * request that got no answer (not sent, or sent and its answer lost), parse the body tolerantly, and classify an
 * answer that is not a success through the one failure table ({@link ProviderFailures}). What a provider does its own
 * way (authorisation, error bodies, how its limit is counted) is its {@link ProviderProtocol}.
 *
 * <p>Logs name the call, the status and the time, never a body: request bodies can hold cardholder data (storEDGE).
 */
public final class ProviderExchange {

  /** What a call does, which decides what a 5xx or a lost answer means: a write may have landed, a read did not. */
  public enum Call { WRITE, READ }

  private static final Logger log = LoggerFactory.getLogger(ProviderExchange.class);

  private final ProviderProtocol protocol;
  private final ProviderConnection connection;
  private final ObjectMapper json;
  private final HttpClient http;
  private final ProviderCalls calls;
  private final MeterRegistry registry;
  private final LongSupplier nanoTime;
  private final RequestPacing.Sleeper sleeper;
  /** One pacing per budget of the provider's limit ({@link ProviderProtocol#budget}), made at its first request. */
  private final Map<String, RequestPacing> pacing = new ConcurrentHashMap<>();
  /** The rate limit shared by every worker, when the connection's credential is paced there; null: {@link #pacing}. */
  private SharedPacing shared;
  /** The credential's budget name in {@link #shared}: a keyed hash, never the credential. */
  private String credentialKey;
  /** The shared pacing's waits and refusals, under the local pacing's meters (dashboards read them). */
  private Timer sharedWaits;
  private Counter sharedRefusals;

  /**
   * @param json the provider's body mapping: how request bodies are written and answers read (Acquaint's keeps
   *     decimals exact)
   */
  public ProviderExchange(ProviderProtocol protocol, ProviderConnection connection, ObjectMapper json) {
    this(protocol, connection, json, Metrics.globalRegistry, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  /** With the registry metrics go to and the clock and sleeper of the pacing (tests). */
  ProviderExchange(ProviderProtocol protocol, ProviderConnection connection, ObjectMapper json, MeterRegistry registry,
      LongSupplier nanoTime, RequestPacing.Sleeper sleeper) {
    this.protocol = protocol;
    this.connection = connection;
    this.json = json;
    this.registry = registry;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.calls = new ProviderCalls(protocol.name(), registry);
    this.http = HttpClient.newBuilder().connectTimeout(connection.connectTimeout()).build();
  }

  /**
   * Paces this exchange's requests through {@code shared} (every worker together) under the credential's budget name,
   * instead of in this process; unchanged when {@code shared} is null. Called once, right after construction.
   */
  ProviderExchange sharedBy(SharedPacing shared, String credentialKey, String connectionId) {
    if (shared != null && credentialKey != null && connection.rateLimit().paced()) {
      this.shared = shared;
      this.credentialKey = credentialKey;
      this.sharedWaits = RequestPacing.waits(protocol.name(), registry);
      this.sharedRefusals = RequestPacing.refusals(protocol.name(), registry);
    }
    return this;
  }

  /** Sends a request and returns its answer when it is a success; every failure is thrown classified. */
  public ProviderAnswer send(Call call, Route route, Object body) {
    ProviderAnswer answer = exchange(call, route, body, List.of());
    if (answer.isSuccess()) {
      return answer;
    }
    throw classify(call, route.what(), answer, List.of());
  }

  /** Like {@link #send} without a body, but a 404 is an answer (the record does not exist), not a failure. */
  public Optional<ProviderAnswer> sendAllowingNotFound(Call call, Route route) {
    ProviderAnswer answer = exchange(call, route, null, List.of());
    if (answer.status() == 404) {
      return Optional.empty();
    }
    if (answer.isSuccess()) {
      return Optional.of(answer);
    }
    throw classify(call, route.what(), answer, List.of());
  }

  /**
   * Sends one request and returns whatever the provider answered, success or not; only a request that got no answer
   * is thrown, classified. A 401 to credentials the protocol renews is sent once more with the new ones.
   *
   * @param secrets values of the request that must not appear in a failure message or log line
   */
  public ProviderAnswer exchange(Call call, Route route, Object body, Collection<String> secrets) {
    byte[] encoded = encode(body);
    String credentials = protocol.credentials(route, this);
    ProviderAnswer answer = once(call, route, encoded, credentials, secrets);
    if (answer.status() == 401 && credentials != null && protocol.renew(credentials)) {
      log.info("posting {}: {} refused the credentials of {}; renewing them once", postingId(),
          protocol.displayName(), route.what());
      answer = once(call, route, encoded, protocol.credentials(route, this), secrets);
    }
    return answer;
  }

  /** The failure an answer that is not a success means ({@link ProviderFailures#classify}). */
  public ApplicationFailure classify(Call call, String what, ProviderAnswer answer, Collection<String> secrets) {
    return ProviderFailures.classify(protocol, call, what, answer, secrets);
  }

  /** A failure of {@code kind}: an unclear write is retryable only where the provider's writes are idempotent. */
  private ApplicationFailure failure(FailureKind kind, String message, Duration nextRetryDelay) {
    return ProviderFailures.failure(kind, message, nextRetryDelay, null, protocol.idempotentWrites());
  }

  private ProviderAnswer once(Call call, Route route, byte[] body, String credentials, Collection<String> secrets) {
    URI uri = connection.resolve(route);
    String what = protocol.displayName() + " " + route.what();
    // Waits for this request's slot, or throws RATE_LIMITED / NOT_SENT: either way nothing was sent. Before the
    // Authorization header is made, so that a signature's timestamp is the time the request leaves.
    String budget = protocol.budget(route.method(), route.pathWithoutQuery());
    if (shared != null) {
      awaitSharedSlot(credentialKey + " " + budget, what);
    } else {
      pacing.computeIfAbsent(budget,
          b -> new RequestPacing(protocol.name(), connection.rateLimit(), registry, nanoTime, sleeper))
          .awaitSlot(what);
    }
    HttpRequest.Builder request = HttpRequest.newBuilder(uri)
        .timeout(connection.requestTimeout())
        .header("Accept", "application/json");
    String authorization = protocol.authorization(credentials, route.method(), uri);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (body != null) {
      request.header("Content-Type", "application/json")
          .method(route.method(), HttpRequest.BodyPublishers.ofByteArray(body));
    } else {
      request.method(route.method(), HttpRequest.BodyPublishers.noBody());
    }
    long started = System.nanoTime();
    try {
      HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      log.info("posting {}: {} -> {} in {} ms", postingId(), what, response.statusCode(),
          (System.nanoTime() - started) / 1_000_000);
      calls.record(route, String.valueOf(response.statusCode()), started);
      return new ProviderAnswer(response.statusCode(), response.headers(), parse(response.body()));
    } catch (IOException | UnresolvedAddressException failed) {
      IOException io = failed instanceof IOException e ? e : new IOException(failed);
      FailureKind kind = ProviderFailures.kindOf(io, call == Call.WRITE);
      String reason = protocol.redact(failed.toString(), secrets);
      calls.record(route, kind == FailureKind.NOT_SENT ? ProviderCalls.NOT_SENT : ProviderCalls.NO_ANSWER, started);
      // No cause on the failure: its message already names the exception, and a cause's text is not redacted.
      if (kind == FailureKind.NOT_SENT) {
        log.warn("posting {}: {} not sent: {}", postingId(), what, reason);
        throw failure(kind, what + " not sent: " + reason, null);
      }
      log.warn("posting {}: {} lost its answer: {}", postingId(), what, reason);
      throw failure(kind, what + " sent but no answer: " + reason, null);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw failure(call == Call.WRITE ? FailureKind.UNKNOWN_OUTCOME : FailureKind.PROVIDER_UNAVAILABLE,
          what + " interrupted", null);
    }
  }

  /**
   * The shared budget's slot: waited for when it is within max-wait; else refused at once with RATE_LIMITED and the
   * next retry at the slot, so that the activity gives its executor slot back to other customers' postings instead of
   * waiting in it. Nothing was sent either way.
   */
  private void awaitSharedSlot(String budget, String what) {
    RequestPacing.Settings limit = connection.rateLimit();
    SharedPacing.Slot slot = shared.take(budget, limit.requestsPerMinute(), limit.maxWait());
    if (!slot.taken()) {
      sharedRefusals.increment();
      log.info("{} refused before sending: the credential's shared rate limit has no slot for {} ms", what,
          slot.delay().toMillis());
      throw ProviderFailures.failure(FailureKind.RATE_LIMITED, what + " not sent: the credential's rate limit of "
          + limit.requestsPerMinute() + "/min (all workers) has no slot within " + limit.maxWait() + " (next in "
          + slot.delay().toMillis() + " ms)", slot.delay().isZero() ? Duration.ofMillis(1) : slot.delay(), null);
    }
    sharedWaits.record(slot.delay().toNanos(), TimeUnit.NANOSECONDS);
    if (slot.delay().isZero()) {
      return;
    }
    try {
      sleeper.sleep(slot.delay().toNanos());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw ProviderFailures.failure(FailureKind.NOT_SENT, what + " not sent: interrupted while waiting for its"
          + " rate-limit slot", null, interrupted);
    }
  }

  private byte[] encode(Object body) {
    if (body == null) {
      return null;
    }
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw failure(FailureKind.REJECTED, "cannot encode the " + protocol.displayName() + " request body", null);
    }
  }

  /** The body as JSON; MissingNode when empty or not JSON (an HTML error page, a truncated body). */
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

  /** The posting an activity works for, for log lines: the workflow id is {@code posting-<postingId>}. */
  public static String postingId() {
    try {
      String workflowId = Activity.getExecutionContext().getInfo().getWorkflowId();
      return workflowId.startsWith(PostingRequest.WORKFLOW_ID_PREFIX)
          ? workflowId.substring(PostingRequest.WORKFLOW_ID_PREFIX.length()) : workflowId;
    } catch (IllegalStateException | NullPointerException outsideAnActivity) {
      return "-";
    }
  }
}
