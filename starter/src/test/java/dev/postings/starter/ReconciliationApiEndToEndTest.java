package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationOutcome;
import dev.postings.reconciliation.ReconciliationStore;
import dev.postings.reconciliation.ReconciliationWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /api/reconciliations} on a real registry (embedded PostgreSQL) and a loopback Temporal server without a
 * worker: reports kept through {@link ReconciliationStore} are listed, read as JSON and as CSV, and resolved; a start
 * answers 202 and a second start joins the one run; and every hostile request is a 4xx naming what is wrong, never a
 * 5xx, starting nothing.
 */
class ReconciliationApiEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String ADMIN = "root-admin-key-0123456789abcdef";
  private static final LocalDate TODAY = LocalDate.now(ZoneOffset.UTC);
  private static StarterOnly app;
  private static ReconciliationStore store;

  @BeforeAll
  static void start() throws Exception {
    List<String> args = new ArrayList<>(List.of(TestKeys.args()));
    args.addAll(List.of("--postings.api.keys[5].name=root-admin", "--postings.api.keys[5].key=" + ADMIN,
        "--postings.api.keys[5].role=admin"));
    app = new StarterOnly(args.toArray(String[]::new));
    store = app.starter.getBean(ReconciliationStore.class);
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static RawHttp.Answer send(String method, String target, String body, String key, String... headers)
      throws Exception {
    List<String> all = new ArrayList<>(List.of(headers));
    if (key != null) {
      all.add("X-Api-Key: " + key);
    }
    if (body != null && all.stream().noneMatch(header -> header.startsWith("Content-Type"))) {
      all.add("Content-Type: application/json");
    }
    return app.raw.send(method, target, body == null ? null : body.getBytes(StandardCharsets.UTF_8),
        all.toArray(String[]::new));
  }

  private static RawHttp.Answer operator(String method, String target, String body, String... headers)
      throws Exception {
    return send(method, target, body, TestKeys.OPERATOR, headers);
  }

  private static ReconciliationItem item(ReconciliationOutcome outcome, String postingId, String recordId, Long expected,
      Long ledger, String detail) {
    return new ReconciliationItem(outcome, postingId, recordId, expected, ledger, detail);
  }

  @Test
  void aStartAnswers202AndASecondStartJoinsTheOneRun() throws Exception {
    String day = TODAY.minusDays(1).toString();
    String body = "{\"connectionId\":\"acquaint-dev\",\"day\":\"" + day + "\"}";

    RawHttp.Answer first = operator("POST", "/api/reconciliations", body);
    assertThat(first.status()).as(first.toString()).isEqualTo(202);
    JsonNode started = JSON.readTree(first.body());
    String workflowId = ReconciliationWorkflow.workflowId("acquaint-dev", day);
    assertThat(started.path("reconciliationWorkflowId").asText()).isEqualTo(workflowId);
    assertThat(started.path("status").asText()).isEqualTo("STARTED");
    assertThat(started.path("connectionId").asText()).isEqualTo("acquaint-dev");
    assertThat(started.path("day").asText()).isEqualTo(day);
    assertThat(first.header("location")).isEqualTo("/api/reconciliations?connection=acquaint-dev&day=" + day);

    RawHttp.Answer second = operator("POST", "/api/reconciliations", body);
    assertThat(second.status()).as(second.toString()).isEqualTo(202);
    JsonNode joined = JSON.readTree(second.body());
    assertThat(joined.path("reconciliationWorkflowId").asText()).isEqualTo(workflowId);
    assertThat(joined.path("status").asText()).isEqualTo("JOINED");
    // the joined run's own start, read from Temporal
    assertThat(Instant.parse(joined.path("since").asText())).isBefore(Instant.now());

    // one execution, running (no worker here), started for the operator's key on the default task queue
    assertThat(app.workflowIds()).containsOnlyOnce(workflowId);
    assertThat(app.workflowIds().stream().filter(workflowId::equals)).hasSize(1);
    WorkflowClient client = app.starter.getBean(WorkflowClient.class);
    var description = client.newUntypedWorkflowStub(workflowId).describe();
    assertThat(description.getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThat(description.getTaskQueue()).isEqualTo("postings");
    assertThat(description.getWorkflowType()).isEqualTo("ReconciliationWorkflow");
  }

  @Test
  void badStartsAre400NamingTheFieldAndStartNothing() throws Exception {
    List<String> before = app.workflowIds();
    Map<String, String> fieldOf = new java.util.LinkedHashMap<>();
    fieldOf.put("{\"connectionId\":\"no-such-connection\",\"day\":\"" + TODAY + "\"}", "connectionId");
    fieldOf.put("{\"connectionId\":\"Acquaint Dev!\",\"day\":\"" + TODAY + "\"}", "connectionId");
    fieldOf.put("{\"connectionId\":\"" + "a".repeat(5000) + "\",\"day\":\"" + TODAY + "\"}", "connectionId");
    fieldOf.put("{\"connectionId\":7,\"day\":\"" + TODAY + "\"}", "connectionId");
    fieldOf.put("{\"day\":\"" + TODAY + "\"}", "connectionId");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\"}", "day");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\",\"day\":\"2026-13-45\"}", "day");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\",\"day\":\"yesterday\"}", "day");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\",\"day\":\"" + TODAY.plusDays(3) + "\"}", "day");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\",\"day\":\"" + TODAY.minusDays(400) + "\"}", "day");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\",\"day\":\"+99999-01-01\"}", "day");
    fieldOf.put("{\"connectionId\":\"acquaint-dev\",\"day\":\"" + TODAY + "\",\"requestedBy\":\"someone else\"}",
        "requestedBy");
    fieldOf.put("{\"connectionId\":", "body");
    fieldOf.put("[1,2]", "body");
    fieldOf.put("\"acquaint-dev\"", "body");
    fieldOf.put("", "connectionId");
    List<String> wrong = new ArrayList<>();
    for (Map.Entry<String, String> bad : fieldOf.entrySet()) {
      RawHttp.Answer answer = operator("POST", "/api/reconciliations", bad.getKey());
      if (answer.status() != 400 || !answer.isJson()
          || !JSON.readTree(answer.body()).path("errors").toString().contains("\"field\":\"" + bad.getValue() + "\"")) {
        wrong.add(bad.getKey().substring(0, Math.min(80, bad.getKey().length())) + " -> " + answer);
      }
    }
    assertThat(wrong).as("bad starts not refused naming the field").isEmpty();

    RawHttp.Answer huge = operator("POST", "/api/reconciliations", "{\"connectionId\":\"acquaint-dev\",\"day\":\""
        + TODAY + "\",\"x\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(huge.status()).as(huge.toString()).isEqualTo(413);
    RawHttp.Answer form = operator("POST", "/api/reconciliations", "connectionId=acquaint-dev",
        "Content-Type: application/x-www-form-urlencoded");
    assertThat(form.status()).as(form.toString()).isEqualTo(415);
    assertThat(app.workflowIds()).as("nothing started by a refused request").isEqualTo(before);
  }

  @Test
  void onlyOperatorsMayStartReadOrResolve() throws Exception {
    long id = store.save("acquaint-north", TODAY, Instant.now(), List.of(item(ReconciliationOutcome.MISSING, "p-9",
        "9009", 100L, null, "gone")), 1).reconciliationId();
    List<String> before = app.workflowIds();
    String start = "{\"connectionId\":\"acquaint-north\",\"day\":\"" + TODAY + "\"}";
    for (String[] call : List.of(new String[] {"POST", "/api/reconciliations", start},
        new String[] {"GET", "/api/reconciliations", null}, new String[] {"GET", "/api/reconciliations/" + id, null},
        new String[] {"POST", "/api/reconciliations/" + id + "/resolve", "{\"note\":\"by a service\"}"})) {
      assertThat(send(call[0], call[1], call[2], null).status()).as("no key: " + call[1]).isEqualTo(401);
      for (String key : List.of(TestKeys.BILLING_API, ADMIN, TestKeys.METRICS)) {
        RawHttp.Answer refused = send(call[0], call[1], call[2], key);
        assertThat(refused.status()).as(key + " " + call[0] + " " + call[1]).isEqualTo(403);
        assertThat(refused.isJson()).isTrue();
      }
    }
    assertThat(app.workflowIds()).isEqualTo(before);
    assertThat(JSON.readTree(operator("GET", "/api/reconciliations/" + id, null).body()).path("open").asBoolean())
        .as("still open: nobody but an operator resolved it").isTrue();
  }

  @Test
  void keptReportsAreListedShownAsJsonAndCsvAndResolved() throws Exception {
    Instant now = Instant.now();
    LocalDate day = TODAY.minusDays(2);
    List<ReconciliationItem> items = List.of(
        item(ReconciliationOutcome.MATCHED, "aq-1", "9001", 4_550L, 4_550L, null),
        item(ReconciliationOutcome.CHANGED, "aq-2", "9002", 12_000L, 11_000L, "amount 120.00 on our side, 110.00, on"
            + " the ledger"),
        item(ReconciliationOutcome.UNEXPECTED, null, "=HYPERLINK(\"x\")", null, 500L, "keyed in by hand"),
        item(ReconciliationOutcome.PENDING, "aq-3", null, null, null, "not confirmed yet"));
    long clean = store.save("propexo-main", day, now.minusSeconds(60), List.of(items.get(0)), 1).reconciliationId();
    long open = store.save("storedge-main", day, now, items, 4).reconciliationId();

    // the list: newest first, counts by outcome, the open task
    JsonNode list = JSON.readTree(operator("GET", "/api/reconciliations?day=" + day, null).body());
    assertThat(list.path("reconciliations").findValuesAsText("reconciliationId"))
        .containsSubsequence(String.valueOf(open), String.valueOf(clean));
    JsonNode first = list.path("reconciliations").get(0);
    assertThat(first.path("counts").path("CHANGED").asLong()).isEqualTo(1);
    assertThat(first.path("counts").path("UNEXPECTED").asLong()).isEqualTo(1);
    assertThat(first.path("providerCalls").asInt()).isEqualTo(4);
    assertThat(first.path("needsOperator").asBoolean()).isTrue();
    assertThat(first.path("open").asBoolean()).isTrue();
    assertThat(first.has("items")).isFalse();
    JsonNode onlyOpen = JSON.readTree(operator("GET", "/api/reconciliations?open=true", null).body());
    assertThat(onlyOpen.path("reconciliations").findValuesAsText("reconciliationId"))
        .contains(String.valueOf(open)).doesNotContain(String.valueOf(clean));
    JsonNode ofConnection = JSON.readTree(operator("GET", "/api/reconciliations?connection=propexo-main&limit=5",
        null).body());
    assertThat(ofConnection.path("reconciliations").findValuesAsText("connectionId")).containsOnly("propexo-main");

    // one report with its items, as kept
    JsonNode report = JSON.readTree(operator("GET", "/api/reconciliations/" + open, null).body());
    assertThat(report.path("items")).hasSize(4);
    assertThat(report.path("items").get(1).path("outcome").asText()).isEqualTo("CHANGED");
    assertThat(report.path("items").get(1).path("ledgerAmountMinor").asLong()).isEqualTo(11_000);
    assertThat(report.path("items").get(2).path("postingId").isNull()).isTrue();

    // the same as CSV, asked for by Accept: defused formula, quoted comma
    RawHttp.Answer csv = operator("GET", "/api/reconciliations/" + open, null, "Accept: text/csv");
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("content-type")).startsWith("text/csv");
    assertThat(csv.body()).isEqualTo("outcome,postingId,recordId,expectedAmountMinor,ledgerAmountMinor,detail\r\n"
        + "MATCHED,aq-1,9001,4550,4550,\r\n"
        + "CHANGED,aq-2,9002,12000,11000,\"amount 120.00 on our side, 110.00, on the ledger\"\r\n"
        + "UNEXPECTED,,\"'=HYPERLINK(\"\"x\"\")\",,500,keyed in by hand\r\n"
        + "PENDING,aq-3,,,,not confirmed yet\r\n");
    // without asking for CSV, JSON (what a script with Accept */* gets)
    assertThat(operator("GET", "/api/reconciliations/" + open, null, "Accept: */*").isJson()).isTrue();

    // resolved once, by the operator's key; then a conflict; a report without a task cannot be resolved
    RawHttp.Answer noNote = operator("POST", "/api/reconciliations/" + open + "/resolve", "{}");
    assertThat(noNote.status()).isEqualTo(400);
    assertThat(noNote.body()).contains("\"field\":\"note\"");
    RawHttp.Answer resolved = operator("POST", "/api/reconciliations/" + open + "/resolve",
        "{\"note\":\"amount corrected in storEDGE\"}");
    assertThat(resolved.status()).as(resolved.toString()).isEqualTo(200);
    JsonNode closed = JSON.readTree(resolved.body());
    assertThat(closed.path("open").asBoolean()).isFalse();
    assertThat(closed.path("resolvedBy").asText()).isEqualTo("ops-anna");
    assertThat(closed.path("resolutionNote").asText()).isEqualTo("amount corrected in storEDGE");
    RawHttp.Answer again = operator("POST", "/api/reconciliations/" + open + "/resolve", "{\"note\":\"again\"}");
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.body()).contains("already resolved by ops-anna");
    assertThat(operator("POST", "/api/reconciliations/" + clean + "/resolve", "{\"note\":\"x\"}").status())
        .isEqualTo(409);
    assertThat(JSON.readTree(operator("GET", "/api/reconciliations?open=true", null).body())
        .path("reconciliations").findValuesAsText("reconciliationId")).doesNotContain(String.valueOf(open));
  }

  /** The project's client (the CLI's) and this API agree on every call: paths, bodies, Accept. */
  @Test
  void theClientSpeaksThisApi() throws Exception {
    dev.postings.client.PostingsClient client = new dev.postings.client.PostingsClient(app.url, TestKeys.OPERATOR,
        java.time.Duration.ofSeconds(10));
    String day = TODAY.minusDays(5).toString();
    dev.postings.client.Answer started = client.reconcile("propexo-second", day);
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(started.body().path("reconciliationWorkflowId").asText())
        .isEqualTo(ReconciliationWorkflow.workflowId("propexo-second", day));

    long id = store.save("propexo-second", LocalDate.parse(day), Instant.now(), List.of(
        item(ReconciliationOutcome.MISSING, "pw-7", "rp_7", 700L, null, "deleted")), 2).reconciliationId();
    assertThat(client.reconciliations(Map.of("connection", List.of("propexo-second"), "day", List.of(day)))
        .body().path("reconciliations").path(0).path("reconciliationId").asLong()).isEqualTo(id);
    assertThat(client.reconciliation(String.valueOf(id)).body().path("items").path(0).path("postingId").asText())
        .isEqualTo("pw-7");
    assertThat(client.reconciliationCsv(String.valueOf(id))).endsWith("MISSING,pw-7,rp_7,700,,deleted\r\n");
    assertThat(client.resolveReconciliation(String.valueOf(id), "re-posted").status()).isEqualTo(200);
    assertThat(client.resolveReconciliation(String.valueOf(id), "again").status()).isEqualTo(409);
  }

  @Test
  void unknownAndHostileIdsAreJson404EvenToACsvReader() throws Exception {
    for (String id : List.of("999999", "0", "-1", "abc", "99999999999999999999", "1e3", "%E2%80%AE1", "1%20",
        "x".repeat(3000))) {
      for (String accept : List.of("application/json", "text/csv", "*/*")) {
        RawHttp.Answer answer = operator("GET", "/api/reconciliations/" + id, null, "Accept: " + accept);
        assertThat(answer.status()).as(id + " " + accept + ": " + answer).isIn(400, 404);
        assertThat(answer.isJson()).as(id + " " + accept + ": " + answer).isTrue();
      }
      RawHttp.Answer resolve = operator("POST", "/api/reconciliations/" + id + "/resolve", "{\"note\":\"x\"}");
      assertThat(resolve.status()).as(id + ": " + resolve).isIn(400, 404);
    }
    RawHttp.Answer unknown = operator("GET", "/api/reconciliations/999999", null, "Accept: text/csv");
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.body()).contains("\"field\":\"reconciliationId\"");
  }

  @Test
  void badListQueriesAre400NamingTheQueryParameter() throws Exception {
    for (String[] bad : List.of(new String[] {"connection=Not%20An%20Id", "connection"},
        new String[] {"connection=" + "a".repeat(100), "connection"}, new String[] {"day=2026-02-30", "day"},
        new String[] {"day=today", "day"}, new String[] {"open=maybe", "open"}, new String[] {"open=1&open=2", "open"},
        new String[] {"limit=0", "limit"}, new String[] {"limit=201", "limit"},
        new String[] {"limit=99999999999999999999", "limit"}, new String[] {"limit=1&limit=2", "limit"})) {
      RawHttp.Answer answer = operator("GET", "/api/reconciliations?" + bad[0], null);
      assertThat(answer.status()).as(bad[0] + ": " + answer).isEqualTo(400);
      assertThat(answer.body()).as(bad[0]).contains("\"field\":\"" + bad[1] + "\"");
    }
  }
}
