package dev.postings.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The demo's day file: 1,000 rows across two customers of two providers (Acquaint agency DEV's rent, storEDGE operator
 * 1's tenants), every 50th row invalid, sent as one batch through the client. Checks that every valid row was
 * CONFIRMED, that the invalid rows were listed by line and never started, and that the results file has one line per
 * row in file order; then reconciles the day ({@link DemoReconciliation}).
 *
 * <p>Each row pays its own tenant, made on the sandbox first (a storEDGE ledger, an Acquaint tenancy with one rent item
 * due): a day's settlement pays each tenant once (storEDGE tells a payment by the ledger's recent payments, so one
 * ledger paid by hundreds of postings at once is no day's file).
 */
final class DemoBatch {

  static final int ROWS = 1_000;
  static final int INVALID_EVERY = 50;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String STOREDGE_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String STOREDGE_METHOD = "pm-demo-batch";
  /** The demo's Acquaint tenancies at agency DEV: one per row, from here on. */
  private static final long FIRST_TENANCY = 600_000;
  private static final String HEADER = "connectionId,postingId,provider,amount.minor,amount.currency,transactionDate,"
      + "paymentType,referenceNumber,description,target.operation,target.rentItemId,target.tenancyId,"
      + "target.bankAccountId,target.facilityId,target.ledgerId,target.paymentKind,target.paymentMethod.kind,"
      + "target.paymentMethod.paymentMethodId";

  /**
   * A row of the file: its line, its posting id, whether the intake must take it, and whom it pays.
   *
   * @param payee the storEDGE ledger, or the Acquaint tenancy, the row pays
   * @param recordId the record its posting confirmed (from the results file), once known
   */
  record Row(int line, String postingId, boolean valid, String csv, String connectionId, String payee,
      String reference, long amountMinor, String recordId) {

    Row confirmedAs(String record) {
      return new Row(line, postingId, valid, csv, connectionId, payee, reference, amountMinor, record);
    }
  }

  private final PostingsClient client;
  private final URI sandbox;
  private final HttpClient http;
  private final Duration timeout;
  /** The settlement's transaction day: yesterday, a day the reconciliation API takes whenever the demo runs. */
  private final LocalDate day = LocalDate.now(ZoneOffset.UTC).minusDays(1);

  DemoBatch(PostingsClient client, URI sandbox, HttpClient http, Duration timeout) {
    this.client = client;
    this.sandbox = sandbox;
    this.http = http;
    this.timeout = timeout;
  }

  /** @return the failures (empty: as expected); prints the summary line either way */
  List<String> run(String run) throws Exception {
    long started = System.nanoTime();
    String batchId = "demo-day-" + run;
    say("Batch: " + ROWS + " rows for acquaint-dev and storedge-main, every " + INVALID_EVERY + "th invalid;"
        + " making a tenancy (rent due) or a ledger per row on the sandbox...");
    List<Row> rows = rows(run);
    Path file = Files.createTempFile("demo-batch-", ".csv");
    List<String> failures = new ArrayList<>();
    try {
      StringBuilder csv = new StringBuilder(HEADER).append('\n');
      rows.forEach(row -> csv.append(row.csv()).append('\n'));
      Files.writeString(file, csv);
      Answer answer = client.submitBatch(batchId, file, "LEAVE_OUT");
      if (answer.status() != 202) {
        failures.add("batch " + batchId + ": submit answered " + answer.status() + " " + answer.body());
        return report(batchId, rows, failures, started);
      }
      List<Integer> expectedInvalid = rows.stream().filter(row -> !row.valid()).map(Row::line).toList();
      List<Integer> listed = new ArrayList<>();
      answer.body().path("invalid").forEach(row -> listed.add(row.path("line").asInt()));
      say(String.format("  POST /api/batches/%s -> 202: %d rows read, %d valid, %d invalid (lines %s)", batchId,
          answer.body().path("rowsRead").asInt(), answer.body().path("rowsValid").asInt(),
          answer.body().path("rowsInvalid").asInt(), listed));
      if (!listed.equals(expectedInvalid)) {
        failures.add("batch " + batchId + ": invalid lines listed " + listed + ", expected " + expectedInvalid);
      }
      JsonNode finished = await(batchId, failures);
      if (finished != null) {
        check(finished, rows, failures);
        List<Row> confirmed = checkResults(batchId, rows, failures);
        checkNeverStarted(rows, failures);
        report(batchId, rows, failures, started);
        if (failures.isEmpty()) {
          failures.addAll(new DemoReconciliation(client, sandbox, http, timeout).run(day, confirmed));
        }
        return failures;
      }
      return report(batchId, rows, failures, started);
    } finally {
      Files.deleteIfExists(file);
    }
  }

