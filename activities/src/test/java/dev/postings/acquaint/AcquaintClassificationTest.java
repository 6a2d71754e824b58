package dev.postings.acquaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.RequestPacing;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.acquaint.RentItemRef;
import dev.postings.workflow.acquaint.TransactionRef;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The failure table (docs/failures.md) for Acquaint, row by row, including answers the sandbox does not give on its own (a 401
 * after a fresh token, 5xx, a 429, a lost answer), from a stub server on an ephemeral port.
 */
class AcquaintClassificationTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private HttpServer stub;
  private final AtomicInteger auths = new AtomicInteger();
  private final AtomicInteger calls = new AtomicInteger();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String answer = "{}";
  private volatile Map<String, String> headers = Map.of();
  private volatile boolean hang;

  @BeforeEach
  void startStub() throws IOException {
    stub = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    stub.createContext("/v1/auth", exchange -> {
      auths.incrementAndGet();
      byte[] body = ("{\"token\":\"t" + auths.get() + "\",\"expiresIn\":3600}").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stub.createContext("/17.0", exchange -> {
      calls.incrementAndGet();
      if (hang) {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      byte[] body = answer.getBytes(StandardCharsets.UTF_8);
      headers.forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    });
    stub.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    stub.start();
  }

  @AfterEach
  void stopStub() {
    release.countDown();
    stub.stop(0);
  }

  private AcquaintAdapter adapter(Duration requestTimeout) {
    URI base = URI.create("http://127.0.0.1:" + stub.getAddress().getPort());
    return new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(base, Duration.ofSeconds(2), requestTimeout,
        RequestPacing.Settings.UNPACED), "k", "S", Duration.ofMinutes(1)), JSON, Clock.systemUTC());
  }

  private static ChargePayment charge() {
    return new ChargePayment(7001, Instant.parse("2026-03-13T12:39:00Z"), 3, 100, "R", null, null, 8, false);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an ApplicationFailure");
  }

  private static ApplicationFailure classify(Call call, String what, ProviderAnswer answer) {
    return ProviderFailures.classify(new AcquaintProtocol(null, Clock.systemUTC()), call, what, answer, List.of());
  }

  private static ProviderAnswer answer(int status, Map<String, List<String>> headers) throws Exception {
    return new ProviderAnswer(status, HttpHeaders.of(headers, (a, b) -> true), JSON.readTree(
        "{\"Message\":\"The request is invalid.\",\"ModelState\":{\"request.AmountReceived\":[\"bad\"]}}"));
  }

  @ParameterizedTest
  @CsvSource({
      "400, WRITE, REJECTED, true",
      "404, WRITE, REJECTED, true",
      "401, WRITE, CREDENTIALS_REFUSED, false",
      "403, READ, CREDENTIALS_REFUSED, false",
      "429, WRITE, RATE_LIMITED, false",
      "500, WRITE, UNKNOWN_OUTCOME, true",
      "503, WRITE, UNKNOWN_OUTCOME, true",
      "408, WRITE, UNKNOWN_OUTCOME, true",
      "500, READ, PROVIDER_UNAVAILABLE, false",
      "504, READ, PROVIDER_UNAVAILABLE, false"})
  void classifiesEachAnswer(int status, Call call, FailureKind kind, boolean nonRetryable) throws Exception {
    ApplicationFailure failure = classify(call, "POST /x", answer(status, Map.of()));
    assertThat(failure.getType()).isEqualTo(kind.name());
    assertThat(failure.isNonRetryable()).isEqualTo(nonRetryable);
  }

  @Test
  void aRejectionNamesTheModelStateField() throws Exception {
    assertThat(classify(Call.WRITE, "POST /x", answer(400, Map.of())).getOriginalMessage())
        .contains("The request is invalid.", "request.AmountReceived: bad");
  }

  @Test
  void a401AfterAFreshTokenIsCredentialsRefusedAfterExactlyOneRetry() {
    status = 401;
    answer = "{\"Message\":\"Authorization has been denied for this request.\"}";

    ApplicationFailure refused = failureOf(() -> adapter(Duration.ofSeconds(5)).payCharge(charge()));

    assertThat(refused.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(auths.get()).isEqualTo(2);
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void a429WaitsForRetryAfter() {
    status = 429;
    headers = Map.of("Retry-After", "17");
    answer = "{\"Message\":\"API calls quota exceeded! maximum admitted 100 per 1m.\"}";

    ApplicationFailure limited = failureOf(() -> adapter(Duration.ofSeconds(5)).readTransaction(new TransactionRef(1)));

    assertThat(limited.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
    assertThat(limited.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(17));
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void a500IsAnUnknownOutcomeForAWriteAndUnavailableForARead() {
    status = 500;
    answer = "{\"Message\":\"An error has occurred.\"}";
    AcquaintAdapter adapter = adapter(Duration.ofSeconds(5));

    assertThat(failureOf(() -> adapter.payCharge(charge())).getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
    assertThat(failureOf(() -> adapter.readRentItem(new RentItemRef(1, 1))).getType())
        .isEqualTo(FailureKind.PROVIDER_UNAVAILABLE.name());
    assertThat(calls.get()).isEqualTo(2); // never re-sent by the adapter
  }

  @Test
  void aTimeoutAfterSendingIsAnUnknownOutcomeForAWrite() {
    hang = true;
    // The token is fetched under the same request timeout first: long enough for that answer on a loaded machine
    // (300 ms was not), while the write's answer never comes.
    ApplicationFailure unclear = failureOf(() -> adapter(Duration.ofSeconds(2)).payCharge(charge()));
    assertThat(unclear.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
    assertThat(unclear.isNonRetryable()).isTrue();
  }

  @Test
  void aBareIntegerFromAnOlderVersionIsTheTransactionId() {
    answer = "9001";
    assertThat(adapter(Duration.ofSeconds(5)).payCharge(charge()).transactionId()).isEqualTo(9001);
  }

  @Test
  void a200WithoutATransactionIdIsAnUnknownOutcomeNotASuccess() {
    answer = "{\"ok\":true}";
    assertThat(failureOf(() -> adapter(Duration.ofSeconds(5)).payCharge(charge())).getType())
        .isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
  }
}
