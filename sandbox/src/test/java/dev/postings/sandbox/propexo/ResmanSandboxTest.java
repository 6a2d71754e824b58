package dev.postings.sandbox.propexo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * ResMan through Propexo: a successful job only reaches the Partner Transactions tab; the PMC decides; an approved
 * payment becomes a record at the next sync; a known batch id is a duplicate; webhooks are signed.
 */
class ResmanSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration SYNC = Duration.ofHours(12);
  private static final List<Map.Entry<String, String>> WEBHOOKS = new CopyOnWriteArrayList<>();
  private static ConfigurableApplicationContext sandbox;
  private static HttpServer receiver;
  private static SandboxClock clock;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/hooks", exchange -> {
      WEBHOOKS.add(Map.entry(exchange.getRequestHeaders().getFirst("propexo-signature"),
          new String(exchange.getRequestBody().readAllBytes())));
      exchange.sendResponseHeaders(204, -1);
      exchange.close();
    });
    receiver.start();
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.propexo.tokens=tok",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s", "--sandbox.propexo.rate-limit.requests-per-minute=10000",
        "--sandbox.propexo.job-pending-for=5s",
        "--sandbox.propexo.resman.auto-approve-after=1h",
        "--sandbox.propexo.resman.sync-interval=" + SYNC,
        "--sandbox.propexo.webhooks.url=http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks",
        "--sandbox.propexo.webhooks.secret=whsec");
    base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    clock = sandbox.getBean(SandboxClock.class);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
    receiver.stop(0);
  }

  private static JsonNode call(String method, String path, String body) throws Exception {
    HttpResponse<String> response = send(method, path, body);
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> send(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .header("Authorization", "Bearer tok")
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String payment(String resident, String batch, String reference) {
    return "{\"integration_id\":\"intg_rm\",\"resident_id\":\"" + resident + "\",\"payment_type\":\"Check\","
        + "\"batch_id\":\"" + batch + "\",\"transaction_date\":\"2024-06-15T14:45:00Z\",\"description\":\"June rent\","
        + "\"notes\":\"posted by payments\",\"amount_in_cents\":125000,\"reference_number\":\"" + reference + "\"}";
  }

  private static String submitAndSettle(String body) throws Exception {
    String job = call("POST", "/v1/resident-payments/resman/", body).at("/meta/job_id").asText();
    clock.advance(Duration.ofSeconds(6));
    return job;
  }

  private static List<String> records(String resident) throws Exception {
    return call("GET", "/v1/resident-payments/?resident_id=" + resident, null).path("results")
        .findValuesAsText("id");
  }

  @Test
  void everyFieldIsRequiredTheDateIsADateTimeAndThePaymentTypeIsResmans() throws Exception {
    HttpResponse<String> response = send("POST", "/v1/resident-payments/resman/",
        "{\"integration_id\":\"intg_rm\",\"payment_type\":\"CHECK\",\"transaction_date\":\"2024-06-15\","
            + "\"amount_in_cents\":100}");

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode issues = JSON.readTree(response.body()).at("/error/details/issues");
    assertThat(issues.findValues("path").stream().map(JsonNode::toString).toList()).contains(
        "[\"resident_id\"]", "[\"batch_id\"]", "[\"description\"]", "[\"notes\"]", "[\"reference_number\"]",
        "[\"payment_type\"]", "[\"transaction_date\"]");
  }

  @Test
  void aSuccessfulJobOnlyDeliversToPartnerTransactionsAndTheRecordComesAtTheSyncAfterApproval() throws Exception {
    String job = submitAndSettle(payment("res_a", "batch-a", "REF-A"));

    JsonNode status = call("GET", "/v1/admin/write-status/" + job, null);
    assertThat(status.path("write_status").asText()).isEqualTo("SUCCESS");
    assertThat(status.path("created_record_id").isNull()).isTrue();
    JsonNode pending = call("GET", "/sandbox/resman/partner-transactions?status=PENDING_APPROVAL", null);
    assertThat(pending.path("results").findValuesAsText("batch_id")).contains("batch-a");

    assertThat(call("POST", "/sandbox/resman/partner-transactions/batch-a/approve", null).path("status").asText())
        .isEqualTo("APPROVED");
    assertThat(records("res_a")).as("approved, but Propexo has not synced yet").isEmpty();

    clock.advance(SYNC);
    List<String> records = records("res_a");
    assertThat(records).hasSize(1);
    JsonNode record = call("GET", "/v1/resident-payments/" + records.get(0), null).path("results");
    assertThat(record.path("integration_vendor").asText()).isEqualTo("RESMAN");
    assertThat(record.path("reference_number").asText()).isEqualTo("REF-A");
    assertThat(record.path("amount_in_cents").asLong()).isEqualTo(125000);

    await().atMost(Duration.ofSeconds(5)).until(() -> WEBHOOKS.stream()
        .anyMatch(w -> w.getValue().contains("DATA_NEW") && w.getValue().contains(records.get(0))));
    Map.Entry<String, String> dataNew = WEBHOOKS.stream()
        .filter(w -> w.getValue().contains(records.get(0))).findFirst().orElseThrow();
    assertThat(dataNew.getKey()).isEqualTo(PropexoWebhooks.sign("whsec", dataNew.getValue().getBytes()));
    JsonNode payload = JSON.readTree(dataNew.getValue());
    assertThat(payload.path("trigger").asText()).isEqualTo("DATA_NEW");
    assertThat(payload.at("/data/integration_id").asText()).isEqualTo("intg_rm");
    assertThat(payload.at("/data/object").asText()).isEqualTo("resident-payments");
  }

  @Test
  void aRejectedTransactionNeverBecomesARecord() throws Exception {
    submitAndSettle(payment("res_r", "batch-r", "REF-R"));

    call("POST", "/sandbox/resman/partner-transactions/batch-r/reject", null);
    clock.advance(SYNC.multipliedBy(2));

    assertThat(records("res_r")).isEmpty();
    assertThat(call("POST", "/sandbox/resman/partner-transactions/batch-r/approve", null).path("status").asText())
        .as("a decision is final").isEqualTo("REJECTED");
  }

  @Test
  void theStandInPmcApprovesAfterItsDelayAndRejectsByReference() throws Exception {
    submitAndSettle(payment("res_auto", "batch-auto-1", "REF-AUTO"));
    submitAndSettle(payment("res_auto", "batch-auto-2", "REJECT-AUTO"));

    clock.advance(Duration.ofHours(1));
    clock.advance(SYNC);

    List<String> records = records("res_auto");
    assertThat(records).hasSize(1);
    assertThat(call("GET", "/v1/resident-payments/" + records.get(0), null).at("/results/reference_number").asText())
        .isEqualTo("REF-AUTO");
  }

  @Test
  void aKnownBatchIdFailsAsADuplicateAndTheFailureWebhookIsSigned() throws Exception {
    submitAndSettle(payment("res_d", "batch-d", "REF-D"));
    String second = submitAndSettle(payment("res_d", "batch-d", "REF-D"));

    JsonNode status = call("GET", "/v1/admin/write-status/" + second, null);
    assertThat(status.path("write_status").asText()).isEqualTo("FAILURE");
    assertThat(status.path("errors").get(0).asText())
        .isEqualTo("Failed to write resident transaction: Duplicate transaction ID");
    await().atMost(Duration.ofSeconds(5)).until(() -> WEBHOOKS.stream()
        .anyMatch(w -> w.getValue().contains("WRITE_OPERATION_FAILURE") && w.getValue().contains(second)));
    Map.Entry<String, String> failure = WEBHOOKS.stream().filter(w -> w.getValue().contains(second)).findFirst()
        .orElseThrow();
    assertThat(failure.getKey()).isEqualTo(PropexoWebhooks.sign("whsec", failure.getValue().getBytes()));
    assertThat(JSON.readTree(failure.getValue()).at("/data/root_job_id").asText()).isEqualTo(second);
  }

  @Test
  void aManualSyncBringsApprovedTransactionsAtOnce() throws Exception {
    submitAndSettle(payment("res_m", "batch-m", "REF-M"));
    call("POST", "/sandbox/resman/partner-transactions/batch-m/approve", null);
    clock.advance(Duration.ofSeconds(1));

    JsonNode answer = call("POST", "/v1/admin/integrations/intg_rm/manual-sync",
        "{\"models_to_sync\":[\"resident_payments\"]}");

    assertThat(answer.at("/result/success").asBoolean()).isTrue();
    assertThat(records("res_m")).hasSize(1);
  }
}
