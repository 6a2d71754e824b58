package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.webhook.PropexoNotice;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Propexo's webhooks through the whole local stack, sent by the sandbox itself where it can (it signs a DATA_NEW per
 * synced record and a WRITE_OPERATION_FAILURE per failed job) and crafted here where a test needs one body twice. The
 * postings' own sync interval is an hour and their job poll waits 10 s between looks, so a posting that moves within
 * seconds was moved by a webhook.
 */
class PropexoWebhookEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The local profile's webhook secret (starter-local.yml), as the sandbox signs with it. */
  private static final byte[] SECRET = "dev-propexo-webhook-secret".getBytes(StandardCharsets.UTF_8);
  private static LocalStack stack;
  private static WorkflowClient client;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {"--postings.policy.resman.sync-interval=1h",
        "--postings.policy.propexo.job-poll.initial=10s", "--postings.policy.propexo.job-poll.max=10s",
        "--postings.webhooks.propexo.retry.initial=300ms",
        "--postings.webhooks.propexo.retry.max=1s"},
        "--sandbox.propexo.job-pending-for=1s",
        // only this test approves (HOLD- references wait for it anyway), and Propexo syncs every 2 s
        "--sandbox.propexo.resman.auto-approve-after=0s",
        "--sandbox.propexo.resman.sync-interval=2s");
    client = stack.starter.getBean(WorkflowClient.class);
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static ObjectNode resman(String postingId, String residentId, long minor) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "RESMAN");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", minor).put("currency", "USD");
    body.put("transactionDate", "2024-06-15T14:45:00Z");
    body.put("paymentType", "Credit Card");
    body.put("referenceNumber", "HOLD-" + postingId);
    body.put("description", "June rent");
    body.putObject("target").put("integrationId", "intg_rm").put("residentId", residentId)
        .put("notes", "posted by payments");
    return body;
  }

  private static ObjectNode propertyware(String postingId, String residentId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "PROPERTYWARE");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", "WH" + postingId.hashCode());
    body.put("description", "January rent");
    body.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", residentId).put("financialAccountId", "fa_1");
    return body;
  }

  private static void start(ObjectNode posting) throws Exception {
    HttpResponse<String> answer = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(posting.toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(202);
  }

  private static JsonNode status(String postingId) throws Exception {
    return JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId)).GET()
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = status(postingId);
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  private static HttpResponse<String> sandbox(String method, String path, String body) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve(path)).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The PMC approves the posting's partner transaction; the next sync (2 s) makes it a record and a DATA_NEW. */
  private static void approve(String postingId) throws Exception {
    assertThat(sandbox("POST", "/sandbox/resman/partner-transactions/posting-" + postingId + "/approve", null)
        .statusCode()).isEqualTo(200);
  }

  private static void arm(String kind, int count, String duration) throws Exception {
    assertThat(sandbox("POST", "/sandbox/faults/next", "{\"scope\":\"propexo-reads\",\"kind\":\"" + kind
        + "\",\"count\":" + count + (duration == null ? "" : ",\"duration\":\"" + duration + "\"") + "}")
        .statusCode()).isEqualTo(200);
  }

  private static long propexoReads() throws Exception {
    return JSON.readTree(sandbox("GET", "/sandbox/faults", null).body()).findPath("propexo-reads")
        .path("requests").asLong();
  }

  /** Signed as Propexo signs: HMAC-SHA256 of the raw body, hex. */
  private static HttpResponse<String> webhook(String body) throws Exception {
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    String signature = HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    return HTTP.send(HttpRequest.newBuilder(stack.apiUrl.resolve("/webhooks/propexo"))
        .header("Content-Type", "application/json").header("propexo-signature", signature)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String dataNew(String recordId) {
    return "{\"trigger\":\"DATA_NEW\",\"data\":{\"integration_id\":\"intg_rm\",\"record_id\":\"" + recordId
        + "\",\"object\":\"resident-payments\",\"event\":\"DATA_NEW\"},\"meta\":{\"webhook_id\":\"wh_"
        + UUID.randomUUID() + "\"}}";
  }

  private static String noticeIdOf(String body) throws Exception {
    return PropexoNotice.WORKFLOW_ID_PREFIX + HexFormat.of().formatHex(
        MessageDigest.getInstance("SHA-256").digest(body.getBytes(StandardCharsets.UTF_8)));
  }

  private static History history(String workflowId) {
    return client.fetchHistory(workflowId).getHistory();
  }

  /** How many updates of this name the posting accepted. */
  private static long updatesAccepted(String postingId, String update) {
    return history("posting-" + postingId).getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED)
        .filter(event -> event.getWorkflowExecutionUpdateAcceptedEventAttributes().getAcceptedRequest().getInput()
            .getName().equals(update))
        .count();
  }

  /**
   * A new ResMan posting awaiting approval, once its synced-record watch made its first read (it reads once at the
   * start of the wait, then an hour later): from then on, nothing of it reads Propexo until a webhook wakes it.
   */
  private static String waitingForApproval(String prefix) throws Exception {
    String postingId = unique(prefix);
    start(resman(postingId, "res_" + postingId, 98_000));
    awaitState(postingId, "AWAITING_APPROVAL");
    await().atMost(Duration.ofSeconds(30)).until(() -> history("posting-" + postingId).getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED).reduce((a, b) -> b)
        .map(last -> last.getActivityTaskScheduledEventAttributes().getActivityType().getName()
            .equals("AwaitSyncedResidentPayment")).orElse(false));
    await().pollDelay(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(5)).until(() -> true);
    return postingId;
  }

  @Test
  void aSyncedRecordWakesTheOnePostingItBelongsToAndNoOther() throws Exception {
    String mine = unique("rm-wh-a-");
    String other = unique("rm-wh-b-");
    start(resman(mine, "res_" + mine, 98_000));
    start(resman(other, "res_" + other, 97_000));
    awaitState(mine, "AWAITING_APPROVAL");
    awaitState(other, "AWAITING_APPROVAL");

    approve(mine);

    JsonNode confirmed = awaitState(mine, "CONFIRMED");
    assertThat(confirmed.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("Propexo announced newly synced records"));
    assertThat(updatesAccepted(mine, "noticeSyncedRecords")).isEqualTo(1);
    // the record of another resident and amount, on the same integration, woke nobody else
    assertThat(status(other).path("state").asText()).isEqualTo("AWAITING_APPROVAL");
    assertThat(updatesAccepted(other, "noticeSyncedRecords")).isZero();
  }

  @Test
  void aReplayedWebhookIsAnswered200AndChangesNothing() throws Exception {
    String waiting = waitingForApproval("rm-wh-r-");
    String body = dataNew("rp_" + UUID.randomUUID());
    long readsBefore = propexoReads();

    HttpResponse<String> first = webhook(body);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(first.body()).path("notice").asText()).isEqualTo("accepted");
    // a posting waits on the integration, so the notice reads the record once (Propexo does not know it)
    await().atMost(Duration.ofSeconds(20)).until(() -> propexoReads() == readsBefore + 1);
    String runId = client.newUntypedWorkflowStub(noticeIdOf(body)).describe().getExecution().getRunId();

    for (int replay = 0; replay < 3; replay++) {
      HttpResponse<String> again = webhook(body);
      assertThat(again.statusCode()).isEqualTo(200);
      assertThat(JSON.readTree(again.body()).path("notice").asText()).isEqualTo("already seen");
    }

    await().pollDelay(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5)).until(() -> true);
    assertThat(propexoReads()).isEqualTo(readsBefore + 1);
    assertThat(client.newUntypedWorkflowStub(noticeIdOf(body)).describe().getExecution().getRunId())
        .isEqualTo(runId);
    assertThat(updatesAccepted(waiting, "noticeSyncedRecords")).isZero();
  }

  @Test
  void theAnswerComesBeforeASlowPropexoRead() throws Exception {
    String waiting = waitingForApproval("rm-wh-s-");
    String body = dataNew("rp_" + UUID.randomUUID());
    arm("LATENCY", 1, "PT5S");

    long sent = System.nanoTime();
    HttpResponse<String> answer = webhook(body);
    Duration answeredIn = Duration.ofNanos(System.nanoTime() - sent);

    assertThat(answer.statusCode()).isEqualTo(200);
    assertThat(answeredIn).isLessThan(Duration.ofSeconds(1));
    // the read came after the answer, and took the 5 s
    String noticeId = noticeIdOf(body);
    await().atMost(Duration.ofSeconds(30)).until(() -> history(noticeId).getEventsList().stream()
        .anyMatch(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
            && activityType(noticeId, event).equals("ReadResidentPayment")));
    assertThat(readDuration(noticeId)).isGreaterThanOrEqualTo(Duration.ofMillis(4500));
  }

  @Test
  void aFailedReadIsRetriedAndThePostingStillConfirms() throws Exception {
    String postingId = waitingForApproval("rm-wh-f-");
    arm("ERROR_BEFORE_APPLY", 2, null);

    approve(postingId);

    JsonNode confirmed = awaitState(postingId, "CONFIRMED");
    assertThat(confirmed.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.contains("Propexo announced newly synced records"));
    // nothing else read Propexo meanwhile: the notice's read met both 5xx answers, was retried, and its third
    // attempt woke the posting (whose own next look is an hour away)
    assertThat(JSON.readTree(sandbox("GET", "/sandbox/faults", null).body()).findPath("propexo-reads")
        .path("injected").path("ERROR_BEFORE_APPLY").asLong()).isEqualTo(2);
    assertThat(updatesAccepted(postingId, "noticeSyncedRecords")).isEqualTo(1);
  }

  @Test
  void aJobFailureEndsTheWaitOfItsOwnPostingOnly() throws Exception {
    String refused = unique("pw-wh-x-");
    String other = unique("pw-wh-y-");
    start(propertyware(refused, "res_refused"));
    start(propertyware(other, "res_1"));

    JsonNode rejected = awaitState(refused, "REJECTED");

    assertThat(rejected.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.startsWith("Propexo's WRITE_OPERATION_FAILURE webhook reports job"));
    assertThat(updatesAccepted(refused, "noticeJobFailure")).isEqualTo(1);
    assertThat(updatesAccepted(other, "noticeJobFailure")).isZero();
  }

  private static String activityType(String workflowId, HistoryEvent completed) {
    long scheduled = completed.getActivityTaskCompletedEventAttributes().getScheduledEventId();
    return history(workflowId).getEventsList().stream().filter(event -> event.getEventId() == scheduled).findFirst()
        .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()).orElse("");
  }

  /** From the Propexo read's start to its completion, in the notice's history. */
  private static Duration readDuration(String workflowId) {
    History history = history(workflowId);
    HistoryEvent completed = history.getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_COMPLETED
            && activityType(workflowId, event).equals("ReadResidentPayment")).findFirst().orElseThrow();
    HistoryEvent started = history.getEventsList().stream()
        .filter(event -> event.getEventId() == completed.getActivityTaskCompletedEventAttributes().getStartedEventId())
        .findFirst().orElseThrow();
    return Duration.ofMillis(toMillis(completed) - toMillis(started));
  }

  private static long toMillis(HistoryEvent event) {
    return event.getEventTime().getSeconds() * 1000 + event.getEventTime().getNanos() / 1_000_000;
  }
}
