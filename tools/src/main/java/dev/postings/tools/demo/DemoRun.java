package dev.postings.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./postings demo}: posts sample payments through the starter API against a running local stack, shows each
 * posting move through its steps, checks the idempotency rules and the sandbox's ledger, and prints a final table.
 * Exit code 0 only if every posting reached the state expected for it.
 */
public final class DemoRun {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> SETTLED = List.of("CONFIRMED", "REJECTED", "NEEDS_ATTENTION", "PARKED",
      "CANCELLED", "COMPENSATED", "REVERSED");

  /**
   * One sample payment and what should become of it.
   *
   * @param ledger where the sandbox shows the payment, to count it there (never two, none when refused)
   * @param operatorRecordsPmcRejection the demo plays the operator who sees the PMC's rejection in ResMan's Partner
   *     Transactions tab and records it (the only way a posting can learn it: no API reports it)
   */
  record Sample(String postingId, String provider, ObjectNode body, String expected, String story, LedgerCheck ledger,
      boolean operatorRecordsPmcRejection) {

    Sample(String postingId, String provider, ObjectNode body, String expected, String story, LedgerCheck ledger) {
      this(postingId, provider, body, expected, story, ledger, false);
    }

    int expectedInLedger() {
      return expected.equals("REJECTED") ? 0 : 1;
    }
  }

  /** Counts the entries of {@code array} in the sandbox document at {@code path} whose {@code field} is {@code value}. */
  record LedgerCheck(String path, String array, String field, String value) {}

  /** What happened to it. */
  static final class Outcome {
    String state = "-";
    String step = "-";
    String recordId;
    String lastError;
    double seconds = -1;
    boolean operatorActed;
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final URI sandbox;
  private final Duration timeout;
  private final String apiKey;
  private final long startedNanos = System.nanoTime();

  DemoRun(URI api, URI sandbox, Duration timeout, String apiKey) {
    this.api = api;
    this.sandbox = sandbox;
    this.timeout = timeout;
    this.apiKey = apiKey;
  }

  static List<Sample> samples(String run) {
    List<Sample> samples = new ArrayList<>();
    samples.add(propertyware("pw-" + run + "-1", "res_1001", "CHK" + run + "01", 125_000, "CHECK", "CONFIRMED",
        "rent by check: job, created_record_id, read-back"));
    samples.add(propertyware("pw-" + run + "-2", "res_1002", "EC" + run + "02", 8_950, "ECHECK", "CONFIRMED",
        "e-check: same path, another resident"));
    samples.add(propertyware("pw-" + run + "-3", "res_refused", "CHK" + run + "03", 99_000, "CHECK", "REJECTED",
        "the PMS refuses the resident: job FAILURE, nothing posted"));
    samples.add(propertyware("pw-" + run + "-4", "res_1004", "NOID-" + run + "04", 64_500, "MONEY_ORDER", "CONFIRMED",
        "job gives no record id: found by resident, date and reference"));
    samples.add(propertyware("pw-" + run + "-5", "res_1005", "MISMATCH-" + run + "05", 110_000, "CASHIERS_CHECK",
        "NEEDS_ATTENTION", "the PMS keeps another amount: read-back mismatch, operator task"));
    samples.add(resman("rm-" + run + "-1", "RM" + run + "01", "CONFIRMED", false,
        "ResMan: PMC approves in Partner Transactions, record found at the next sync (DATA_NEW webhook)"));
    samples.add(resman("rm-" + run + "-2", "REJECT-" + run + "02", "REJECTED", true,
        "ResMan: PMC rejects it; an operator records that, nothing posted"));
    samples.add(acquaint("aq-" + run + "-1", "RENT", 5001, 95_000, "BACS" + run + "01", "CONFIRMED",
        "Acquaint tenantpayments on rent item 5001 (950.00), confirmed by reading the item back"));
    samples.add(acquaint("aq-" + run + "-2", "CHARGE", 7001, 12_000, "BACS" + run + "02", "CONFIRMED",
        "Acquaint reveivepaymentforcharge on charge 7001, transaction read back"));
    samples.add(acquaint("aq-" + run + "-3", "RENT", 5003, 95_000, "BACS" + run + "03", "REJECTED",
        "Acquaint: rent item 5003 is already paid, tenantpayments answers false"));
    samples.add(storedge("se-" + run + "-1", 500, false, "CONFIRMED",
        "storEDGE make_payment with a stored payment method, found in recent_payments"));
    samples.add(storedge("se-" + run + "-2", 1_000, true, "CONFIRMED",
        "storEDGE with a new card: sealed in the vault, redeemed once by the worker"));
    return samples;
  }

