package dev.postings.providers;

import static dev.postings.providers.ScriptedServer.answer;
import static dev.postings.providers.ScriptedServer.reset;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.workflow.FailureKind;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The one HTTP exchange every provider adapter uses, over real loopback sockets: each way a call can end is classified
 * by what it proves about the request (never left, or left and its answer lost), answers are parsed tolerantly and
 * classified through the one failure table, and the metric names the route template, never a caller's value.
 */
class ProviderExchangeTest {

  private static final Map<String, Object> BODY = Map.of("amount", 100);
  private static final Route WRITE = Route.of("POST", "/v1/ledgers/{id}/payments", "L-1");
  private static final Route READ = Route.of("GET", "/v1/ledgers/{id}", "L-1");

  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  /** A provider whose error bodies are {@code {"error": "..."}}, authorised by a bearer token; nothing else its own. */
  private static class TestProtocol implements ProviderProtocol {

    @Override
    public String name() {
      return "testprovider";
    }

    @Override
    public String displayName() {
      return "TestProvider";
    }

    @Override
    public String authorization(String credentials, String method, URI uri) {
      return "Bearer fixed";
    }

    @Override
    public String errorSummary(ProviderAnswer answer) {
      String error = answer.body().path("error").asText("");
      return "HTTP " + answer.status() + (error.isEmpty() ? "" : " " + error);
    }
  }

  private ProviderExchange exchange(URI baseUrl, Duration requestTimeout, ProviderProtocol protocol) {
    return new ProviderExchange(protocol, new ProviderConnection(baseUrl, Duration.ofSeconds(2), requestTimeout, null),
        new ObjectMapper(), registry, System::nanoTime, nanos -> {
          throw new AssertionError("unpaced: nothing waits");
        });
  }

  private ProviderExchange exchange(URI baseUrl) {
    return exchange(baseUrl, Duration.ofSeconds(5), new TestProtocol());
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an ApplicationFailure");
  }

  private long calls(String operation, String status) {
    return registry.find(ProviderCalls.METER).tags("provider", "testprovider", "operation", operation,
        "status", status).timers().stream().mapToLong(timer -> timer.count()).sum();
  }

  @Test
  void aRefusedConnectionIsNotSentForAWriteToo() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ProviderExchange exchange = exchange(URI.create("http://127.0.0.1:" + closedPort));

    ApplicationFailure failure = failureOf(() -> exchange.send(Call.WRITE, WRITE, BODY));

    assertThat(failure.getType()).isEqualTo(FailureKind.NOT_SENT.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(failure.getOriginalMessage()).startsWith("TestProvider POST /v1/ledgers/L-1/payments not sent: ");
    assertThat(calls("POST /v1/ledgers/{id}/payments", ProviderCalls.NOT_SENT)).isEqualTo(1);
  }

