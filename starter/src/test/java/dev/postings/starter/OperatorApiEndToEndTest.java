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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operators' API through the whole local stack (embedded Temporal, so the directory lists and describes instead of
 * querying visibility): keys and roles, lists with filters and counts, timelines, actions.
 */
class OperatorApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;
  @TempDir
  static Path runDir;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {"--postings.api.dev-keys-file=" + runDir.resolve("dev-api-keys.json")},
        "--sandbox.propexo.job-pending-for=2s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  // ---- helpers ----

  private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    return send(LocalStack.withKey(stack.apiUrl.resolve(path), key).GET());
  }

  private static JsonNode getJson(String path) throws Exception {
    HttpResponse<String> answer = get(path, LocalStack.OPERATOR_KEY);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static HttpResponse<String> post(String path, String body, String key) throws Exception {
    return send(LocalStack.withKey(stack.apiUrl.resolve(path), key).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  private static HttpResponse<String> act(String postingId, String action, String body) throws Exception {
    return post("/api/postings/" + postingId + "/" + action, body, LocalStack.OPERATOR_KEY);
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  static ObjectNode propertyware(String postingId, String residentId, String reference) {
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

  private static String start(ObjectNode body, String key) throws Exception {
    HttpResponse<String> answer = post("/api/postings", body.toString(), key);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
    return body.path("postingId").asText();
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(get("/api/postings/" + postingId, LocalStack.SERVICE_KEY).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  private static List<String> ids(JsonNode page) {
    List<String> ids = new ArrayList<>();
    page.path("postings").forEach(posting -> ids.add(posting.path("postingId").asText()));
    return ids;
  }

  // ---- keys and roles ----

  @Test
  void everyApiCallNeedsAKeyAndOnlyOperatorsAct() throws Exception {
    HttpResponse<String> anonymous = send(HttpRequest.newBuilder(stack.apiUrl.resolve("/api/postings")).GET());
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(anonymous.body()).path("error").asText()).isEqualTo("unauthorized");
    assertThat(get("/api/postings", "not-a-key-of-ours-0123456789").statusCode()).isEqualTo(401);
    HttpResponse<String> anonymousStart = send(HttpRequest.newBuilder(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")));
    assertThat(anonymousStart.statusCode()).isEqualTo(401);

    // a service starts and reads; the bearer form works too
    String postingId = start(propertyware(unique("pw-svc-"), "res_1", unique("CHK")), LocalStack.SERVICE_KEY);
    assertThat(get("/api/postings/" + postingId, LocalStack.SERVICE_KEY).statusCode()).isEqualTo(200);
    assertThat(send(HttpRequest.newBuilder(stack.apiUrl.resolve("/api/postings?limit=1"))
        .header("Authorization", "Bearer " + LocalStack.SERVICE_KEY).GET()).statusCode()).isEqualTo(200);

    // but may not act, whatever the action
    for (String action : List.of("resolve", "approve", "reject", "retry", "cancel", "reverse", "rejected-by-pmc",
        "cancel-waiting")) {
      HttpResponse<String> refused = post("/api/postings/" + postingId + "/" + action,
          "{\"reason\":\"x\",\"recordId\":\"rp_1\"}", LocalStack.SERVICE_KEY);
      assertThat(refused.statusCode()).as(action).isEqualTo(403);
      assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("forbidden");
      assertThat(JSON.readTree(refused.body()).path("message").asText()).startsWith("role service may not");
    }
  }

  @Test
  void theOpenApiDocumentAndSwaggerUiNeedNoKeyAndDescribeTheKey() throws Exception {
    HttpResponse<String> docs = send(HttpRequest.newBuilder(stack.apiUrl.resolve("/v3/api-docs")).GET());
    assertThat(docs.statusCode()).isEqualTo(200);
    JsonNode document = JSON.readTree(docs.body());
    assertThat(document.at("/components/securitySchemes/apiKey/name").asText()).isEqualTo("X-Api-Key");
    assertThat(document.path("paths").has("/api/postings/{postingId}/timeline")).isTrue();
    assertThat(document.path("paths").has("/api/postings/{postingId}/reverse")).isTrue();
    assertThat(document.path("paths").has("/webhooks/propexo")).isFalse();
    HttpResponse<String> ui = send(HttpRequest.newBuilder(stack.apiUrl.resolve("/swagger-ui.html")).GET());
    assertThat(ui.statusCode()).isIn(200, 302);
  }

  @Test
  void localModeWritesItsDevKeysForTheCli() throws Exception {
    JsonNode keys = JSON.readTree(Files.readString(runDir.resolve("dev-api-keys.json")));
    assertThat(keys.path("service").asText()).isEqualTo(LocalStack.SERVICE_KEY);
    assertThat(keys.path("operator").asText()).isEqualTo(LocalStack.OPERATOR_KEY);
  }

  // ---- lists ----

  @Test
  void postingsAreListedByStateProviderAndReferenceWithCountsPerState() throws Exception {
    String confirmedRef = unique("CHK");
    String confirmed = start(propertyware(unique("pw-list-ok-"), "res_1", confirmedRef), LocalStack.SERVICE_KEY);
    String rejected = start(propertyware(unique("pw-list-no-"), "res_refused", unique("CHK")),
        LocalStack.SERVICE_KEY);
    String mismatchRef = unique("MISMATCH-");
    String attention = start(propertyware(unique("pw-list-att-"), "res_1", mismatchRef), LocalStack.SERVICE_KEY);
    String held = start(ResmanEndToEndTest.resmanRequest(unique("rm-list-"), unique("HOLD-")),
        LocalStack.SERVICE_KEY);
    awaitState(confirmed, "CONFIRMED");
    awaitState(rejected, "REJECTED");
    awaitState(attention, "NEEDS_ATTENTION");
    awaitState(held, "AWAITING_APPROVAL");

    JsonNode byReference = getJson("/api/postings?reference=" + mismatchRef);
    assertThat(ids(byReference)).containsExactly(attention);
    JsonNode line = byReference.path("postings").get(0);
    assertThat(line.path("provider").asText()).isEqualTo("PROPERTYWARE");
    assertThat(line.path("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(line.path("step").asText()).isEqualTo("CONFIRM");
    assertThat(line.path("referenceNumber").asText()).isEqualTo(mismatchRef);
    assertThat(line.at("/amount/minor").asLong()).isEqualTo(125_000);
    assertThat(line.at("/amount/currency").asText()).isEqualTo("USD");
    assertThat(line.path("lastError").asText()).contains("does not match");
    // the code and runbook page beside the sentence: scripts and alerts read the code, people follow the link
    assertThat(line.at("/attention/code").asText()).isEqualTo("RECORD_MISMATCH");
    assertThat(line.at("/attention/runbook").asText()).isEqualTo("docs/runbook/attention/record-mismatch.md");
    assertThat(getJson("/api/postings/" + attention).at("/attention/code").asText()).isEqualTo("RECORD_MISMATCH");
    JsonNode nothingToDo = getJson("/api/postings/" + confirmed).path("attention");
    assertThat(nothingToDo.isNull() || nothingToDo.isMissingNode()).as("a confirmed posting: %s", nothingToDo).isTrue();
    assertThat(line.path("startedAt").asText()).matches("\\d{4}-.*Z");
    assertThat(line.path("stateSince").asText()).matches("\\d{4}-.*Z");
    assertThat(byReference.path("counts").path("NEEDS_ATTENTION").asLong()).isEqualTo(1);
    assertThat(byReference.path("counts").path("CONFIRMED").asLong()).isZero();
    assertThat(byReference.path("nextCursor").isNull()).isTrue();

    JsonNode finished = getJson("/api/postings?state=CONFIRMED&state=REJECTED&provider=PROPERTYWARE");
    assertThat(ids(finished)).contains(confirmed, rejected).doesNotContain(attention, held);
    finished.path("postings").forEach(posting -> {
      assertThat(posting.path("state").asText()).isIn("CONFIRMED", "REJECTED");
      assertThat(posting.path("provider").asText()).isEqualTo("PROPERTYWARE");
    });
    // the counts ignore the state filter but keep the provider filter
    JsonNode counts = finished.path("counts");
    assertThat(counts.path("NEEDS_ATTENTION").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(counts.path("CONFIRMED").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(counts.path("AWAITING_APPROVAL").asLong()).isZero();
    assertThat(counts.size()).isEqualTo(12);

    JsonNode waiting = getJson("/api/postings?state=NEEDS_ATTENTION,AWAITING_APPROVAL");
    assertThat(ids(waiting)).contains(attention, held).doesNotContain(confirmed, rejected);
    JsonNode resman = getJson("/api/postings?provider=RESMAN");
    assertThat(ids(resman)).contains(held).doesNotContain(confirmed, attention);

    // nothing here is an hour old
    JsonNode old = getJson("/api/postings?olderThan=PT1H");
    assertThat(old.path("postings")).isEmpty();
    assertThat(old.path("counts").path("CONFIRMED").asLong()).isZero();

    // pages: newest first, a cursor to the next page, no posting twice
    JsonNode first = getJson("/api/postings?provider=PROPERTYWARE&limit=1");
    assertThat(first.path("postings")).hasSize(1);
    String cursor = first.path("nextCursor").asText();
    assertThat(cursor).isNotBlank();
    JsonNode second = getJson("/api/postings?provider=PROPERTYWARE&limit=1&cursor=" + cursor);
    assertThat(ids(second)).hasSize(1).doesNotContainAnyElementsOf(ids(first));
    assertThat(first.at("/postings/0/startedAt").asText()).isGreaterThanOrEqualTo(
        second.at("/postings/0/startedAt").asText());
  }

  @Test
  void badFiltersAreRefusedNamingEachField() throws Exception {
    HttpResponse<String> answer = get("/api/postings?state=STUCK&provider=YARDI&olderThan=soon&limit=0"
        + "&reference=" + "R".repeat(101), LocalStack.OPERATOR_KEY);
    assertThat(answer.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("errors").findValuesAsText("field"))
        .containsExactlyInAnyOrder("state", "provider", "olderThan", "limit", "reference");
    HttpResponse<String> cursor = get("/api/postings?cursor=bm90LW91cnM", LocalStack.OPERATOR_KEY);
    assertThat(cursor.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(cursor.body()).at("/errors/0/field").asText()).isEqualTo("cursor");
  }

  // ---- timelines ----

  @Test
  void theTimelineTellsTheActivityRetriesBehindEachStep() throws Exception {
    // the sandbox keeps the job PENDING for 2 s: the write-status poll is retried by Temporal until it is not
    String postingId = start(propertyware(unique("pw-tl-"), "res_1", unique("CHK")), LocalStack.SERVICE_KEY);
    awaitState(postingId, "CONFIRMED");

    JsonNode timeline = getJson("/api/postings/" + postingId + "/timeline");

    assertThat(timeline.path("postingId").asText()).isEqualTo(postingId);
    assertThat(timeline.path("state").asText()).isEqualTo("CONFIRMED");
    assertThat(timeline.path("waiting").isNull()).isTrue();
    JsonNode steps = timeline.path("steps");
    assertThat(steps.findValuesAsText("state")).contains("RECEIVED", "SUBMITTING", "AWAITING_JOB", "CONFIRMED");
    JsonNode awaitJob = null;
    for (JsonNode step : steps) {
      if (step.path("state").asText().equals("AWAITING_JOB")) {
        awaitJob = step;
      }
    }
    assertThat(awaitJob).isNotNull();
    assertThat(awaitJob.path("leftAt").asText()).isNotBlank();
    List<String> texts = awaitJob.path("history").findValuesAsText("text");
    assertThat(texts).anyMatch(text -> text.matches("activity AwaitWriteStatusAndReadRecord attempt [2-9]\\d* started; attempts"
        + " 1-\\d+ failed and were retried by Temporal.*"));
    assertThat(texts).anyMatch(text -> text.matches("activity AwaitWriteStatusAndReadRecord attempt [2-9]\\d* completed"));
    List<String> all = steps.findValuesAsText("text");
    assertThat(all).anyMatch(text -> text.startsWith("activity SubmitPropertywarePayment attempt 1 completed"));
    assertThat(all).anyMatch(text -> text.equals("workflow completed"));
    assertThat(steps.get(0).path("history").get(0).path("text").asText())
        .isEqualTo("workflow PostingWorkflow started on task queue postings");
    assertThat(steps.get(0).path("history").get(0).path("time").asText()).matches("\\d{4}-.*Z");
    assertThat(steps.get(steps.size() - 1).path("leftAt").isNull()).isTrue();
  }

  @Test
  void aPostingWaitingForAnOperatorShowsTheWaitAndThenTheOperatorsUpdate() throws Exception {
    String postingId = start(ResmanEndToEndTest.resmanRequest(unique("rm-tl-"), unique("HOLD-")),
        LocalStack.SERVICE_KEY);
    awaitState(postingId, "AWAITING_APPROVAL");

    JsonNode waiting = getJson("/api/postings/" + postingId + "/timeline");
    assertThat(waiting.at("/waiting/step").asText()).isEqualTo("AWAIT_APPROVAL");
    assertThat(waiting.at("/waiting/since").asText()).matches("\\d{4}-.*Z");
    assertThat(waiting.at("/waiting/for").asText()).startsWith("PT");

    HttpResponse<String> rejected = act(postingId, "reject", "{\"reason\":\"rejected in Partner Transactions\"}");
    assertThat(rejected.statusCode()).as(rejected.body()).isEqualTo(200);
    assertThat(JSON.readTree(rejected.body()).path("state").asText()).isEqualTo("REJECTED");

    JsonNode timeline = getJson("/api/postings/" + postingId + "/timeline");
    assertThat(timeline.path("waiting").isNull()).isTrue();
    List<String> texts = timeline.path("steps").findValuesAsText("text");
    assertThat(texts).anyMatch(text -> text.startsWith("update rejectedByPmc accepted"));
    assertThat(texts).anyMatch(text -> text.equals("update rejectedByPmc completed"));
    assertThat(timeline.path("steps").findValuesAsText("summary"))
        .anyMatch(summary -> summary.contains("dev-operator") && summary.contains("rejected in Partner Transactions"));
  }

  @Test
  void anUnknownPostingHasNoTimeline() throws Exception {
    HttpResponse<String> answer = get("/api/postings/never-posted/timeline", LocalStack.OPERATOR_KEY);
    assertThat(answer.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(answer.body()).path("error").asText()).isEqualTo("not_found");
  }

  // ---- actions ----

  @Test
  void actionsThatDoNotFitTheStateAreRefusedWithThePostingsReason() throws Exception {
    String confirmed = start(propertyware(unique("pw-act-"), "res_1", unique("CHK")), LocalStack.SERVICE_KEY);
    awaitState(confirmed, "CONFIRMED");
    String attention = start(propertyware(unique("pw-act-att-"), "res_1", unique("MISMATCH-")),
        LocalStack.SERVICE_KEY);
    awaitState(attention, "NEEDS_ATTENTION");

    for (String[] action : List.of(new String[] {"resolve", "{\"recordId\":\"rp_1\"}"},
        new String[] {"reject", "{\"reason\":\"x\"}"}, new String[] {"retry", "{}"},
        new String[] {"cancel", "{\"reason\":\"x\"}"})) {
      HttpResponse<String> refused = act(confirmed, action[0], action[1]);
      assertThat(refused.statusCode()).as(action[0]).isEqualTo(409);
      assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("refused");
      assertThat(JSON.readTree(refused.body()).path("message").asText()).contains("CONFIRMED");
    }
    // a running posting refuses through its update validator: its own words
    HttpResponse<String> notParked = act(attention, "retry", "{}");
    assertThat(notParked.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(notParked.body()).path("message").asText())
        .isEqualTo("posting is NEEDS_ATTENTION, not PARKED: there is nothing to retry");
    HttpResponse<String> noApproval = act(attention, "approve", "{\"recordId\":\"rp_1\"}");
    assertThat(noApproval.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(noApproval.body()).path("message").asText()).contains("awaiting approval");
    HttpResponse<String> notResman = act(attention, "reject", "{\"reason\":\"x\"}");
    assertThat(notResman.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(notResman.body()).path("message").asText()).contains("has no approval step");
  }

  @Test
  void actionsOnAnUnknownPostingAre404AndBadBodiesAre400NamingTheField() throws Exception {
    for (String[] action : List.of(new String[] {"resolve", "{\"recordId\":\"rp_1\"}"},
        new String[] {"approve", "{\"recordId\":\"rp_1\"}"}, new String[] {"reject", "{\"reason\":\"x\"}"},
        new String[] {"retry", "{}"}, new String[] {"cancel", "{\"reason\":\"x\"}"})) {
      HttpResponse<String> unknown = act("never-posted", action[0], action[1]);
      assertThat(unknown.statusCode()).as(action[0]).isEqualTo(404);
      assertThat(JSON.readTree(unknown.body()).path("error").asText()).isEqualTo("not_found");
    }
    String[][] bad = {{"resolve", "{}", "recordId"}, {"resolve", "{\"recordId\":\"rp_1\",\"colour\":\"x\"}", "colour"},
        {"approve", "{\"note\":\"seen\"}", "recordId"}, {"reject", "{}", "reason"}, {"cancel", "{\"reason\":7}", "reason"},
        {"reverse", "{}", "reason"}, {"retry", "{\"now\":true}", "now"}, {"resolve", "{\"recordId\":", "body"}};
    for (String[] action : bad) {
      HttpResponse<String> answer = act("never-posted", action[0], action[1]);
      assertThat(answer.statusCode()).as(action[0] + " " + action[1]).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).path("errors").findValuesAsText("field")).contains(action[2]);
    }
  }

  @Test
  void anOperatorApprovesCancelsOrResolvesAWaitingPosting() throws Exception {
    // approve: the named record is read back before anything is confirmed; one that does not exist goes to an operator
    String approved = start(ResmanEndToEndTest.resmanRequest(unique("rm-ap-"), unique("HOLD-")),
        LocalStack.SERVICE_KEY);
    awaitState(approved, "AWAITING_APPROVAL");
    HttpResponse<String> approve = act(approved, "approve", "{\"recordId\":\"rp_does_not_exist\"}");
    assertThat(approve.statusCode()).as(approve.body()).isEqualTo(200);
    JsonNode afterApprove = JSON.readTree(approve.body());
    assertThat(afterApprove.path("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(afterApprove.path("timeline").findValuesAsText("detail")).anyMatch(detail ->
        detail.contains("rp_does_not_exist") && detail.contains("approved in the PMC's approval queue (by dev-operator)"));

    // cancel: ends CANCELLED, and says who
    String cancelled = start(ResmanEndToEndTest.resmanRequest(unique("rm-cx-"), unique("HOLD-")),
        LocalStack.SERVICE_KEY);
    awaitState(cancelled, "AWAITING_APPROVAL");
    HttpResponse<String> cancel = act(cancelled, "cancel", "{\"reason\":\"duplicate of another payment\"}");
    assertThat(cancel.statusCode()).as(cancel.body()).isEqualTo(200);
    assertThat(JSON.readTree(cancel.body()).path("state").asText()).isEqualTo("CANCELLED");
    assertThat(JSON.readTree(cancel.body()).path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("(dev-operator): duplicate of another payment"));

    // resolve: a posting in NEEDS_ATTENTION takes the record the operator names (here one that still mismatches)
    HttpResponse<String> resolve = act(approved, "resolve", "{\"recordId\":\"rp_still_missing\",\"note\":\"seen\"}");
    assertThat(resolve.statusCode()).as(resolve.body()).isEqualTo(200);
    assertThat(JSON.readTree(resolve.body()).path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("operator named record rp_still_missing (seen (by dev-operator))"));
  }

  @Test
  void aConfirmedPostingIsReversedByAnOffsettingChargeInItsOwnWorkflowAndOnlyOnce() throws Exception {
    String reference = unique("REV");
    String postingId = start(propertyware(unique("pw-rev-"), "res_rev", reference), LocalStack.SERVICE_KEY);
    String recordId = awaitState(postingId, "CONFIRMED").path("providerRecordId").asText();

    HttpResponse<String> refusedForService = post("/api/postings/" + postingId + "/reverse",
        "{\"reason\":\"returned\"}", LocalStack.SERVICE_KEY);
    assertThat(refusedForService.statusCode()).isEqualTo(403);
    HttpResponse<String> answer = act(postingId, "reverse", "{\"reason\":\"payment returned by the bank (R01)\"}");
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("reversal").path("reversalWorkflowId").asText())
        .isEqualTo("reversal-" + postingId);

    // the sandbox's Propexo settles the charge job, and the reversal reads it back; asking again finds that reversal,
    // before and after it finished (a finished one is not run again)
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).until(() -> {
      JsonNode again = JSON.readTree(act(postingId, "reverse", "{\"reason\":\"again\"}").body());
      return "REVERSED".equals(again.path("reversal").path("state").asText());
    });
    JsonNode charges = JSON.readTree(HTTP.send(HttpRequest.newBuilder(
        stack.sandboxUrl.resolve("/sandbox/propexo/resident-charges")).build(),
        HttpResponse.BodyHandlers.ofString()).body());
    List<JsonNode> offsets = new java.util.ArrayList<>();
    charges.forEach(charge -> {
      if (("REV-" + recordId).equals(charge.path("reference_number").asText())) {
        offsets.add(charge);
      }
    });
    JsonNode afterwards = JSON.readTree(act(postingId, "reverse", "{\"reason\":\"once more\"}").body());
    assertThat(afterwards.path("reversal").path("state").asText()).isEqualTo("REVERSED");
    // asked many times, reversed once, by the amount that landed
    assertThat(offsets).hasSize(1);
    assertThat(offsets.get(0).path("amount_in_cents").asLong()).isEqualTo(125_000);
    assertThat(offsets.get(0).path("resident_id").asText()).isEqualTo("res_rev");
  }

  @Test
  void aPostingThatIsNotConfirmedCannotBeReversed() throws Exception {
    String postingId = start(propertyware(unique("pw-norev-"), "res_refused", unique("NOREV")),
        LocalStack.SERVICE_KEY);
    awaitState(postingId, "REJECTED");

    HttpResponse<String> answer = act(postingId, "reverse", "{\"reason\":\"refund\"}");

    assertThat(answer.statusCode()).isEqualTo(409);
    assertThat(JSON.readTree(answer.body()).path("message").asText()).contains("REJECTED", "not CONFIRMED");
    assertThat(act("never-posted", "reverse", "{\"reason\":\"refund\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void theOldActionPathsStillWork() throws Exception {
    String postingId = start(ResmanEndToEndTest.resmanRequest(unique("rm-old-"), unique("HOLD-")),
        LocalStack.SERVICE_KEY);
    awaitState(postingId, "AWAITING_APPROVAL");
    HttpResponse<String> answer = act(postingId, "cancel-waiting", "{\"reason\":\"x\",\"operator\":\"ops@example.com\"}");
    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(answer.body()).path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("ops@example.com via dev-operator"));
  }

  static URI api(String path) {
    return stack.apiUrl.resolve(path);
  }
}