  private static ObjectNode common(String postingId, String provider, long minor, String currency, String date,
      String paymentType, String reference, String description) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", provider);
    body.putObject("amount").put("minor", minor).put("currency", currency);
    body.put("transactionDate", date);
    if (paymentType != null) {
      body.put("paymentType", paymentType);
    }
    body.put("referenceNumber", reference);
    body.put("description", description);
    return body;
  }

  static Sample propertyware(String postingId, String residentId, String reference, long minor, String paymentType,
      String expected, String story) {
    ObjectNode body = common(postingId, "PROPERTYWARE", minor, "USD", "2024-01-15T09:30:00Z", paymentType, reference,
        "January rent");
    body.putObject("target").put("integrationId", "intg_demo").put("leaseId", "lease_" + residentId)
        .put("residentId", residentId).put("financialAccountId", "fa_rent");
    return new Sample(postingId, "PROPERTYWARE", body, expected, story,
        new LedgerCheck("/sandbox/propexo/resident-payments", "results", "reference_number", reference));
  }

  static Sample resman(String postingId, String reference, String expected, boolean operatorRecordsRejection,
      String story) {
    ObjectNode body = common(postingId, "RESMAN", 98_000, "USD", "2024-06-15T14:45:00Z", "Credit Card", reference,
        "June rent");
    body.putObject("target").put("integrationId", "intg_resman_demo").put("residentId", "res_" + postingId)
        .put("notes", "posted by the payments demo");
    return new Sample(postingId, "RESMAN", body, expected, story,
        new LedgerCheck("/sandbox/propexo/resident-payments", "results", "reference_number", reference),
        operatorRecordsRejection);
  }

  static Sample acquaint(String postingId, String operation, long id, long minor, String reference, String expected,
      String story) {
    ObjectNode body = common(postingId, "ACQUAINT", minor, "GBP", "2026-03-13T12:39:00Z", "3", reference,
        "Rent " + reference);
    ObjectNode target = body.putObject("target").put("operation", operation).put("bankAccountId", 1)
        .put("receivedFromContactId", 401);
    if (operation.equals("RENT")) {
      target.put("rentItemId", id).put("tenancyId", 301);
    } else {
      target.put("chargeId", id);
    }
    return new Sample(postingId, "ACQUAINT", body, expected, story, operation.equals("RENT")
        ? new LedgerCheck("/sandbox/acquaint/ledger", "rentItems", "ReferenceChequeNo", reference)
        : new LedgerCheck("/sandbox/acquaint/ledger", "transactions", "Reference", reference));
  }

  /** The sandbox's seed-004 ledger (balance 61.03) at its default facility. */
  static final String STOREDGE_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  static final String STOREDGE_LEDGER = "795bcfcd-20d7-4168-93be-10e83e76678e";

  static Sample storedge(String postingId, long minor, boolean newCard, String expected, String story) {
    ObjectNode body = common(postingId, "STOREDGE", minor, "USD", "2024-01-15T09:30:00Z", null,
        "SE-" + postingId, "Unit rent");
    ObjectNode target = body.putObject("target").put("facilityId", STOREDGE_FACILITY)
        .put("ledgerId", STOREDGE_LEDGER).put("paymentKind", "CUSTOM");
    ObjectNode method = target.putObject("paymentMethod");
    if (newCard) {
      // a test card number: the starter seals it, the workflow never sees it, the worker redeems it once
      method.put("kind", "CREDIT_CARD").put("firstName", "Paulina").put("lastName", "Demo")
          .put("cardType", "visa").put("cardNumber", "4111111111111111").put("securityCode", "737")
          .put("expirationDate", "10/29");
      method.putObject("billingAddress").put("address1", "123 Main").put("city", "Somecity").put("state", "AL")
          .put("postal", "12345").put("country", "US");
    } else {
      method.put("kind", "STORED").put("paymentMethodId", "6f1d2c3b-4a59-4e87-b6d0-1c2e3f4a5b6c");
    }
    return new Sample(postingId, "STOREDGE", body, expected, story, new LedgerCheck(
        "/sandbox/storedge/ledgers/" + STOREDGE_LEDGER, "payments", "idempotency_key", "posting-" + postingId));
  }

  int run() throws Exception {
    try (DemoCallbackReceiver receiver = new DemoCallbackReceiver()) {
      return run(receiver);
    }
  }

