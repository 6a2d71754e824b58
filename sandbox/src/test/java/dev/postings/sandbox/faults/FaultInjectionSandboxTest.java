package dev.postings.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The sandbox-wide fault injector over HTTP: each kind of fault, that an "applied" fault leaves the write on the
 * ledger, the control endpoint with its counters, and that a seed makes a plan's faults reproducible.
 */
class FaultInjectionSandboxTest {

  private static final String TOKEN = "faults-test-token";
  private static final Duration READ_TIMEOUT = Duration.ofMillis(800);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext sandbox;
  private static String base;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.propexo.tokens=" + TOKEN,
        "--sandbox.propexo.job-pending-for=0s", "--sandbox.propexo.rate-limit.slowdown-delay=0s",
        // just above this test's client read timeout, as the adapters' tests do
        "--sandbox.faults.hold=1200ms");
    base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @BeforeEach
  void noFaults() throws Exception {
    control("DELETE", "/sandbox/faults", null);
  }

  private static JsonNode control(String method, String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static void arm(String scope, FaultKind kind) throws Exception {
    control("POST", "/sandbox/faults/next", "{\"scope\":\"" + scope + "\",\"kind\":\"" + kind + "\"}");
  }

  private static HttpResponse<String> pay(String reference, String paymentType) throws Exception {
    String body = "{\"integration_id\":\"intg_f\",\"lease_id\":\"lease_f\",\"resident_id\":\"res_f\","
        + "\"financial_account_id\":\"fa_f\",\"amount_in_cents\":5000,\"transaction_date\":\"2024-01-15\","
        + "\"payment_type\":\"" + paymentType + "\",\"reference_number\":\"" + reference + "\"}";
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/resident-payments/propertyware_rest/"))
        .timeout(READ_TIMEOUT)
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> read() throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/resident-payments/?resident_id=res_none"))
        .timeout(READ_TIMEOUT).header("Authorization", "Bearer " + TOKEN).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static long recordsWithReference(String reference) throws Exception {
    JsonNode ledger = control("GET", "/sandbox/ledger/propertyware", null);
    long n = 0;
    for (JsonNode entry : ledger.path("entries")) {
      if (reference.equals(entry.path("postingKey").asText())) {
        n++;
      }
    }
    return n;
  }

  private static String reference() {
    return "F-" + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void aResetClosesTheConnectionWithoutAnswerButTheWriteLanded() throws Exception {
    arm("propertyware-writes", FaultKind.CONNECTION_RESET);
    String reference = reference();

    long started = System.nanoTime();
    assertThatThrownBy(() -> pay(reference, "CHECK")).isInstanceOf(IOException.class)
        .isNotInstanceOf(HttpTimeoutException.class);

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(READ_TIMEOUT);
    assertThat(recordsWithReference(reference)).isEqualTo(1);
    assertThat(control("GET", "/sandbox/faults", null)
        .at("/counters/propertyware-writes/injected/CONNECTION_RESET").asLong()).isEqualTo(1);
  }

  @Test
  void aHeldAnswerOutlastsTheClientsTimeoutButTheWriteLanded() throws Exception {
    arm("propertyware-writes", FaultKind.HOLD_PAST_TIMEOUT);
    String reference = reference();

    assertThatThrownBy(() -> pay(reference, "CHECK")).isInstanceOf(HttpTimeoutException.class);

    assertThat(recordsWithReference(reference)).isEqualTo(1);
    // the held thread does not stop the sandbox from answering others meanwhile
    assertThat(read().statusCode()).isEqualTo(200);
  }

  @Test
  void anErrorAfterApplyAnswers500InTheProvidersShapeWithTheWriteLanded() throws Exception {
    arm("propertyware-writes", FaultKind.ERROR_AFTER_APPLY);
    String reference = reference();

    HttpResponse<String> answer = pay(reference, "CHECK");

    assertThat(answer.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(answer.body()).at("/error/code").asText()).isEqualTo("internal_server_error");
    assertThat(recordsWithReference(reference)).isEqualTo(1);
  }

  @Test
  void anErrorBeforeApplyAnswers500AndNothingLanded() throws Exception {
    arm("propertyware-writes", FaultKind.ERROR_BEFORE_APPLY);
    String reference = reference();

    assertThat(pay(reference, "CHECK").statusCode()).isEqualTo(500);
    assertThat(recordsWithReference(reference)).isZero();
  }

  @Test
  void aRefusedWriteIsAnsweredAsUsualAndLeavesTheArmedFaultForTheNextWrite() throws Exception {
    arm("propertyware-writes", FaultKind.ERROR_AFTER_APPLY);

    assertThat(pay(reference(), "NOT_A_TYPE").statusCode()).isEqualTo(400);
    String reference = reference();
    assertThat(pay(reference, "CHECK").statusCode()).isEqualTo(500);

    assertThat(recordsWithReference(reference)).isEqualTo(1);
    JsonNode counters = control("GET", "/sandbox/faults", null).at("/counters/propertyware-writes");
    assertThat(counters.path("requests").asLong()).isEqualTo(2);
    assertThat(counters.at("/injected/ERROR_AFTER_APPLY").asLong()).isEqualTo(1);
  }

  @Test
  void aRateLimitAnswers429WithRetryAfter() throws Exception {
    control("POST", "/sandbox/faults/next",
        "{\"scope\":\"propexo-reads\",\"kind\":\"RATE_LIMITED\",\"duration\":\"PT7S\"}");

    HttpResponse<String> answer = read();

    assertThat(answer.statusCode()).isEqualTo(429);
    assertThat(answer.headers().firstValue("Retry-After")).hasValue("7");
    assertThat(read().statusCode()).isEqualTo(200);
  }

  @Test
  void aLatencySpikeAnswersNormallyButLate() throws Exception {
    control("POST", "/sandbox/faults/next", "{\"scope\":\"propexo-reads\",\"kind\":\"LATENCY\",\"duration\":\"PT0.4S\"}");

    long started = System.nanoTime();
    HttpResponse<String> answer = read();

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(400));
  }

  @Test
  void aPlanSetAtRuntimeInjectsByItsOddsCountsAndIsReproducibleFromItsSeed() throws Exception {
    String plan = "{\"seed\":7,\"odds\":{\"propexo-reads\":{\"errorBeforeApply\":0.5}}}";
    control("PUT", "/sandbox/faults", plan);
    List<Integer> first = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      first.add(read().statusCode());
    }
    JsonNode counters = control("GET", "/sandbox/faults", null).at("/counters/propexo-reads");

    control("PUT", "/sandbox/faults", plan);
    List<Integer> second = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      second.add(read().statusCode());
    }

    assertThat(first).contains(200, 500).isEqualTo(second);
    assertThat(counters.path("requests").asLong()).isEqualTo(20);
    assertThat(counters.at("/injected/ERROR_BEFORE_APPLY").asLong())
        .isEqualTo(first.stream().filter(status -> status == 500).count());

    control("DELETE", "/sandbox/faults", null);
    for (int i = 0; i < 10; i++) {
      assertThat(read().statusCode()).isEqualTo(200);
    }
  }

  @Test
  void aPlanWithImpossibleOddsIsRefused() throws Exception {
    HttpResponse<String> refused = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/sandbox/faults"))
        .PUT(HttpRequest.BodyPublishers.ofString("{\"odds\":{\"propexo-reads\":{\"errorBeforeApply\":0.8,"
            + "\"rateLimited\":0.5}}}"))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(400);
  }

  @Test
  void theLedgerListsEveryAppliedPaymentByPostingKeyAndNamesDuplicates() throws Exception {
    String reference = reference();
    pay(reference, "CHECK");
    pay(reference, "CASH");

    JsonNode ledger = control("GET", "/sandbox/ledger/propertyware", null);

    assertThat(ledger.at("/duplicates/" + reference).asLong()).isEqualTo(2);
    assertThat(ledger.path("entries").findValuesAsText("postingKey")).contains(reference);
    for (String provider : List.of("resman", "acquaint", "storedge")) {
      assertThat(control("GET", "/sandbox/ledger/" + provider, null).path("provider").asText()).isEqualTo(provider);
    }
  }
}