  private List<Row> rows(String run) throws Exception {
    List<Row> rows = new ArrayList<>();
    for (int i = 1; i <= ROWS; i++) {
      int line = i + 1;
      String postingId = "bd-" + run + "-" + i;
      boolean acquaint = i % 2 == 1;
      String provider = acquaint ? "ACQUAINT" : "STOREDGE";
      String amount = acquaint ? "500" : String.valueOf(100 + i);
      boolean valid = !invalid(i);
      if (!valid) {
        switch ((i + 1) / INVALID_EVERY % 3) {
          case 0 -> amount = "-100";
          case 1 -> provider = "ACQUAINTED";
          default -> postingId = "bd-" + run + "-1";
        }
      }
      String reference = (acquaint ? "BATCH-" : "SE-BATCH-") + run + "-" + i;
      String payee;
      String csv;
      if (acquaint) {
        long tenancy = FIRST_TENANCY + i;
        long rentItem = acquaintRentItem(tenancy);
        payee = String.valueOf(tenancy);
        csv = String.join(",", "acquaint-dev", postingId, provider, amount, "GBP", day + "T09:30:00Z", "3", reference,
            "Rent", "RENT", String.valueOf(rentItem), payee, "1", "", "", "", "", "");
      } else {
        payee = storedgeLedger();
        csv = String.join(",", "storedge-main", postingId, provider, amount, "USD", day + "T09:30:00Z", "", reference,
            "Unit rent", "", "", "", "", STOREDGE_FACILITY, payee, "CUSTOM", "STORED", STOREDGE_METHOD);
      }
      rows.add(new Row(line, postingId, valid, csv, acquaint ? "acquaint-dev" : "storedge-main", payee, reference,
          Long.parseLong(amount.replace("-", "")), null));
    }
    return rows;
  }

  /**
   * Every {@value #INVALID_EVERY}th row is invalid, taking turns between the two connections: rows 49, 100, 149, 200 ...
   * (odd rows are Acquaint's, even ones storEDGE's).
   */
  static boolean invalid(int i) {
    int k = (i + 1) / INVALID_EVERY;
    return (i % INVALID_EVERY == 0 && i / INVALID_EVERY % 2 == 0) || ((i + 1) % INVALID_EVERY == 0 && k % 2 == 1);
  }

  /** A tenancy's rent item of 5.00 due on the sandbox's agency DEV, paid by one row. */
  private long acquaintRentItem(long tenancy) throws Exception {
    return sandboxPost("/sandbox/acquaint/rent-items", "{\"tenancyId\":" + tenancy + ",\"due\":\"5.00\"}")
        .path("Id").asLong();
  }

  /** A tenant's ledger at the sandbox's default facility, paid by one row with its stored method. */
  private String storedgeLedger() throws Exception {
    String id = "demo-batch-" + UUID.randomUUID();
    sandboxPost("/sandbox/storedge/ledgers", "{\"id\":\"" + id + "\",\"facilityId\":\"" + STOREDGE_FACILITY
        + "\",\"balance\":100000.00,\"monthlyRent\":50.00,\"paymentMethodIds\":[\"" + STOREDGE_METHOD + "\"]}");
    return id;
  }