  private int run(DemoCallbackReceiver receiver) throws Exception {
    String run = LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    List<Sample> samples = samples(run);
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();
    // the first posting asks to be told its end: a signed POST to the demo's own receiver
    Sample calledBack = samples.get(0);
    calledBack.body().put("callbackUrl", receiver.url(calledBack.postingId()).toString());

    say("Posting " + samples.size() + " payments (Propertyware, ResMan, Acquaint, storEDGE) through " + api
        + "/api/postings");
    for (Sample sample : samples) {
      HttpResponse<String> response = post(sample.body());
      say(String.format("  POST %-16s -> %d %s   (%s)", sample.postingId(), response.statusCode(),
          JSON.readTree(response.body()).path("state").asText(""), sample.story()));
      Outcome outcome = new Outcome();
      if (response.statusCode() != 202) {
        failures.add(sample.postingId() + ": start answered " + response.statusCode() + " " + response.body());
        outcome.state = "NOT STARTED";
        outcome.seconds = elapsed(); // nothing to watch
      }
      outcomes.put(sample.postingId(), outcome);
    }

    say("Idempotency and validation:");
    Sample first = samples.get(0);
    expectStatus(post(first.body()), 200, "same request again -> the existing posting", failures);
    ObjectNode changed = first.body().deepCopy();
    ((ObjectNode) changed.get("amount")).put("minor", first.body().at("/amount/minor").asLong() + 1);
    expectStatus(post(changed), 409, "same postingId, different amount -> conflict", failures);
    ObjectNode invalid = first.body().deepCopy();
    invalid.put("postingId", "pw-" + run + "-bad");
    ((ObjectNode) invalid.get("amount")).put("minor", -5);
    invalid.put("paymentType", "BITCOIN");
    HttpResponse<String> refused = post(invalid);
    expectStatus(refused, 400, "invalid request -> 400 " + JSON.readTree(refused.body()).path("errors"), failures);
    ObjectNode inside = first.body().deepCopy().put("postingId", "pw-" + run + "-inside")
        .put("callbackUrl", "http://169.254.169.254/latest/meta-data/");
    HttpResponse<String> insideAnswer = post(inside);
    expectStatus(insideAnswer, 400, "callback to an internal address -> 400 "
        + JSON.readTree(insideAnswer.body()).path("errors"), failures);

    say("Progress (state changes as they happen):");
    watch(samples, outcomes);
    checkCallback(receiver, calledBack, outcomes.get(calledBack.postingId()), failures);
    checkLedger(samples, outcomes, failures);
    return report(samples, outcomes, failures);
  }

  /** The receiver got the posting's end, signed, within a few seconds of it. */
  private void checkCallback(DemoCallbackReceiver receiver, Sample sample, Outcome outcome, List<String> failures)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    JsonNode callback;
    while ((callback = receiver.callbackFor(sample.postingId())) == null && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    String state = callback == null ? null : callback.path("state").asText();
    say(String.format("Completion callback: %s -> %s", sample.postingId(), callback == null
        ? "none received (the stack must list 127.0.0.1 in postings.callbacks.allowed-hosts, as ./postings demo does)"
        : "signed, verified, state " + state));
    if (callback == null || !state.equals(outcome.state) || !receiver.refused().isEmpty()) {
      failures.add(sample.postingId() + ": completion callback " + (callback == null ? "not received"
          : "says " + state + " for a posting " + outcome.state) + "; unverified callbacks: " + receiver.refused());
    }
  }

