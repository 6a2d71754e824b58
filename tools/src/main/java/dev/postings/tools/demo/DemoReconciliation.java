package dev.postings.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo's reconciliation of the batch's day, through the client: each connection's ledger read and compared with
 * the registry, everything MATCHED; then the sandbox plays the PMS's people (a storEDGE payment deleted, another's
 * amount edited, an Acquaint receipt keyed in by hand carrying one of the day's references) and the next run finds
 * exactly those three.
 */
final class DemoReconciliation {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final PostingsClient client;
  private final URI sandbox;
  private final HttpClient http;
  private final Duration timeout;

  DemoReconciliation(PostingsClient client, URI sandbox, HttpClient http, Duration timeout) {
    this.client = client;
    this.sandbox = sandbox;
    this.http = http;
    this.timeout = timeout;
  }

  /** @param confirmed the batch's valid rows, each with the record it confirmed */
  List<String> run(LocalDate day, List<DemoBatch.Row> confirmed) throws Exception {
    long started = System.nanoTime();
    List<String> failures = new ArrayList<>();
    Map<String, Long> perConnection = new TreeMap<>();
    confirmed.forEach(row -> perConnection.merge(row.connectionId(), 1L, Long::sum));
    say("Reconciliation of " + day + " (POST /api/reconciliations per connection, then its report):");
    for (Map.Entry<String, Long> connection : perConnection.entrySet()) {
      JsonNode report = reconcile(connection.getKey(), day, 1, failures);
      expect(report, connection.getKey(), Map.of("MATCHED", connection.getValue()), failures);
    }

    DemoBatch.Row deleted = first(confirmed, "storedge-main", 0);
    DemoBatch.Row edited = first(confirmed, "storedge-main", 1);
    DemoBatch.Row named = first(confirmed, "acquaint-dev", 0);
    sandbox("DELETE", "/sandbox/storedge/ledgers/" + deleted.payee() + "/payments/" + deleted.recordId(), null);
    sandbox("PATCH", "/sandbox/storedge/ledgers/" + edited.payee() + "/payments/" + edited.recordId(),
        "{\"amount\":0.99}");
    long strangerTenancy = Long.parseLong(named.payee());
    long strangerItem = sandbox("POST", "/sandbox/acquaint/rent-items", "{\"tenancyId\":" + strangerTenancy
        + ",\"due\":\"7.00\"}").path("Id").asLong();
    sandbox("POST", "/sandbox/acquaint/transactions", "{\"tenancyId\":" + strangerTenancy + ",\"rentItemId\":"
        + strangerItem + ",\"credit\":\"7.00\",\"reference\":\"" + named.reference() + "\"}");
    say("  the sandbox's people: storEDGE payment " + deleted.recordId() + " deleted, " + edited.recordId()
        + " changed to 0.99, an Acquaint receipt keyed in by hand on rent item " + strangerItem + " with the"
        + " reference of " + named.postingId());

    List<String> found = new ArrayList<>();
    for (Map.Entry<String, Long> connection : perConnection.entrySet()) {
      boolean storedge = connection.getKey().equals("storedge-main");
      JsonNode report = reconcile(connection.getKey(), day, 2, failures);
      expect(report, connection.getKey(), storedge
          ? Map.of("MATCHED", connection.getValue() - 2, "MISSING", 1L, "CHANGED", 1L)
          : Map.of("MATCHED", connection.getValue(), "UNEXPECTED", 1L), failures);
      if (report != null) {
        JsonNode items = client.reconciliation(report.path("reconciliationId").asText()).body().path("items");
        items.forEach(item -> {
          if (!"MATCHED".equals(item.path("outcome").asText())) {
            found.add(item.path("outcome").asText() + " " + item.path("postingId").asText("-") + " "
                + item.path("recordId").asText());
          }
        });
      }
    }
    List<String> expected = List.of("MISSING " + deleted.postingId() + " " + deleted.recordId(),
        "CHANGED " + edited.postingId() + " " + edited.recordId(), "UNEXPECTED - " + strangerItem);
    if (!(found.size() == 3 && found.containsAll(expected))) {
      failures.add("reconciliation found " + found + ", expected exactly " + expected);
    }
    String seconds = String.format("%.1fs", (System.nanoTime() - started) / 1e9);
    say(failures.isEmpty()
        ? "demo: reconciliation of " + day + ": " + confirmed.size() + " postings MATCHED on their ledgers, then"
            + " exactly the 3 edits found (" + String.join(", ", found) + "), as expected in " + seconds
        : "demo: reconciliation of " + day + ": " + failures.size() + " problems, NOT as expected (" + seconds + ")");
    return failures;
  }

  private static DemoBatch.Row first(List<DemoBatch.Row> rows, String connection, int skip) {
    return rows.stream().filter(row -> row.connectionId().equals(connection)).skip(skip).findFirst().orElseThrow();
  }

  /** Starts (or joins) the run and waits for the day's {@code n}th report, printing its counts. */
  private JsonNode reconcile(String connection, LocalDate day, int n, List<String> failures) throws Exception {
    Answer started = client.reconcile(connection, day.toString());
    if (started.status() != 202) {
      failures.add("reconcile " + connection + ": " + started.status() + " " + started.body());
      return null;
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode reports = client.reconciliations(Map.of("connection", List.of(connection), "day",
          List.of(day.toString()))).body().path("reconciliations");
      if (reports.size() >= n) {
        JsonNode report = reports.get(0);
        say(String.format("  %-14s report %s: %s, %d ledger reads%s", connection,
            report.path("reconciliationId").asText(), report.path("counts"), report.path("providerCalls").asInt(),
            report.path("needsOperator").asBoolean() ? ", an operator task opened" : ""));
        return report;
      }
      Thread.sleep(500);
    }
    failures.add("reconcile " + connection + ": no report within " + timeout.toSeconds() + "s");
    return null;
  }

  private static void expect(JsonNode report, String connection, Map<String, Long> counts, List<String> failures) {
    if (report == null) {
      return;
    }
    report.path("counts").fields().forEachRemaining(count -> {
      long expected = counts.getOrDefault(count.getKey(), 0L);
      if (count.getValue().asLong() != expected) {
        failures.add("reconcile " + connection + ": " + count.getValue().asLong() + " " + count.getKey()
            + ", expected " + expected);
      }
    });
  }

  private JsonNode sandbox(String method, String path, String body) throws Exception {
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(sandbox.resolve(path))
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("sandbox " + method + " " + path + " answered " + answer.statusCode() + ": "
          + answer.body());
    }
    return JSON.readTree(answer.body());
  }

  private static void say(String text) {
    System.out.println(text);
  }
}