  private JsonNode sandboxPost(String path, String body) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sandbox.resolve(path))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("sandbox " + path + " answered " + answer.statusCode() + ": " + answer.body());
    }
    return JSON.readTree(answer.body());
  }

  /** Polls the batch until FINISHED (every posting ended or waits for an operator), printing its progress. */
  private JsonNode await(String batchId, List<String> failures) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    String shown = "";
    while (System.nanoTime() < deadline) {
      Answer answer = client.batch(batchId);
      if (answer.ok()) {
        JsonNode batch = answer.body();
        String progress = "  " + batch.path("status").asText() + ": " + batch.path("waitingToStart").asInt()
            + " waiting to start, postings " + batch.path("postings");
        if (!progress.equals(shown)) {
          say(progress);
          shown = progress;
        }
        if ("FINISHED".equals(batch.path("status").asText())) {
          return batch;
        }
      }
      Thread.sleep(1_000);
    }
    failures.add("batch " + batchId + ": not FINISHED within " + timeout.toSeconds() + "s");
    return null;
  }

  /** Every valid row started once and ended as its scenario expects: CONFIRMED; nothing else started. */
  private static void check(JsonNode batch, List<Row> rows, List<String> failures) {
    long valid = rows.stream().filter(Row::valid).count();
    for (Iterator<Map.Entry<String, JsonNode>> states = batch.path("postings").fields(); states.hasNext(); ) {
      Map.Entry<String, JsonNode> state = states.next();
      long expected = state.getKey().equals("CONFIRMED") ? valid : 0;
      if (state.getValue().asLong() != expected) {
        failures.add("batch: " + state.getValue().asLong() + " postings " + state.getKey() + ", expected " + expected);
      }
    }
    if (batch.path("postings").path("CONFIRMED").asLong() != valid) {
      failures.add("batch: " + batch.path("postings").path("CONFIRMED").asLong() + " CONFIRMED, expected " + valid);
    }
    if (batch.path("starts").path("STARTED").asLong() != valid || batch.path("starts").size() != 1) {
      failures.add("batch: starts " + batch.path("starts") + ", expected STARTED " + valid);
    }
  }

  /**
   * One line per row of the file, in file order: INVALID for the rows left out, STARTED and CONFIRMED for the rest.
   *
   * @return the valid rows with the records their postings confirmed
   */
  private List<Row> checkResults(String batchId, List<Row> rows, List<String> failures) throws Exception {
    String[] lines = client.batchResults(batchId).split("\r\n");
    List<Row> confirmed = new ArrayList<>();
    if (lines.length != rows.size() + 1) {
      failures.add("batch results: " + (lines.length - 1) + " lines, expected " + rows.size());
      return confirmed;
    }
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      String[] cells = lines[i + 1].split(",", -1);
      boolean asExpected = cells[0].equals(String.valueOf(row.line())) && (row.valid()
          ? cells[2].equals("STARTED") && cells[3].equals("CONFIRMED")
          : cells[2].equals("INVALID") && cells[3].isEmpty() && !cells[6].isEmpty());
      if (!asExpected) {
        failures.add("batch results line " + (i + 2) + ": " + lines[i + 1]);
      } else if (row.valid()) {
        confirmed.add(row.confirmedAs(cells[4]));
      }
    }
    return confirmed;
  }

  /** An invalid row's posting does not exist (but for the one repeating an earlier row's id, which does). */
  private void checkNeverStarted(List<Row> rows, List<String> failures) throws Exception {
    String first = rows.get(0).postingId();
    for (Row row : rows) {
      if (!row.valid() && !row.postingId().equals(first) && client.posting(row.postingId()).status() != 404) {
        failures.add("batch: invalid line " + row.line() + " started posting " + row.postingId());
      }
    }
  }

  private static List<String> report(String batchId, List<Row> rows, List<String> failures, long started) {
    long valid = rows.stream().filter(Row::valid).count();
    String seconds = String.format("%.1fs", (System.nanoTime() - started) / 1e9);
    if (failures.isEmpty()) {
      say("demo: batch " + batchId + ": " + rows.size() + " rows, " + valid + " valid, " + (rows.size() - valid)
          + " invalid (listed by line, never started), " + valid + " CONFIRMED, results one line per row, as"
          + " expected in " + seconds);
    } else {
      say("demo: batch " + batchId + ": " + rows.size() + " rows, " + failures.size() + " problems, NOT as expected"
          + " (" + seconds + ")");
    }
    return failures;
  }

  private static void say(String text) {
    System.out.println(text);
  }
}