  @Test
  void aResetAfterTheRequestArrivedLosesTheAnswerOfAWriteAndARead() throws Exception {
    try (ScriptedServer provider = new ScriptedServer(reset())) {
      ProviderExchange exchange = exchange(provider.baseUrl());

      ApplicationFailure write = failureOf(() -> exchange.send(Call.WRITE, WRITE, BODY));
      ApplicationFailure read = failureOf(() -> exchange.send(Call.READ, READ, null));

      // the provider had the whole write: it may have applied it, so it is unclear and never sent again by Temporal
      assertThat(provider.received().get(0).body()).isEqualTo("{\"amount\":100}");
      assertThat(write.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
      assertThat(write.isNonRetryable()).isTrue();
      assertThat(write.getOriginalMessage()).contains("sent but no answer");
      assertThat(read.getType()).isEqualTo(FailureKind.PROVIDER_UNAVAILABLE.name());
      assertThat(read.isNonRetryable()).isFalse();
      // the write is never re-sent; the JDK's client may send an idempotent GET once more on its own
      assertThat(provider.received()).filteredOn(request -> request.method().equals("POST")).hasSize(1);
      assertThat(calls("POST /v1/ledgers/{id}/payments", ProviderCalls.NO_ANSWER)).isEqualTo(1);
      assertThat(calls("GET /v1/ledgers/{id}", ProviderCalls.NO_ANSWER)).isEqualTo(1);
    }
  }

  @Test
  @Timeout(10)
  void anAnswerSlowerThanTheRequestTimeoutIsLost() throws Exception {
    try (ScriptedServer provider = new ScriptedServer(ScriptedServer.hold())) {
      ProviderExchange exchange = exchange(provider.baseUrl(), Duration.ofMillis(300), new TestProtocol());
      long started = System.nanoTime();

      ApplicationFailure write = failureOf(() -> exchange.send(Call.WRITE, WRITE, BODY));

      assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(4));
      assertThat(provider.received()).hasSize(1);
      assertThat(write.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
      assertThat(write.getOriginalMessage()).contains("sent but no answer", "HttpTimeoutException");
      assertThat(calls("POST /v1/ledgers/{id}/payments", ProviderCalls.NO_ANSWER)).isEqualTo(1);
    }
  }

  @Test
  void a429IsRateLimitedUntilItsRetryAfterWithTheProvidersReason() throws Exception {
    try (ScriptedServer provider = new ScriptedServer(answer(429, Map.of("Retry-After", "7",
        "Content-Type", "application/json"), "{\"error\":\"slow down\"}"))) {
      ApplicationFailure limited = failureOf(() -> exchange(provider.baseUrl()).send(Call.WRITE, WRITE, BODY));

      assertThat(limited.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
      assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
      assertThat(limited.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
      assertThat(limited.isNonRetryable()).isFalse();
      assertThat(limited.getOriginalMessage()).isEqualTo("TestProvider POST /v1/ledgers/L-1/payments: HTTP 429 slow down");
      assertThat(calls("POST /v1/ledgers/{id}/payments", "429")).isEqualTo(1);
    }
  }

  @Test
  void aBodyThatIsNotJsonIsParsedAsNoBodyAndClassifiedByItsStatus() throws Exception {
    try (ScriptedServer provider = new ScriptedServer(
        answer(200, Map.of("Content-Type", "application/json"), "{\"id\": \"truncat"),
        answer(200, Map.of("Content-Type", "text/html"), "<html>maintenance</html>"),
        answer(502, Map.of("Content-Type", "text/html"), "<html>Bad Gateway</html>"))) {
      ProviderExchange exchange = exchange(provider.baseUrl());

      ProviderAnswer truncated = exchange.send(Call.READ, READ, null);
      ProviderAnswer html = exchange.send(Call.READ, READ, null);
      ApplicationFailure gateway = failureOf(() -> exchange.send(Call.WRITE, WRITE, BODY));

      assertThat(truncated.status()).isEqualTo(200);
      assertThat(truncated.body().isMissingNode()).isTrue();
      assertThat(html.body().isMissingNode()).isTrue();
      assertThat(gateway.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
      assertThat(gateway.getOriginalMessage()).isEqualTo("TestProvider POST /v1/ledgers/L-1/payments: HTTP 502");
    }
  }

  @Test
  void theMetricNamesTheRouteTemplateNeverTheCallersValue() throws Exception {
    try (ScriptedServer provider = new ScriptedServer(answer(200, Map.of(), "{}"))) {
      ProviderExchange exchange = exchange(provider.baseUrl());

      exchange.send(Call.READ, Route.of("GET", "/v1/{id}/ledgers/{id}", "facility-abc", "ledger of Mr Smith")
          .withQuery(Map.of("resident", "res-xyz")), null);

      assertThat(provider.received().get(0).target())
          .isEqualTo("/v1/facility-abc/ledgers/ledger%20of%20Mr%20Smith?resident=res-xyz");
      assertThat(calls("GET /v1/{id}/ledgers/{id}", "200")).isEqualTo(1);
      for (Meter meter : registry.getMeters()) {
        assertThat(meter.getId().getTags().toString()).doesNotContain("facility-abc", "Smith", "res-xyz");
      }
    }
  }

  @Test
  void aRefusedCredentialIsRenewedAndTheCallSentOnceMoreOnly() throws Exception {
    AtomicInteger issued = new AtomicInteger();
    AtomicInteger renewals = new AtomicInteger();
    ProviderProtocol tokens = new TestProtocol() {
      @Override
      public String credentials(Route route, ProviderExchange exchange) {
        return "token-" + issued.incrementAndGet();
      }

      @Override
      public String authorization(String credentials, String method, URI uri) {
        return "Bearer " + credentials;
      }

      @Override
      public boolean renew(String refused) {
        renewals.incrementAndGet();
        return true;
      }
    };
    try (ScriptedServer provider = new ScriptedServer(answer(401, Map.of(), "{\"error\":\"expired\"}"),
        answer(200, Map.of(), "{\"id\":\"p1\"}"), answer(401, Map.of(), "{\"error\":\"revoked\"}"))) {
      ProviderExchange exchange = exchange(provider.baseUrl(), Duration.ofSeconds(5), tokens);

      ProviderAnswer renewed = exchange.send(Call.WRITE, WRITE, BODY);
      ApplicationFailure refusedTwice = failureOf(() -> exchange.send(Call.WRITE, WRITE, BODY));

      assertThat(renewed.body().path("id").asText()).isEqualTo("p1");
      assertThat(provider.received()).extracting(request -> request.headers().get("Authorization"))
          .containsExactly("Bearer token-1", "Bearer token-2", "Bearer token-3", "Bearer token-4");
      assertThat(refusedTwice.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
      assertThat(renewals.get()).isEqualTo(2);
    }
  }

  @Test
  void theAuthorizationIsMadeWhenTheRequestLeavesAfterItsPacingSlot() throws Exception {
    AtomicLong now = new AtomicLong(1_000_000_000L);
    List<Long> signedAt = new ArrayList<>();
    ProviderProtocol signing = new TestProtocol() {
      @Override
      public String authorization(String credentials, String method, URI uri) {
        signedAt.add(now.get());
        return "OAuth oauth_timestamp=\"" + now.get() + "\"";
      }
    };
    try (ScriptedServer provider = new ScriptedServer(answer(200, Map.of(), "{}"))) {
      // 60 a minute: one request a second; the second waits one (fake) second for its slot
      ProviderExchange exchange = new ProviderExchange(signing, new ProviderConnection(provider.baseUrl(),
          Duration.ofSeconds(2), Duration.ofSeconds(5), new RequestPacing.Settings(60, Duration.ofSeconds(5))),
          new ObjectMapper(), registry, now::get, now::addAndGet);

      exchange.send(Call.READ, READ, null);
      exchange.send(Call.READ, READ, null);

      assertThat(signedAt).containsExactly(1_000_000_000L, 2_000_000_000L);
      assertThat(provider.received()).hasSize(2);
    }
  }

  @Test
  void aRequestWithoutAPacingSlotWithinMaxWaitIsNeverSent() throws Exception {
    try (ScriptedServer provider = new ScriptedServer(answer(200, Map.of(), "{}"))) {
      ProviderExchange exchange = new ProviderExchange(new TestProtocol(), new ProviderConnection(provider.baseUrl(),
          Duration.ofSeconds(2), Duration.ofSeconds(5), new RequestPacing.Settings(1, Duration.ZERO)),
          new ObjectMapper(), registry, System::nanoTime, nanos -> {
            throw new AssertionError("max-wait 0: nothing waits");
          });

      exchange.send(Call.WRITE, WRITE, BODY);
      ApplicationFailure refused = failureOf(() -> exchange.send(Call.WRITE, WRITE, BODY));

      assertThat(refused.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
      assertThat(refused.getNextRetryDelay()).isPositive();
      assertThat(provider.received()).hasSize(1);
    }
  }

  @Test
  void aCallersValueCannotLeaveItsPathSegment() {
    assertThat(Route.of("GET", "/v1/payments/{id}", "../admin?all=1#x").path())
        .isEqualTo("/v1/payments/..%2Fadmin%3Fall%3D1%23x");
    for (String other : new String[] {"", ".", ".."}) {
      ApplicationFailure refused = failureOf(() -> Route.of("GET", "/v1/payments/{id}", other));
      assertThat(refused.getType()).isEqualTo(FailureKind.REJECTED.name());
      assertThat(refused.isNonRetryable()).isTrue();
    }
  }
}
