package dev.postings.starter.demo;

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

  /** One sample payment and what should become of it. */
  record Sample(String postingId, String residentId, String reference, long amountMinor, String paymentType,
      String description, String expected, String story) {}

  /** What happened to it. */
  static final class Outcome {
    String state = "-";
    String step = "-";
    String recordId;
    String lastError;
    double seconds = -1;
  }

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final URI api;
  private final URI sandbox;
  private final Duration timeout;
  private final long startedNanos = System.nanoTime();

  DemoRun(URI api, URI sandbox, Duration timeout) {
    this.api = api;
    this.sandbox = sandbox;
    this.timeout = timeout;
  }

  public static int run(String[] args) throws Exception {
    URI api = URI.create("http://127.0.0.1:8080");
    URI sandbox = URI.create("http://127.0.0.1:8090");
    Duration timeout = Duration.ofSeconds(90);
    for (String arg : args) {
      if (arg.startsWith("--api=")) {
        api = URI.create(arg.substring(6));
      } else if (arg.startsWith("--sandbox=")) {
        sandbox = URI.create(arg.substring(10));
      } else if (arg.startsWith("--timeout=")) {
        timeout = Duration.ofSeconds(Long.parseLong(arg.substring(10)));
      } else {
        System.err.println("unknown option " + arg + "; usage: demo [--api=URL] [--sandbox=URL] [--timeout=SECONDS]");
        return 2;
      }
    }
    return new DemoRun(api, sandbox, timeout).run();
  }

  static List<Sample> samples(String run) {
    return List.of(
        new Sample("pw-" + run + "-1", "res_1001", "CHK" + run + "01", 125_000, "CHECK", "January rent",
            "CONFIRMED", "rent by check: job, created_record_id, read-back"),
        new Sample("pw-" + run + "-2", "res_1002", "EC" + run + "02", 8_950, "ECHECK", "Parking, January",
            "CONFIRMED", "e-check: same path, another resident"),
        new Sample("pw-" + run + "-3", "res_refused", "CHK" + run + "03", 99_000, "CHECK", "January rent",
            "REJECTED", "the PMS refuses the resident: job FAILURE, nothing posted"),
        new Sample("pw-" + run + "-4", "res_1004", "NOID-" + run + "04", 64_500, "MONEY_ORDER", "January rent",
            "CONFIRMED", "job gives no record id: found by resident, date and reference"),
        new Sample("pw-" + run + "-5", "res_1005", "MISMATCH-" + run + "05", 110_000, "CASHIERS_CHECK",
            "January rent", "NEEDS_ATTENTION", "the PMS keeps another amount: read-back mismatch, operator task"));
  }

  int run() throws Exception {
    String run = LocalTime.now().format(DateTimeFormatter.ofPattern("HHmmss"));
    List<Sample> samples = samples(run);
    Map<String, Outcome> outcomes = new LinkedHashMap<>();
    List<String> failures = new ArrayList<>();

    say("Posting " + samples.size() + " Propertyware payments through " + api + "/api/postings");
    for (Sample sample : samples) {
      HttpResponse<String> response = post(body(sample));
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
    expectStatus(post(body(first)), 200, "same request again -> the existing posting", failures);
    ObjectNode changed = body(first);
    ((ObjectNode) changed.get("amount")).put("minor", first.amountMinor() + 1);
    expectStatus(post(changed), 409, "same postingId, different amount -> conflict", failures);
    ObjectNode invalid = body(first);
    invalid.put("postingId", "pw-" + run + "-bad");
    ((ObjectNode) invalid.get("amount")).put("minor", -5);
    invalid.put("paymentType", "BITCOIN");
    HttpResponse<String> refused = post(invalid);
    expectStatus(refused, 400, "invalid request -> 400 " + JSON.readTree(refused.body()).path("errors"), failures);

    say("Progress (state changes as they happen):");
    watch(samples, outcomes);
    checkLedger(samples, outcomes, failures);
    return report(samples, outcomes, failures);
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

  /** The sandbox's own ledger: one payment per posting that reached it, none for the refused one, never two. */
  private void checkLedger(List<Sample> samples, Map<String, Outcome> outcomes, List<String> failures)
      throws Exception {
    JsonNode ledger = JSON.readTree(get(sandbox.resolve("/sandbox/propexo/resident-payments")).body());
    say("Sandbox ledger (Propexo resident payments):");
    for (Sample sample : samples) {
      int count = 0;
      for (JsonNode payment : ledger.path("results")) {
        if (sample.reference().equals(payment.path("reference_number").asText())) {
          count++;
        }
      }
      int expected = sample.expected().equals("REJECTED") ? 0 : 1;
      say(String.format("  %-16s reference %-22s %d payment(s)%s", sample.postingId(), sample.reference(), count,
          count == expected ? "" : "   <-- expected " + expected));
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
      System.out.printf("| %-16s | %-12s | %-15s | %-24s | %7s | %-6s |%n", sample.postingId(), "PROPERTYWARE",
          outcome.state, outcome.recordId == null ? "-" : outcome.recordId,
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

  static ObjectNode body(Sample sample) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", sample.postingId());
    body.put("provider", "PROPERTYWARE");
    body.putObject("amount").put("minor", sample.amountMinor()).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", sample.paymentType());
    body.put("referenceNumber", sample.reference());
    body.put("description", sample.description());
    body.putObject("target")
        .put("integrationId", "intg_demo")
        .put("leaseId", "lease_" + sample.residentId())
        .put("residentId", sample.residentId())
        .put("financialAccountId", "fa_rent");
    return body;
  }

  private HttpResponse<String> post(ObjectNode body) throws Exception {
    return http.send(HttpRequest.newBuilder(api.resolve("/api/postings"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))).build(),
        HttpResponse.BodyHandlers.ofString());
  }

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