  private void watch(List<Sample> samples, Map<String, Outcome> outcomes) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      boolean allSettled = true;
      for (Sample sample : samples) {
        Outcome outcome = outcomes.get(sample.postingId());
        if (outcome.seconds >= 0) {
          continue;
        }
        HttpResponse<String> response = get(api.resolve("/api/postings/" + sample.postingId()));
        if (response.statusCode() != 200) {
          allSettled = false;
          continue;
        }
        JsonNode status = JSON.readTree(response.body());
        String state = status.path("state").asText();
        String step = status.path("step").asText();
        if (!state.equals(outcome.state) || !step.equals(outcome.step)) {
          JsonNode timeline = status.path("timeline");
          String detail = timeline.isEmpty() ? "" : timeline.get(timeline.size() - 1).path("detail").asText();
          say(String.format("  %6.1fs  %-16s %-18s %-16s %s", elapsed(), sample.postingId(), state, step,
              shorten(detail, 90)));
          outcome.state = state;
          outcome.step = step;
        }
        outcome.recordId = status.path("providerRecordId").isTextual()
            ? status.path("providerRecordId").asText() : null;
        outcome.lastError = status.path("lastError").isTextual() ? status.path("lastError").asText() : null;
        if (sample.operatorRecordsPmcRejection() && state.equals("AWAITING_APPROVAL") && !outcome.operatorActed
            && pmcRejected("posting-" + sample.postingId())) {
          outcome.operatorActed = true;
          HttpResponse<String> answer = post(api.resolve("/api/postings/" + sample.postingId() + "/rejected-by-pmc"),
              "{\"reason\":\"rejected in ResMan's Partner Transactions tab\",\"operator\":\"demo operator\"}");
          say(String.format("  %6.1fs  %-16s operator: the PMC rejected batch posting-%s -> %d", elapsed(),
              sample.postingId(), sample.postingId(), answer.statusCode()));
        }
        if (SETTLED.contains(state)) {
          outcome.seconds = elapsed();
        } else {
          allSettled = false;
        }
      }
      if (allSettled) {
        return;
      }
      Thread.sleep(250);
    }
  }

  /** What ResMan's Partner Transactions tab shows (the sandbox's operator view). */
  private boolean pmcRejected(String batchId) throws Exception {
    JsonNode rejected = JSON.readTree(get(sandbox.resolve("/sandbox/resman/partner-transactions?status=REJECTED"))
        .body());
    return rejected.path("results").findValuesAsText("batch_id").contains(batchId);
  }

  /** The sandbox's own ledgers: one payment per posting that reached it, none for a refused one, never two. */
  private void checkLedger(List<Sample> samples, Map<String, Outcome> outcomes, List<String> failures)
      throws Exception {
    say("Sandbox ledgers (what each provider holds):");
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    for (Sample sample : samples) {
      LedgerCheck check = sample.ledger();
      JsonNode document = documents.get(check.path());
      if (document == null) {
        document = JSON.readTree(get(sandbox.resolve(check.path())).body());
        documents.put(check.path(), document);
      }
      int count = 0;
      for (JsonNode entry : document.path(check.array())) {
        if (check.value().equals(entry.path(check.field()).asText())) {
          count++;
        }
      }
      int expected = sample.expectedInLedger();
      say(String.format("  %-16s %-12s %-18s %-26s %d%s", sample.postingId(), sample.provider(), check.field(),
          shorten(check.value(), 26), count, count == expected ? "" : "   <-- expected " + expected));
      if (count != expected) {
        failures.add(sample.postingId() + ": sandbox holds " + count + " payments, expected " + expected);
      }
    }
  }

  private int report(List<Sample> samples, Map<String, Outcome> outcomes, List<String> failures) {
    System.out.println();
    String line = "+------------------+--------------+-----------------+--------------------------+---------+--------+";
    System.out.println(line);
    System.out.println("| posting id       | provider     | state           | provider record id       | seconds | as exp |");
    System.out.println(line);
    for (Sample sample : samples) {
      Outcome outcome = outcomes.get(sample.postingId());
      boolean asExpected = sample.expected().equals(outcome.state) && outcome.seconds >= 0;
      if (!asExpected) {
        failures.add(sample.postingId() + ": ended " + outcome.state + ", expected " + sample.expected());
      }
      System.out.printf("| %-16s | %-12s | %-15s | %-24s | %7s | %-6s |%n", sample.postingId(), sample.provider(),
          outcome.state, outcome.recordId == null ? "-" : shorten(outcome.recordId, 24),
          outcome.seconds < 0 ? "-" : String.format("%.1f", outcome.seconds), asExpected ? "yes" : "NO");
    }
    System.out.println(line);
    for (Sample sample : samples) {
      Outcome outcome = outcomes.get(sample.postingId());
      if (outcome.lastError != null) {
        System.out.println("  " + sample.postingId() + " " + outcome.state + ": " + shorten(outcome.lastError, 160));
      }
    }
    if (failures.isEmpty()) {
      System.out.printf("demo: %d postings, all as expected, in %.1fs%n", samples.size(), elapsed());
      return 0;
    }
    System.out.println("demo: FAILED");
    failures.forEach(failure -> System.out.println("  - " + failure));
    return 1;
  }

  private void expectStatus(HttpResponse<String> response, int expected, String what, List<String> failures) {
    boolean ok = response.statusCode() == expected;
    say(String.format("  %d %s%s", response.statusCode(), what, ok ? "" : "   <-- expected " + expected));
    if (!ok) {
      failures.add(what + ": got " + response.statusCode() + " " + response.body());
    }
  }

  private HttpResponse<String> post(ObjectNode body) throws Exception {
    return post(api.resolve("/api/postings"), JSON.writeValueAsString(body));
  }

  private HttpResponse<String> post(URI uri, String body) throws Exception {
    return http.send(keyed(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(keyed(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The API key goes to our API only, never to the sandbox. */
  private HttpRequest.Builder keyed(URI uri) {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri);
    return uri.getPath().startsWith("/api/") ? request.header("X-Api-Key", apiKey) : request;
  }

  private double elapsed() {
    return (System.nanoTime() - startedNanos) / 1e9;
  }

  private static void say(String text) {
    System.out.println(text);
  }

  private static String shorten(String text, int max) {
    return text.length() <= max ? text : text.substring(0, max - 3) + "...";
  }
}
