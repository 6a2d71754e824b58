package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.reconciliation.DailyReconciliationOrder;
import dev.postings.reconciliation.DailyReconciliationReport;
import dev.postings.reconciliation.DailyReconciliationWorkflow;
import dev.postings.reconciliation.ReconciliationOrder;
import io.micrometer.core.instrument.Counter;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.micrometer.core.instrument.MeterRegistry;
import java.math.BigDecimal;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day's batch through the whole local stack, then its reconciliation: a CSV of 1,000 rows (20 of them invalid) for
 * two connections (storEDGE tenants' ledgers at {@code storedge-main}, Acquaint tenancies' rent at
 * {@code acquaint-dev}), read whole, the valid rows started in the background and confirmed on the sandbox, every
 * row's outcome in the results file, the invalid rows listed by line and never started. Each connection's day is then
 * reconciled against the ledgers the sandbox holds: everything MATCHED; and after the sandbox's people delete one
 * payment, change one amount and key in one payment carrying one of our references, exactly those three are found.
 */
class BatchEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MAIN_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final int ROWS = 1_000;
  /** The settlement's transaction day: yesterday, so that the reconciliation API takes it whenever this runs. */
  private static final LocalDate DAY = LocalDate.now(ZoneOffset.UTC).minusDays(1);
  private static final List<Integer> INVALID_LINES = new ArrayList<>();

  private static LocalStack stack;

  /** What a row pays: a storEDGE ledger, or an Acquaint tenancy's rent item. */
  private record Payee(String ledgerOrTenancy, long rentItemId) {}

  @BeforeAll
  static void start() throws Exception {
    // the providers' pace (theirs in the sandbox, ours in the worker) lifted: this is about the intake and the
    // reconciliation, not the rate limits, which their own tests cover
    stack = new LocalStack(new String[] {"--postings.batches.starts-per-second=200"},
        new String[] {"--postings.storedge.rate-limit.requests-per-minute=0",
            "--postings.acquaint.rate-limit.requests-per-minute=0",
            "--ACQUAINT_ACTIVITIES_PER_SECOND=100000", "--ACQUAINT_ACTIVITY_SLOTS=50"},
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000000");
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static HttpResponse<String> send(String method, String path, String contentType, String body, String key)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(stack.apiUrl.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    if (key != null) {
      request.header("X-Api-Key", key);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode sandbox(String method, String path, String body) throws Exception {
    HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve(path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as(method + " " + path + ": " + answer.body()).isEqualTo(200);
    return JSON.readTree(answer.body());
  }

  private static Payee storedgeLedger() throws Exception {
    String id = "batch-" + UUID.randomUUID();
    sandbox("POST", "/sandbox/storedge/ledgers", "{\"id\":\"" + id + "\",\"facilityId\":\"" + MAIN_FACILITY
        + "\",\"balance\":100000.00,\"monthlyRent\":50.00,\"paymentMethodIds\":[\"pm-batch\"]}");
    return new Payee(id, 0);
  }

  /** A tenancy of its own with one rent item due, at agency DEV (acquaint-dev). */
  private static Payee acquaintRent(int row, long dueMinor) throws Exception {
    long tenancy = 90_000 + row;
    long item = sandbox("POST", "/sandbox/acquaint/rent-items", "{\"tenancyId\":" + tenancy + ",\"due\":\""
        + BigDecimal.valueOf(dueMinor, 2).toPlainString() + "\"}").path("Id").asLong();
    return new Payee(String.valueOf(tenancy), item);
  }

  private static long amountOf(int row) {
    return 100 + row;
  }

  private static String referenceOf(int row) {
    return "BATCH-" + DAY + "-" + row;
  }

  /**
   * 1,000 rows, one tenant each (a day's settlement pays each tenant once; storEDGE tells a payment by the ledger's
   * recent payments, so a ledger paid by many postings at once is no day's file), odd rows storEDGE's and even rows
   * Acquaint's, every 50th invalid: a negative amount, an unknown provider, or a posting id used before.
   */
  private static String file(List<Payee> payees) {
    StringBuilder csv = new StringBuilder("connectionId,postingId,provider,amount.minor,amount.currency,"
        + "transactionDate,paymentType,referenceNumber,target.operation,target.rentItemId,target.tenancyId,"
        + "target.bankAccountId,target.facilityId,target.ledgerId,target.paymentKind,target.paymentMethod.kind,"
        + "target.paymentMethod.paymentMethodId\n");
    for (int i = 1; i <= ROWS; i++) {
      int line = i + 1;
      boolean acquaint = i % 2 == 0;
      String postingId = "batch-e2e-" + i;
      String amount = String.valueOf(amountOf(i));
      String provider = acquaint ? "ACQUAINT" : "STOREDGE";
      if (i % 50 == 0) {
        INVALID_LINES.add(line);
        switch (i / 50 % 3) {
          case 0 -> amount = "-100";
          case 1 -> provider = "PROPERTYWARY";
          default -> postingId = "batch-e2e-1";
        }
      }
      Payee payee = payees.get(i - 1);
      String common = String.join(",", postingId, provider, amount, acquaint ? "GBP" : "USD", DAY + "T09:30:00Z",
          acquaint ? "3" : "", referenceOf(i));
      csv.append(acquaint
          ? String.join(",", "acquaint-dev", common, "RENT", String.valueOf(payee.rentItemId()),
              payee.ledgerOrTenancy(), "1", "", "", "", "", "")
          : String.join(",", "storedge-main", common, "", "", "", "", MAIN_FACILITY, payee.ledgerOrTenancy(), "CUSTOM",
              "STORED", "pm-batch")).append('\n');
    }
    return csv.toString();
  }

  @Test
  void aThousandRowFileIsPostedAndItsDayReconciledAgainstTheLedgers() throws Exception {
    List<Payee> payees = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      payees.add(i % 2 == 0 ? acquaintRent(i, amountOf(i)) : storedgeLedger());
    }
    String file = file(payees);

    HttpResponse<String> accepted = send("POST", "/api/batches/day-e2e?invalidRows=LEAVE_OUT", "text/csv", file,
        LocalStack.SERVICE_KEY);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(202);
    JsonNode batch = JSON.readTree(accepted.body());
    assertThat(batch.path("rowsRead").asInt()).isEqualTo(ROWS);
    assertThat(batch.path("rowsInvalid").asInt()).isEqualTo(INVALID_LINES.size());
    List<Integer> listed = new ArrayList<>();
    batch.path("invalid").forEach(row -> listed.add(row.path("line").asInt()));
    assertThat(listed).containsExactlyElementsOf(INVALID_LINES);

    // the same file again is the same batch; another file under its id is a conflict
    assertThat(send("POST", "/api/batches/day-e2e?invalidRows=LEAVE_OUT", "text/csv", file, LocalStack.SERVICE_KEY)
        .statusCode()).isEqualTo(200);
    assertThat(send("POST", "/api/batches/day-e2e", "text/csv", file.replace(referenceOf(7) + ",",
        referenceOf(7) + "X,"), LocalStack.SERVICE_KEY).statusCode()).isEqualTo(409);

    int valid = ROWS - INVALID_LINES.size();
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofSeconds(1)).until(() -> JSON.readTree(
        send("GET", "/api/batches/day-e2e", null, null, LocalStack.SERVICE_KEY).body()).path("starts")
        .path("STARTED").asInt() == valid);
    await().atMost(Duration.ofMinutes(4)).pollInterval(Duration.ofSeconds(2)).until(() -> "FINISHED".equals(
        JSON.readTree(send("GET", "/api/batches/day-e2e", null, null, LocalStack.SERVICE_KEY).body())
            .path("status").asText()));
    JsonNode finished = JSON.readTree(send("GET", "/api/batches/day-e2e", null, null, LocalStack.OPERATOR_KEY).body());
    assertThat(finished.path("postings").path("CONFIRMED").asInt()).isEqualTo(valid);
    assertThat(finished.path("starts").path("STARTED").asInt()).isEqualTo(valid);
    List<Integer> leftOut = new ArrayList<>();
    finished.path("leftOut").forEach(row -> {
      leftOut.add(row.path("line").asInt());
      assertThat(row.path("fields").size()).as(row.toString()).isPositive();
    });
    assertThat(leftOut).containsExactlyElementsOf(INVALID_LINES);

    // each valid row paid once on the sandbox's ledgers
    JsonNode storedgeLedger = sandbox("GET", "/sandbox/ledger/storedge", null);
    JsonNode acquaintLedger = sandbox("GET", "/sandbox/ledger/acquaint", null);
    assertThat(storedgeLedger.path("total").asInt() + acquaintLedger.path("total").asInt())
        .as("payments on the sandbox's ledgers").isEqualTo(valid);
    assertThat(storedgeLedger.path("duplicates").size() + acquaintLedger.path("duplicates").size()).isZero();

    HttpResponse<String> results = send("GET", "/api/batches/day-e2e/results", null, null, LocalStack.SERVICE_KEY);
    String[] lines = results.body().split("\r\n");
    // one line per row of the file, in file order: the invalid ones too, never started
    assertThat(lines).hasSize(ROWS + 1);
    assertThat(lines[0]).isEqualTo("line,postingId,start,state,recordId,attentionCode,invalidFields");
    assertThat(lines[1]).startsWith("2,batch-e2e-1,STARTED,CONFIRMED,");
    Map<Integer, String> recordOf = new HashMap<>();
    for (int i = 1; i <= ROWS; i++) {
      String[] cells = lines[i].split(",", -1);
      assertThat(Integer.parseInt(cells[0])).isEqualTo(i + 1);
      if (INVALID_LINES.contains(i + 1)) {
        assertThat(cells[2]).as(lines[i]).isEqualTo("INVALID");
        assertThat(cells[3]).as(lines[i]).isEmpty();
        assertThat(cells[6]).as(lines[i]).isNotEmpty();
      } else {
        assertThat(cells[2] + "," + cells[3]).as(lines[i]).isEqualTo("STARTED,CONFIRMED");
        recordOf.put(i, cells[4]);
      }
    }
    // an invalid row never started: its posting does not exist
    assertThat(send("GET", "/api/postings/batch-e2e-50", null, null, LocalStack.OPERATOR_KEY).statusCode())
        .isEqualTo(404);

    // the day reconciled: every confirmed posting matched on each connection's ledgers
    long validStoredge = recordOf.keySet().stream().filter(i -> i % 2 == 1).count();
    long validAcquaint = recordOf.size() - validStoredge;
    JsonNode storedgeDay = reconcile("storedge-main", 1);
    JsonNode acquaintDay = reconcile("acquaint-dev", 1);
    assertThat(counts(storedgeDay)).isEqualTo(counts(validStoredge, 0, 0, 0));
    assertThat(counts(acquaintDay)).isEqualTo(counts(validAcquaint, 0, 0, 0));
    assertThat(storedgeDay.path("needsOperator").asBoolean()).isFalse();
    // storEDGE: one read per tenant's ledger; Acquaint rent: one per tenancy (each row is its own tenant here)
    assertThat(storedgeDay.path("providerCalls").asLong()).isEqualTo(validStoredge);
    assertThat(acquaintDay.path("providerCalls").asLong()).isEqualTo(validAcquaint);

    // the PMS's people: a storEDGE payment deleted, another's amount changed, and an Acquaint receipt keyed in by hand
    // on another rent item of a tenancy of ours, carrying the reference of one of our postings
    sandbox("DELETE", "/sandbox/storedge/ledgers/" + payees.get(2).ledgerOrTenancy() + "/payments/" + recordOf.get(3),
        null);
    sandbox("PATCH", "/sandbox/storedge/ledgers/" + payees.get(4).ledgerOrTenancy() + "/payments/" + recordOf.get(5),
        "{\"amount\":1.99}");
    Payee stranger = acquaintRent(6, 700);
    sandbox("POST", "/sandbox/acquaint/transactions", "{\"tenancyId\":" + stranger.ledgerOrTenancy()
        + ",\"rentItemId\":" + stranger.rentItemId() + ",\"credit\":\"7.00\",\"reference\":\"" + referenceOf(6)
        + "\"}");

    JsonNode storedgeAgain = reconcile("storedge-main", 2);
    JsonNode acquaintAgain = reconcile("acquaint-dev", 2);
    assertThat(counts(storedgeAgain)).isEqualTo(counts(validStoredge - 2, 1, 1, 0));
    assertThat(counts(acquaintAgain)).isEqualTo(counts(validAcquaint, 0, 0, 1));
    assertThat(storedgeAgain.path("needsOperator").asBoolean()).isTrue();
    assertThat(acquaintAgain.path("needsOperator").asBoolean()).isTrue();
    List<String> found = new ArrayList<>();
    for (JsonNode report : List.of(storedgeAgain, acquaintAgain)) {
      JsonNode items = JSON.readTree(send("GET", "/api/reconciliations/" + report.path("reconciliationId").asLong(),
          null, null, LocalStack.OPERATOR_KEY).body()).path("items");
      items.forEach(item -> {
        if (!"MATCHED".equals(item.path("outcome").asText())) {
          found.add(item.path("outcome").asText() + " " + item.path("postingId").asText("-") + " "
              + item.path("recordId").asText() + " " + item.path("ledgerAmountMinor").asText("-"));
        }
      });
    }
    assertThat(found).containsExactlyInAnyOrder(
        "MISSING batch-e2e-3 " + recordOf.get(3) + " -",
        "CHANGED batch-e2e-5 " + recordOf.get(5) + " 199",
        "UNEXPECTED - " + stranger.rentItemId() + " 700");

    // the daily run, as the schedule starts it: every active connection's yesterday, each under its one id; the day's
    // disagreements are still there, so the batch's two connections need an operator again
    DailyReconciliationReport daily = stack.starter.getBean(WorkflowClient.class).newWorkflowStub(
        DailyReconciliationWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue("postings")
            .setWorkflowId("daily-reconciliation-e2e").build())
        .reconcileDay(new DailyReconciliationOrder(1, ReconciliationOrder.SCHEDULED));
    assertThat(daily.day()).isEqualTo(DAY.toString());
    assertThat(daily.reconciled()).containsExactlyInAnyOrder("acquaint-dev", "acquaint-north", "propexo-main",
        "propexo-second", "storedge-main", "storedge-second");
    assertThat(daily.needOperator()).containsExactlyInAnyOrder("acquaint-dev", "storedge-main");
    assertThat(daily.failed()).isEmpty();
    JsonNode third = JSON.readTree(send("GET", "/api/reconciliations?connection=storedge-main&day=" + DAY, null, null,
        LocalStack.OPERATOR_KEY).body()).path("reconciliations");
    assertThat(third.size()).isEqualTo(3);
    assertThat(counts(third.get(0))).isEqualTo(counts(validStoredge - 2, 1, 1, 0));

    // summed in the worker's metrics, by connection and outcome
    MeterRegistry meters = stack.worker.getBean(MeterRegistry.class);
    Counter missing = meters.find("postings_reconciliation_items").tag("connection", "storedge-main")
        .tag("outcome", "MISSING").counter();
    assertThat(missing).isNotNull();
    assertThat(missing.count()).as("the second run's and the daily run's").isEqualTo(2.0);
    assertThat(meters.find("postings_reconciliation_items").tag("connection", "acquaint-dev")
        .tag("outcome", "MATCHED").counter().count()).isEqualTo(3.0 * validAcquaint);
  }

  /** Starts (or joins) the connection's reconciliation of {@link #DAY} and waits for its {@code n}th report. */
  private static JsonNode reconcile(String connection, int n) throws Exception {
    HttpResponse<String> started = send("POST", "/api/reconciliations", "application/json",
        "{\"connectionId\":\"" + connection + "\",\"day\":\"" + DAY + "\"}", LocalStack.OPERATOR_KEY);
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    String list = "/api/reconciliations?connection=" + connection + "&day=" + DAY;
    await().atMost(Duration.ofMinutes(2)).pollInterval(Duration.ofMillis(500)).until(() -> JSON.readTree(
        send("GET", list, null, null, LocalStack.OPERATOR_KEY).body()).path("reconciliations").size() >= n);
    return JSON.readTree(send("GET", list, null, null, LocalStack.OPERATOR_KEY).body()).path("reconciliations").get(0);
  }

  private static String counts(JsonNode report) {
    JsonNode counts = report.path("counts");
    return counts(counts.path("MATCHED").asLong(), counts.path("MISSING").asLong(), counts.path("CHANGED").asLong(),
        counts.path("UNEXPECTED").asLong()).replace("pending 0", "pending " + counts.path("PENDING").asLong());
  }

  private static String counts(long matched, long missing, long changed, long unexpected) {
    return "matched " + matched + ", missing " + missing + ", changed " + changed + ", unexpected " + unexpected
        + ", pending 0";
  }

  @Test
  void anotherServiceNeitherSeesNorReusesTheBatch() throws Exception {
    HttpResponse<String> stored = send("POST", "/api/batches/day-owned", "application/x-ndjson", "", 
        LocalStack.SERVICE_KEY);
    assertThat(stored.statusCode()).isIn(202, 200);
    assertThat(send("GET", "/api/batches/day-owned", null, null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> none = HTTP.send(HttpRequest.newBuilder(stack.apiUrl.resolve("/api/batches/no-such/results"))
        .header("X-Api-Key", LocalStack.SERVICE_KEY).header("Accept", "text/csv").build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(none.statusCode()).isEqualTo(404);
    assertThat(none.body()).contains("batchId");
    assertThat(send("GET", "/api/batches/day-owned/results", null, null, LocalStack.SERVICE_KEY).body())
        .isEqualTo("line,postingId,start,state,recordId,attentionCode,invalidFields\r\n");
    assertThat(send("POST", "/api/batches/day-owned", "application/pdf", "x", LocalStack.SERVICE_KEY).statusCode())
        .isEqualTo(415);
    assertThat(send("POST", "/api/batches/day%20owned", "text/csv", "postingId\n", LocalStack.SERVICE_KEY)
        .statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/batches/day-x?invalidRows=MAYBE", "text/csv", "postingId\n",
        LocalStack.SERVICE_KEY).statusCode()).isEqualTo(400);
    assertThat(send("POST", "/api/batches/day-x", "text/csv", "cardNumber\n", LocalStack.SERVICE_KEY).body())
        .contains("header");
  }

  @Test
  void aBatchForAConnectionThatDoesNotExistIsRefusedNamingTheParameter() throws Exception {
    HttpResponse<String> unknown = send("POST", "/api/batches/day-conn?connectionId=no-such-connection", "text/csv",
        "postingId\n", LocalStack.SERVICE_KEY);
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unknown.body()).path("errors").get(0).path("field").asText()).isEqualTo("connectionId");
    assertThat(unknown.body()).contains("no-such-connection");
    assertThat(send("POST", "/api/batches/day-conn?connectionId=NOT%20AN%20ID", "text/csv", "postingId\n",
        LocalStack.SERVICE_KEY).statusCode()).isEqualTo(400);
    assertThat(send("GET", "/api/batches/day-conn", null, null, LocalStack.SERVICE_KEY).statusCode()).isEqualTo(404);
  }

  @Test
  void batchesAreListedToTheirServiceAndToOperators() throws Exception {
    assertThat(send("POST", "/api/batches/day-listed", "application/x-ndjson", "", LocalStack.SERVICE_KEY)
        .statusCode()).isIn(202, 200);
    JsonNode mine = JSON.readTree(send("GET", "/api/batches?limit=100", null, null, LocalStack.SERVICE_KEY).body());
    List<String> ids = new ArrayList<>();
    mine.path("batches").forEach(batch -> ids.add(batch.path("batchId").asText()));
    assertThat(ids).contains("day-listed");
    JsonNode all = JSON.readTree(send("GET", "/api/batches?limit=100", null, null, LocalStack.OPERATOR_KEY).body());
    assertThat(all.path("batches").toString()).contains("day-listed");
    assertThat(send("GET", "/api/batches", null, null, null).statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(send("GET", "/api/batches?limit=0", null, null, LocalStack.SERVICE_KEY).body())
        .path("errors").get(0).path("field").asText()).isEqualTo("limit");
  }
}
