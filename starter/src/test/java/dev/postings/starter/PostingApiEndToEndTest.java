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

/** Through the starter API, embedded Temporal, a worker and the Propexo sandbox, all over the network. */
class PostingApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack("--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static ObjectNode request(String postingId, String residentId, String reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "PROPERTYWARE");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", reference);
    body.put("description", "January rent");
    body.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", residentId).put("financialAccountId", "fa_1");
    return body;
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(URI uri) throws Exception {
    return HTTP.send(LocalStack.withKey(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(get(stack.apiUrl.resolve("/api/postings/" + postingId)).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  private static long paymentsInSandboxWithReference(String reference) throws Exception {
    JsonNode ledger = JSON.readTree(get(stack.sandboxUrl.resolve("/sandbox/propexo/resident-payments")).body());
    long count = 0;
    for (JsonNode payment : ledger.path("results")) {
      if (reference.equals(payment.path("reference_number").asText())) {
        count++;
      }
    }
    return count;
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  @Test
  void theSamePostTwiceIsOnePostingAndOnePaymentInTheLedger() throws Exception {
    String postingId = unique("pw-e2e-");
    String reference = unique("CHK");
    String body = request(postingId, "res_1", reference).toString();

    HttpResponse<String> first = post(body);
    HttpResponse<String> second = post(body);

    assertThat(first.statusCode()).isEqualTo(202);
    assertThat(JSON.readTree(first.body()).path("statusUrl").asText()).isEqualTo("/api/postings/" + postingId);
    assertThat(second.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(second.body()).path("postingId").asText()).isEqualTo(postingId);

    JsonNode status = awaitState(postingId, "CONFIRMED");
    assertThat(status.path("provider").asText()).isEqualTo("PROPERTYWARE");
    assertThat(status.path("providerJobId").asText()).startsWith("job_");
    assertThat(status.path("providerRecordId").asText()).startsWith("rp_");
    assertThat(status.path("timeline").findValuesAsText("state"))
        .contains("RECEIVED", "SUBMITTING", "AWAITING_JOB", "DISCOVERING_RECORD", "CONFIRMED");
    assertThat(status.path("timeline").get(0).path("at").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");

    // and once more after it ended: still the same posting, still one payment
    assertThat(post(body).statusCode()).isEqualTo(200);
    assertThat(paymentsInSandboxWithReference(reference)).isEqualTo(1);
  }

  @Test
  void aRefusedResidentEndsRejectedWithThePmsErrorAndNothingPosted() throws Exception {
    String postingId = unique("pw-e2e-");
    String reference = unique("CHK");
    assertThat(post(request(postingId, "res_refused", reference).toString()).statusCode()).isEqualTo(202);

    JsonNode status = awaitState(postingId, "REJECTED");

    assertThat(status.path("lastError").asText()).contains("FAILURE", "ResidentNotActive");
    assertThat(paymentsInSandboxWithReference(reference)).isZero();
  }

  @Test
  void aDifferentBodyUnderTheSamePostingIdIsAConflict() throws Exception {
    String postingId = unique("pw-e2e-");
    ObjectNode body = request(postingId, "res_2", unique("CHK"));
    assertThat(post(body.toString()).statusCode()).isEqualTo(202);

    ((ObjectNode) body.get("amount")).put("minor", 125_001);
    HttpResponse<String> conflict = post(body.toString());

    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(conflict.body()).at("/errors/0/field").asText()).isEqualTo("postingId");
  }

  @Test
  void invalidInputNamesEveryFieldAndStartsNothing() throws Exception {
    String postingId = unique("pw-e2e-");
    ObjectNode body = request(postingId, "res_3", unique("CHK"));
    ((ObjectNode) body.get("amount")).put("minor", "12.50").put("currency", "GBP");
    body.put("paymentType", "Credit Card");
    body.put("transactionDate", "2024-02-30T09:00:00Z");
    ((ObjectNode) body.get("target")).remove("leaseId");
    body.put("colour", "blue");

    HttpResponse<String> response = post(body.toString());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(response.body()).path("errors").findValuesAsText("field")).containsExactlyInAnyOrder(
        "colour", "amount.minor", "transactionDate", "paymentType", "target.leaseId");
    assertThat(get(stack.apiUrl.resolve("/api/postings/" + postingId)).statusCode()).isEqualTo(404);
  }

  @Test
  void malformedJsonAndWrongCurrencyAreFieldErrors() throws Exception {
    HttpResponse<String> malformed = post("{\"postingId\": ");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(malformed.body()).at("/errors/0/field").asText()).isEqualTo("body");

    ObjectNode body = request(unique("pw-e2e-"), "res_4", unique("CHK"));
    ((ObjectNode) body.get("amount")).put("currency", "GBP");
    HttpResponse<String> wrongCurrency = post(body.toString());
    assertThat(wrongCurrency.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(wrongCurrency.body()).at("/errors/0/field").asText()).isEqualTo("amount.currency");
  }

  @Test
  void anOversizedBodyIs413AndAnExtremeDateIsAFieldError() throws Exception {
    ObjectNode big = request(unique("pw-e2e-"), "res_5", unique("CHK"));
    big.put("description", "x".repeat(70_000));
    HttpResponse<String> tooLarge = post(big.toString());
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(tooLarge.body()).at("/errors/0/field").asText()).isEqualTo("body");

    ObjectNode farFuture = request(unique("pw-e2e-"), "res_5", unique("CHK"));
    farFuture.put("transactionDate", "+999999999-12-31T23:59:59-10:00");
    HttpResponse<String> extreme = post(farFuture.toString());
    assertThat(extreme.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(extreme.body()).at("/errors/0/field").asText()).isEqualTo("transactionDate");
  }

  @Test
  void anUnknownPostingIs404() throws Exception {
    HttpResponse<String> response = get(stack.apiUrl.resolve("/api/postings/never-posted"));
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText()).isEqualTo("postingId");
  }
}
