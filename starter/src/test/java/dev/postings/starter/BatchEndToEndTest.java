package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A day's batch through the whole local stack: a CSV of 1,000 rows (20 of them invalid) to two storEDGE operators'
 * ledgers, read whole, the valid rows started in the background and confirmed on the sandbox's ledgers, every row's
 * outcome in the results file; the invalid rows listed by line and never started.
 */
class BatchEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MAIN_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String SECOND_FACILITY = "5b2f8c1e-9d3a-4e6b-8f70-6a1c2d3e4f50";
  private static final int ROWS = 1_000;
  private static final List<Integer> INVALID_LINES = new ArrayList<>();

  private static LocalStack stack;
  private static boolean connections;

  @BeforeAll
  static void start() throws Exception {
    // storEDGE's own pacing (ours, 300/min per connection) lifted: this is about the intake, not the provider's pace
    stack = new LocalStack(new String[] {"--postings.batches.starts-per-second=200"},
        new String[] {"--postings.storedge.rate-limit.requests-per-minute=0"});
    connections = JSON.readTree(send("GET", "/v3/api-docs", null, null, null).body()).toString()
        .contains("\"connectionId\"");
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

  private static String sandboxLedger(String facility) throws Exception {
    String id = "batch-" + UUID.randomUUID();
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/storedge/ledgers"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id
            + "\",\"facilityId\":\"" + facility + "\",\"balance\":100000.00,\"monthlyRent\":50.00,"
            + "\"paymentMethodIds\":[\"pm-batch\"]}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(200);
    return id;
  }

  private static JsonNode sandboxPayments(String ledger) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/storedge/ledgers/"
        + ledger)).build(), HttpResponse.BodyHandlers.ofString()).body()).path("payments");
  }

  /**
   * 1,000 rows, one tenant each (a day's settlement pays each tenant once; storEDGE tells a payment by the ledger's
   * recent payments, so a ledger paid by many postings at once is no day's file), every 50th invalid: a negative
   * amount, an unknown provider, or a posting id used before.
   */
  private static String file(List<String> ledgers) {
    StringBuilder csv = new StringBuilder((connections ? "connectionId," : "") + "postingId,provider,amount.minor,"
        + "amount.currency,transactionDate,referenceNumber,target.facilityId,target.ledgerId,target.paymentKind,"
        + "target.paymentMethod.kind,target.paymentMethod.paymentMethodId\n");
    for (int i = 1; i <= ROWS; i++) {
      int line = i + 1;
      boolean second = connections && i % 2 == 0;
      String postingId = "batch-e2e-" + i;
      String amount = String.valueOf(100 + i);
      String provider = "STOREDGE";
      if (i % 50 == 0) {
        INVALID_LINES.add(line);
        switch (i / 50 % 3) {
          case 0 -> amount = "-100";
          case 1 -> provider = "PROPERTYWARY";
          default -> postingId = "batch-e2e-1";
        }
      }
      csv.append(connections ? (second ? "storedge-second," : "storedge-main,") : "").append(postingId).append(',')
          .append(provider).append(',').append(amount).append(",USD,2026-12-04T09:30:00Z,SE-BATCH-").append(i)
          .append(',').append(second ? SECOND_FACILITY : MAIN_FACILITY).append(',').append(ledgers.get(i - 1))
          .append(",CUSTOM,STORED,pm-batch\n");
    }
    return csv.toString();
  }

  @Test
  void aThousandRowFileIsReadWholeStartedAtAPaceAndEveryValidRowConfirmed() throws Exception {
    List<String> ledgers = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      ledgers.add(sandboxLedger(connections && i % 2 == 0 ? SECOND_FACILITY : MAIN_FACILITY));
    }
    String file = file(ledgers);

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
    assertThat(send("POST", "/api/batches/day-e2e", "text/csv", file.replace("SE-BATCH-7,", "SE-BATCH-X,"),
        LocalStack.SERVICE_KEY).statusCode()).isEqualTo(409);

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

    int paid = 0;
    for (String ledger : ledgers) {
      paid += sandboxPayments(ledger).size();
    }
    assertThat(paid).as("payments on the sandbox's ledgers, once each").isEqualTo(valid);
    HttpResponse<String> results = send("GET", "/api/batches/day-e2e/results", null, null, LocalStack.SERVICE_KEY);
    String[] lines = results.body().split("\r\n");
    // one line per row of the file, in file order: the invalid ones too, never started
    assertThat(lines).hasSize(ROWS + 1);
    assertThat(lines[0]).isEqualTo("line,postingId,start,state,recordId,attentionCode,invalidFields");
    assertThat(lines[1]).startsWith("2,batch-e2e-1,STARTED,CONFIRMED,");
    for (int i = 1; i <= ROWS; i++) {
      String[] cells = lines[i].split(",", -1);
      assertThat(Integer.parseInt(cells[0])).isEqualTo(i + 1);
      if (INVALID_LINES.contains(i + 1)) {
        assertThat(cells[2]).as(lines[i]).isEqualTo("INVALID");
        assertThat(cells[3]).as(lines[i]).isEmpty();
        assertThat(cells[6]).as(lines[i]).isNotEmpty();
      } else {
        assertThat(cells[2] + "," + cells[3]).as(lines[i]).isEqualTo("STARTED,CONFIRMED");
      }
    }
    // an invalid row never started: its posting does not exist
    assertThat(send("GET", "/api/postings/batch-e2e-50", null, null, LocalStack.OPERATOR_KEY).statusCode())
        .isEqualTo(404);
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
