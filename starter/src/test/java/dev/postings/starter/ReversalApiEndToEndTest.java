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
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Reversals by hand through the whole local stack: a confirmed Acquaint payment asked to be reversed becomes an
 * operator task (Acquaint has no reversal API), which operators find in {@code GET /api/reversals}, on the posting's
 * own answer and in {@code postings_waiting{state="REVERSAL_NEEDS_ATTENTION"}}, and mark done with
 * {@code POST /api/reversals/{postingId}/done}, recorded with their key's name. Everything under
 * {@code /api/reversals} is operator work, however its path is written; bad input is a 400 naming the field.
 */
class ReversalApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {"--postings.metrics.waiting-refresh=300ms"});
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    return HTTP.send(LocalStack.withKey(URI.create(stack.apiUrl + path), key).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> answer = get(path, LocalStack.OPERATOR_KEY);
    assertThat(answer.statusCode()).as(path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static HttpResponse<String> post(String path, String body, String key) throws Exception {
    return HTTP.send(LocalStack.withKey(URI.create(stack.apiUrl + path), key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** A confirmed Acquaint charge payment, on a charge of its own. */
  private static ConfirmedPosting confirmedAcquaintPayment() throws Exception {
    HttpResponse<String> charge = HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/acquaint/charges"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"tenancyId\":301,\"amount\":45.00}")).build(),
        HttpResponse.BodyHandlers.ofString());
    long chargeId = JSON.readTree(charge.body()).path("Id").asLong();
    String postingId = "aq-rev-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "ACQUAINT");
    body.put("connectionId", "acquaint-dev");
    body.putObject("amount").put("minor", 4_500).put("currency", "GBP");
    body.put("transactionDate", "2026-03-13T12:39:00Z");
    body.put("paymentType", "3");
    body.put("referenceNumber", "BACS-" + postingId);
    body.put("description", "Replacement keys");
    body.putObject("target").put("operation", "CHARGE").put("chargeId", chargeId).put("bankAccountId", 1);
    HttpResponse<String> started = post("/api/postings", body.toString(), LocalStack.SERVICE_KEY);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    JsonNode[] status = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      status[0] = JSON.readTree(get("/api/postings/" + postingId, LocalStack.SERVICE_KEY).body());
      return "CONFIRMED".equals(status[0].path("state").asText());
    });
    return new ConfirmedPosting(postingId, status[0].path("providerRecordId").asText());
  }

  private record ConfirmedPosting(String postingId, String recordId) {}

  private static List<String> postingIds(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("reversals").forEach(reversal -> ids.add(reversal.path("postingId").asText()));
    return ids;
  }

  /** postings_waiting{provider, state} as Prometheus scrapes it from the starter. */
  private static double waiting(String state, String provider) throws Exception {
    String scrape = HTTP.send(HttpRequest.newBuilder(stack.apiUrl.resolve("/actuator/prometheus"))
        .header("X-Api-Key", LocalStack.OPERATOR_KEY).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
    Matcher line = Pattern.compile("postings_waiting\\{provider=\"" + provider + "\",state=\"" + state
        + "\"} ([0-9.]+)").matcher(scrape);
    return line.find() ? Double.parseDouble(line.group(1)) : -1;
  }

  @Test
  void anAcquaintReversalIsAnOperatorTaskOperatorsFindCountAndMarkDone() throws Exception {
    ConfirmedPosting posting = confirmedAcquaintPayment();
    HttpResponse<String> asked = post("/api/postings/" + posting.postingId() + "/reverse",
        "{\"reason\":\"chargeback\"}", LocalStack.OPERATOR_KEY);
    assertThat(asked.statusCode()).as(asked.body()).isEqualTo(200);

    // listed with what to check and reverse by hand
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() ->
        postingIds(getJson("/api/reversals?state=NEEDS_ATTENTION")).contains(posting.postingId()));
    JsonNode page = getJson("/api/reversals?state=NEEDS_ATTENTION,ESCALATED&provider=ACQUAINT");
    JsonNode listed = null;
    for (JsonNode reversal : page.path("reversals")) {
      if (reversal.path("postingId").asText().equals(posting.postingId())) {
        listed = reversal;
      }
    }
    assertThat(listed).isNotNull();
    assertThat(listed.path("task").asText()).contains("reverse record " + posting.recordId() + " in ACQUAINT",
        "BACS-" + posting.postingId());
    assertThat(listed.path("amount").path("minor").asLong()).isEqualTo(4_500);
    assertThat(listed.path("escalateAt").asText()).isNotBlank();
    assertThat(page.path("counts").path("NEEDS_ATTENTION").asLong()).isPositive();

    // on the posting's own answer, and on its own
    JsonNode onThePosting = getJson("/api/postings/" + posting.postingId());
    assertThat(onThePosting.path("state").asText()).isEqualTo("CONFIRMED");
    assertThat(onThePosting.path("reversal").path("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(onThePosting.path("reversal").path("task").asText()).contains("reverse record " + posting.recordId());
    assertThat(onThePosting.at("/reversal/attention/code").asText()).isEqualTo("MANUAL_REVERSAL");
    assertThat(onThePosting.at("/reversal/attention/runbook").asText())
        .isEqualTo("docs/runbook/attention/manual-reversal.md");
    assertThat(getJson("/api/reversals/" + posting.postingId()).path("requestedBy").asText())
        .isEqualTo("dev-operator");

    // counted as waiting for a person, under its own state
    // (on the embedded server each count lists and describes the open workflows: slow on a busy machine)
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> waiting("REVERSAL_NEEDS_ATTENTION", "ACQUAINT") == 1.0);

    // a service may not mark it done; an operator does, and is recorded
    assertThat(post("/api/reversals/" + posting.postingId() + "/done", "{\"note\":\"x\"}", LocalStack.SERVICE_KEY)
        .statusCode()).isEqualTo(403);
    HttpResponse<String> done = post("/api/reversals/" + posting.postingId() + "/done",
        "{\"note\":\"credit note CN-1 in Acquaint\"}", LocalStack.OPERATOR_KEY);
    assertThat(done.statusCode()).as(done.body()).isEqualTo(200);
    JsonNode reversed = JSON.readTree(done.body());
    assertThat(reversed.path("state").asText()).isEqualTo("REVERSED");
    assertThat(reversed.path("reversedBy").asText()).isEqualTo("dev-operator");
    assertThat(reversed.path("timeline").toString()).contains("reversed by hand by dev-operator: credit note CN-1");

    // once, and then no more waiting
    HttpResponse<String> again = post("/api/reversals/" + posting.postingId() + "/done", "{\"note\":\"again\"}",
        LocalStack.OPERATOR_KEY);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(again.body()).path("message").asText()).contains("REVERSED");
    await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
        .until(() -> waiting("REVERSAL_NEEDS_ATTENTION", "ACQUAINT") == 0.0);
    assertThat(postingIds(getJson("/api/reversals?state=REVERSED"))).contains(posting.postingId());
    assertThat(getJson("/api/postings/" + posting.postingId()).path("reversal").path("state").asText())
        .isEqualTo("REVERSED");
  }

  @Test
  void reversalsAreOperatorWorkHoweverThePathIsWritten() throws Exception {
    for (String path : List.of("/api/reversals", "/api/reversals/", "/api//reversals", "/api/%72eversals",
        "/api/reversals?state=NEEDS_ATTENTION", "/api/reversals/some-posting", "/api/Reversals")) {
      HttpResponse<String> answer = get(path, LocalStack.SERVICE_KEY);
      // 400: the strict firewall refuses a path that is not in canonical form before any rule is read
      assertThat(answer.statusCode()).as(path + ": " + answer.body()).isIn(400, 403, 404);
      assertThat(answer.body()).as(path).doesNotContain("\"reversals\"");
    }
    assertThat(get("/api/reversals", LocalStack.SERVICE_KEY).statusCode()).isEqualTo(403);
    for (String path : List.of("//api/reversals", "/./api/reversals", "/x/../api/reversals")) {
      HttpResponse<String> anonymous = HTTP.send(HttpRequest.newBuilder(URI.create(stack.apiUrl + path)).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(anonymous.statusCode()).as("no key, " + path + ": " + anonymous.body()).isIn(400, 401, 403, 404);
    }
    assertThat(HTTP.send(HttpRequest.newBuilder(stack.apiUrl.resolve("/api/reversals")).GET().build(),
        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    assertThat(post("/api//reversals/x/done", "{\"note\":\"x\"}", LocalStack.SERVICE_KEY).statusCode())
        .as("the firewall refuses the double slash before any rule").isIn(400, 403, 404);
  }

  @Test
  void badInputIsA400NamingTheFieldAndAnUnknownReversalA404() throws Exception {
    assertField(get("/api/reversals?state=WAITING", LocalStack.OPERATOR_KEY), "state");
    assertField(get("/api/reversals?provider=SAGE", LocalStack.OPERATOR_KEY), "provider");
    assertField(get("/api/reversals?limit=0", LocalStack.OPERATOR_KEY), "limit");
    assertField(get("/api/reversals?limit=x", LocalStack.OPERATOR_KEY), "limit");
    assertField(get("/api/reversals?cursor=not-ours", LocalStack.OPERATOR_KEY), "cursor");

    String done = "/api/reversals/nobody-" + UUID.randomUUID().toString().substring(0, 8) + "/done";
    assertField(post(done, "{}", LocalStack.OPERATOR_KEY), "note");
    assertField(post(done, "{\"note\":7}", LocalStack.OPERATOR_KEY), "note");
    assertField(post(done, "{\"note\":\"x\",\"operator\":\"someone else\"}", LocalStack.OPERATOR_KEY), "operator");
    assertField(post(done, "{\"note\":", LocalStack.OPERATOR_KEY), "body");
    assertField(post(done, "[]", LocalStack.OPERATOR_KEY), "body");
    HttpResponse<String> huge = post(done, "{\"note\":\"" + "x".repeat(200_000) + "\"}", LocalStack.OPERATOR_KEY);
    assertThat(huge.statusCode()).isEqualTo(413);
    HttpResponse<String> notJson = HTTP.send(LocalStack.withKey(URI.create(stack.apiUrl + done))
        .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("note")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(notJson.statusCode()).isEqualTo(415);

    assertThat(post(done, "{\"note\":\"x\"}", LocalStack.OPERATOR_KEY).statusCode()).isEqualTo(404);
    assertThat(get("/api/reversals/nobody-at-all", LocalStack.OPERATOR_KEY).statusCode()).isEqualTo(404);
  }

  private static void assertField(HttpResponse<String> answer, String field) throws Exception {
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("errors").findValuesAsText("field")).contains(field);
  }
}
