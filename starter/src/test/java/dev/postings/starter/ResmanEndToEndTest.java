package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * ResMan end to end: starter API, embedded Temporal, worker and the Propexo sandbox, whose stand-in PMC approves after
 * 2 s and which syncs every 3 s and sends signed webhooks to the starter. The posting's own sync interval is set to an
 * hour here, so a posting confirmed within seconds was found through the DATA_NEW webhook, not by its polling.
 */
class ResmanEndToEndTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {"--postings.policy.resman.sync-interval=1h"},
        "--sandbox.propexo.job-pending-for=1s",
        "--sandbox.propexo.resman.auto-approve-after=2s",
        "--sandbox.propexo.resman.sync-interval=3s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  static ObjectNode resmanRequest(String postingId, String reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "RESMAN");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 98_000).put("currency", "USD");
    body.put("transactionDate", "2024-06-15T14:45:00Z");
    body.put("paymentType", "Credit Card");
    body.put("referenceNumber", reference);
    body.put("description", "June rent");
    body.putObject("target").put("integrationId", "intg_rm").put("residentId", "res_" + postingId)
        .put("notes", "posted by payments");
    return body;
  }

  static HttpResponse<String> post(URI uri, String body) throws Exception {
    return HTTP.send(LocalStack.withKey(uri).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode awaitState(LocalStack stack, String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId))
          .GET().build(), HttpResponse.BodyHandlers.ofString()).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  static long recordsInSandbox(LocalStack stack, String reference) throws Exception {
    JsonNode ledger = JSON.readTree(HTTP.send(LocalStack.withKey(
        stack.sandboxUrl.resolve("/sandbox/propexo/resident-payments")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
    long count = 0;
    for (JsonNode payment : ledger.path("results")) {
      count += reference.equals(payment.path("reference_number").asText()) ? 1 : 0;
    }
    return count;
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void anApprovedPaymentIsFoundThroughTheDataNewWebhookAndConfirmed() throws Exception {
    String id = unique("rm-ok-");
    assertThat(post(stack.apiUrl.resolve("/api/postings"), resmanRequest(id, "RM-" + id).toString()).statusCode())
        .isEqualTo(202);

    awaitState(stack, id, "AWAITING_APPROVAL");
    JsonNode confirmed = awaitState(stack, id, "CONFIRMED");

    assertThat(confirmed.path("providerRecordId").asText()).startsWith("rp_");
    assertThat(confirmed.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("Propexo announced newly synced records"));
    assertThat(recordsInSandbox(stack, "RM-" + id)).isEqualTo(1);
  }

  @Test
  void aPaymentThePmcRejectedEndsRejectedWhenAnOperatorSaysSo() throws Exception {
    String id = unique("rm-no-");
    post(stack.apiUrl.resolve("/api/postings"), resmanRequest(id, "REJECT-" + id).toString());
    awaitState(stack, id, "AWAITING_APPROVAL");

    HttpResponse<String> answer = post(stack.apiUrl.resolve("/api/postings/" + id + "/rejected-by-pmc"),
        "{\"reason\":\"rejected in Partner Transactions\",\"operator\":\"ops@example.com\"}");

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("state").asText()).isEqualTo("REJECTED");
    assertThat(recordsInSandbox(stack, "REJECT-" + id)).isZero();
    HttpResponse<String> again = post(stack.apiUrl.resolve("/api/postings/" + id + "/rejected-by-pmc"), "{}");
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(again.body()).contains("REJECTED");
  }

  @Test
  void aWebhookWithoutAValidSignatureIsRefusedAndChangesNothing() throws Exception {
    String body = "{\"trigger\":\"DATA_NEW\",\"data\":{\"integration_id\":\"intg_rm\",\"record_id\":\"rp_x\","
        + "\"object\":\"resident-payments\"}}";
    HttpResponse<String> unsigned = post(stack.apiUrl.resolve("/webhooks/propexo"), body);
    HttpResponse<String> forged = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/webhooks/propexo"))
        .header("Content-Type", "application/json").header("propexo-signature", "00ff")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(unsigned.statusCode()).isEqualTo(401);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("propexo-signature");
  }
}
