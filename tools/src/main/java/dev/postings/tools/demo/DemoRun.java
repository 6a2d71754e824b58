package dev.postings.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.client.Actions;
import dev.postings.client.Answer;
import dev.postings.client.NewPosting;
import dev.postings.client.PostingView;
import dev.postings.client.PostingsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
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
  record Sample(String postingId, String provider, NewPosting posting, String expected, String story,
      LedgerCheck ledger, boolean operatorRecordsPmcRejection) {

    Sample(String postingId, String provider, NewPosting posting, String expected, String story, LedgerCheck ledger) {
      this(postingId, provider, posting, expected, story, ledger, false);
    }

    /** The same sample posted for another customer (connection) of its provider. */
    Sample onConnection(String connectionId) {
      NewPosting p = posting;
      return withPosting(new NewPosting(p.postingId(), p.provider(), p.amount(), p.transactionDate(), p.paymentType(),
          p.referenceNumber(), p.description(), p.target(), p.callbackUrl(), connectionId));
    }

    String customer() {
      return posting.connectionId();
    }

    Sample withPosting(NewPosting changed) {
      return new Sample(postingId, provider, changed, expected, story, ledger, operatorRecordsPmcRejection);
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
  /** Our API, through its Java client; the sandbox is read with plain HTTP. */
  private final PostingsClient client;
  private final URI sandbox;
  private final Duration timeout;
  private final long startedNanos = System.nanoTime();

  DemoRun(URI api, URI sandbox, Duration timeout, String apiKey) {
    this.api = api;
    this.client = new PostingsClient(api, apiKey, Duration.ofSeconds(10));
    this.sandbox = sandbox;
    this.timeout = timeout;
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
    // the second customer of each provider: its own credentials (connection), its own ledger
    samples.add(propertyware("pw-" + run + "-6", "res_2001", "CHK" + run + "06", 70_000, "CHECK", "CONFIRMED",
        "Propexo's second customer: its own token, its own rate limit").onConnection("propexo-second"));
    samples.add(acquaintNorth("aq-" + run + "-4", "BACS" + run + "04"));
    samples.add(storedgeSecond("se-" + run + "-3", 6_000));
    return samples;
  }

  /** The second agency (site NORTH): its own key, its own database; rent item 5201 exists only there. */
  static Sample acquaintNorth(String postingId, String reference) {
    NewPosting posting = new NewPosting(postingId, "ACQUAINT", new NewPosting.Amount(87_500, "GBP"),
        "2026-03-13T12:39:00Z", "3", reference, "Rent " + reference, NewPosting.AcquaintTarget.rent(5201, 601, 1, 701),
        null, "acquaint-north");
    return new Sample(postingId, "ACQUAINT", posting, "CONFIRMED",
        "Acquaint's second agency (NORTH): its own key and database, rent item 5201",
        new LedgerCheck("/sandbox/acquaint/ledger?site=NORTH", "rentItems", "ReferenceChequeNo", reference));
  }

  /** The second storage operator: its own access id and secret, facility Hillside, Amara Okafor's ledger. */
  static Sample storedgeSecond(String postingId, long minor) {
    String ledger = "2e4c6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d";
    NewPosting posting = new NewPosting(postingId, "STOREDGE", new NewPosting.Amount(minor, "USD"),
        "2024-01-15T09:30:00Z", null, "SE-" + postingId, "Unit C07",
        new NewPosting.StoredgeTarget("5b2f8c1e-9d3a-4e6b-8f70-6a1c2d3e4f50", ledger, "CUSTOM",
            NewPosting.PaymentMethod.stored("4c3b2a19-8f7e-4d6c-9b5a-3f2e1d0c9b8a")), null, "storedge-second");
    return new Sample(postingId, "STOREDGE", posting, "CONFIRMED",
        "storEDGE's second operator: its own OAuth key and secret, its own facility",
        new LedgerCheck("/sandbox/storedge/ledgers/" + ledger, "payments", "idempotency_key", "posting-" + postingId));
  }

  private static NewPosting posting(String postingId, String provider, long minor, String currency, String date,
      String paymentType, String reference, String description, NewPosting.Target target) {
    return new NewPosting(postingId, provider, new NewPosting.Amount(minor, currency), date, paymentType, reference,
        description, target, null, NewPosting.localConnectionOf(provider));
  }

  static Sample propertyware(String postingId, String residentId, String reference, long minor, String paymentType,
      String expected, String story) {
    NewPosting posting = posting(postingId, "PROPERTYWARE", minor, "USD", "2024-01-15T09:30:00Z", paymentType,
        reference, "January rent",
        new NewPosting.PropertywareTarget("intg_demo", "lease_" + residentId, residentId, "fa_rent"));
    return new Sample(postingId, "PROPERTYWARE", posting, expected, story,
        new LedgerCheck("/sandbox/propexo/resident-payments", "results", "reference_number", reference));
  }

  static Sample resman(String postingId, String reference, String expected, boolean operatorRecordsRejection,
      String story) {
    NewPosting posting = posting(postingId, "RESMAN", 98_000, "USD", "2024-06-15T14:45:00Z", "Credit Card", reference,
        "June rent", new NewPosting.ResmanTarget("intg_resman_demo", "res_" + postingId, "posted by the payments demo"));
    return new Sample(postingId, "RESMAN", posting, expected, story,
        new LedgerCheck("/sandbox/propexo/resident-payments", "results", "reference_number", reference),
        operatorRecordsRejection);
  }

  static Sample acquaint(String postingId, String operation, long id, long minor, String reference, String expected,
      String story) {
    NewPosting.AcquaintTarget target = operation.equals("RENT")
        ? NewPosting.AcquaintTarget.rent(id, 301, 1, 401) : NewPosting.AcquaintTarget.charge(id, 1, 401);
    NewPosting posting = posting(postingId, "ACQUAINT", minor, "GBP", "2026-03-13T12:39:00Z", "3", reference,
        "Rent " + reference, target);
    return new Sample(postingId, "ACQUAINT", posting, expected, story, operation.equals("RENT")
        ? new LedgerCheck("/sandbox/acquaint/ledger", "rentItems", "ReferenceChequeNo", reference)
        : new LedgerCheck("/sandbox/acquaint/ledger", "transactions", "Reference", reference));
  }

  /** The sandbox's seed-004 ledger (balance 61.03) at its default facility. */
  static final String STOREDGE_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  static final String STOREDGE_LEDGER = "795bcfcd-20d7-4168-93be-10e83e76678e";

  static Sample storedge(String postingId, long minor, boolean newCard, String expected, String story) {
    // a test card number: the starter seals it, the workflow never sees it, the worker redeems it once
    NewPosting.PaymentMethod method = newCard
        ? NewPosting.PaymentMethod.newCard("Paulina", "Demo", "visa", "4111111111111111", "737", "10/29",
            new NewPosting.BillingAddress("123 Main", "Somecity", "AL", "12345", "US"))
        : NewPosting.PaymentMethod.stored("6f1d2c3b-4a59-4e87-b6d0-1c2e3f4a5b6c");
    NewPosting posting = posting(postingId, "STOREDGE", minor, "USD", "2024-01-15T09:30:00Z", null,
        "SE-" + postingId, "Unit rent",
        new NewPosting.StoredgeTarget(STOREDGE_FACILITY, STOREDGE_LEDGER, "CUSTOM", method));
    return new Sample(postingId, "STOREDGE", posting, expected, story, new LedgerCheck(
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
    Sample calledBack = samples.get(0).withPosting(samples.get(0).posting()
        .withCallbackUrl(receiver.url(samples.get(0).postingId()).toString()));
    samples.set(0, calledBack);

    say("Posting " + samples.size() + " payments (Propertyware, ResMan, Acquaint, storEDGE) through " + api
        + "/api/postings");
    for (Sample sample : samples) {
      Answer response = client.start(sample.posting());
      say(String.format("  POST %-16s -> %d %s   (%s)", sample.postingId(), response.status(),
          response.body().path("state").asText(""), sample.story()));
      Outcome outcome = new Outcome();
      if (response.status() != 202) {
        failures.add(sample.postingId() + ": start answered " + response.status() + " " + response.body());
        outcome.state = "NOT STARTED";
        outcome.seconds = elapsed(); // nothing to watch
      }
      outcomes.put(sample.postingId(), outcome);
    }

    say("Idempotency and validation:");
    Sample first = samples.get(0);
    NewPosting firstPosting = first.posting();
    expectStatus(client.start(firstPosting), 200, "same request again -> the existing posting", failures);
    NewPosting changed = firstPosting.withAmount(new NewPosting.Amount(firstPosting.amount().minor() + 1,
        firstPosting.amount().currency()));
    expectStatus(client.start(changed), 409, "same postingId, different amount -> conflict", failures);
    NewPosting invalid = new NewPosting("pw-" + run + "-bad", firstPosting.provider(),
        new NewPosting.Amount(-5, firstPosting.amount().currency()), firstPosting.transactionDate(), "BITCOIN",
        firstPosting.referenceNumber(), firstPosting.description(), firstPosting.target(), null,
        firstPosting.connectionId());
    Answer refused = client.start(invalid);
    expectStatus(refused, 400, "invalid request -> 400 " + refused.body().path("errors"), failures);
    NewPosting inside = new NewPosting("pw-" + run + "-inside", firstPosting.provider(), firstPosting.amount(),
        firstPosting.transactionDate(), firstPosting.paymentType(), firstPosting.referenceNumber(),
        firstPosting.description(), firstPosting.target(), "http://169.254.169.254/latest/meta-data/",
        firstPosting.connectionId());
    Answer insideAnswer = client.start(inside);
    expectStatus(insideAnswer, 400, "callback to an internal address -> 400 "
        + insideAnswer.body().path("errors"), failures);

    say("Progress (state changes as they happen):");
    watch(samples, outcomes);
    checkCallback(receiver, calledBack, outcomes.get(calledBack.postingId()), failures);
    checkLedger(samples, outcomes, failures);
    int postings = report(samples, outcomes, failures);

    // the day's file: 1,000 rows for two customers of two providers, through the batch intake, then the day reconciled
    System.out.println();
    List<String> batchFailures = new DemoBatch(client, sandbox, http, BATCH_TIMEOUT)
        .run(LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyMMddHHmmss")));
    batchFailures.forEach(failure -> System.out.println("  - " + failure));

    return postings == 0 && batchFailures.isEmpty() ? 0 : 1;
  }

  /** How long the batch may take to finish: 1,000 postings with the providers' pacing lifted (DemoCommand). */
  static final Duration BATCH_TIMEOUT = Duration.ofMinutes(5);

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
        Answer response = client.posting(sample.postingId());
        if (response.status() != 200) {
          allSettled = false;
          continue;
        }
        PostingView status = response.as(PostingView.class);
        String state = status.state();
        String step = status.step();
        if (!state.equals(outcome.state) || !step.equals(outcome.step)) {
          String detail = status.latestDetail();
          say(String.format("  %6.1fs  %-16s %-18s %-16s %s", elapsed(), sample.postingId(), state, step,
              shorten(detail, 90)));
          outcome.state = state;
          outcome.step = step;
        }
        outcome.recordId = status.providerRecordId();
        outcome.lastError = status.lastError();
        if (sample.operatorRecordsPmcRejection() && state.equals("AWAITING_APPROVAL") && !outcome.operatorActed
            && pmcRejected("posting-" + sample.postingId())) {
          outcome.operatorActed = true;
          Answer answer = client.rejectedByPmc(sample.postingId(),
              new Actions.PmcRejection("rejected in ResMan's Partner Transactions tab", "demo operator"));
          say(String.format("  %6.1fs  %-16s operator: the PMC rejected batch posting-%s -> %d", elapsed(),
              sample.postingId(), sample.postingId(), answer.status()));
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
      say(String.format("  %-16s %-15s %-18s %-26s %d%s", sample.postingId(), sample.customer(), check.field(),
          shorten(check.value(), 26), count, count == expected ? "" : "   <-- expected " + expected));
      if (count != expected) {
        failures.add(sample.postingId() + ": sandbox holds " + count + " payments, expected " + expected);
      }
    }
  }

  private int report(List<Sample> samples, Map<String, Outcome> outcomes, List<String> failures) {
    System.out.println();
    String line = "+------------------+--------------+-----------------+-----------------+--------------------------+"
        + "---------+--------+";
    System.out.println(line);
    System.out.println("| posting id       | provider     | customer        | state           | provider record id       |"
        + " seconds | as exp |");
    System.out.println(line);
    for (Sample sample : samples) {
      Outcome outcome = outcomes.get(sample.postingId());
      boolean asExpected = sample.expected().equals(outcome.state) && outcome.seconds >= 0;
      if (!asExpected) {
        failures.add(sample.postingId() + ": ended " + outcome.state + ", expected " + sample.expected());
      }
      System.out.printf("| %-16s | %-12s | %-15s | %-15s | %-24s | %7s | %-6s |%n", sample.postingId(),
          sample.provider(), sample.customer(), outcome.state, outcome.recordId == null ? "-" : shorten(outcome.recordId, 24),
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

  private void expectStatus(Answer response, int expected, String what, List<String> failures) {
    boolean ok = response.status() == expected;
    say(String.format("  %d %s%s", response.status(), what, ok ? "" : "   <-- expected " + expected));
    if (!ok) {
      failures.add(what + ": got " + response.status() + " " + response.body());
    }
  }

  /** The sandbox's own pages (ledgers, partner transactions): no API key goes there. */
  private HttpResponse<String> get(URI uri) throws Exception {
    return http.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
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
