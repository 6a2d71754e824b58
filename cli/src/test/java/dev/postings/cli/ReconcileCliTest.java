package dev.postings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code reconcile}: what the CLI sends to start, list, show and resolve, and what it prints and exits with. */
class ReconcileCliTest {

  private static final String REPORT = """
      {"reconciliationId":12,"connectionId":"acquaint-dev","day":"2026-12-04","runAt":"2026-12-05T09:58:00Z",
       "counts":{"MATCHED":2,"MISSING":1,"CHANGED":1,"UNEXPECTED":0,"PENDING":1},"providerCalls":3,
       "needsOperator":true,"open":true,"items":[
       {"outcome":"MATCHED","postingId":"aq-1","recordId":"9001","expectedAmountMinor":100,"ledgerAmountMinor":100},
       {"outcome":"MISSING","postingId":"aq-2","recordId":"9002","expectedAmountMinor":200,"detail":"deleted"},
       {"outcome":"CHANGED","postingId":"aq-3","recordId":"9003","expectedAmountMinor":300,"ledgerAmountMinor":250,
        "detail":"amount differs"},
       {"outcome":"PENDING","postingId":"aq-4","detail":"not confirmed yet"}]}""";
  private static final String CLEAN = """
      {"reconciliationId":13,"connectionId":"acquaint-dev","day":"2026-12-04","runAt":"2026-12-05T09:59:00Z",
       "counts":{"MATCHED":2,"MISSING":0,"CHANGED":0,"UNEXPECTED":0,"PENDING":1},"providerCalls":1,
       "needsOperator":false,"open":false,"items":[
       {"outcome":"MATCHED","postingId":"aq-1","recordId":"9001","expectedAmountMinor":100,"ledgerAmountMinor":100},
       {"outcome":"PENDING","postingId":"aq-4","detail":"not confirmed yet"}]}""";

  @TempDir
  Path directory;

  private FakeOperatorApi api;
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  @BeforeEach
  void startApi() throws IOException {
    api = new FakeOperatorApi();
  }

  @AfterEach
  void stopApi() {
    api.close();
  }

  private int run(String... args) {
    String[] all = new String[args.length + 4];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(new String[] {"--url", api.url(), "--api-key", "k"}, 0, all, args.length, 4);
    return PostingsCli.run(new CliContext(Map.of(), directory, Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"),
        ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true)), all);
  }

  @Test
  void aStartSendsTheConnectionAndDayAndSaysWhereTheReportWillBe() {
    api.answer("POST", "/api/reconciliations", 202, """
        {"reconciliationWorkflowId":"reconciliation-acquaint-dev-2026-12-04","connectionId":"acquaint-dev",
         "day":"2026-12-04","status":"JOINED"}""");

    assertThat(run("reconcile", "--connection", "acquaint-dev", "--day", "2026-12-04")).isZero();

    assertThat(api.last().body()).isEqualTo("{\"connectionId\":\"acquaint-dev\",\"day\":\"2026-12-04\"}");
    assertThat(out.toString()).contains("joined reconciliation-acquaint-dev-2026-12-04")
        .contains("./postings reconcile --list --connection acquaint-dev --day 2026-12-04");
  }

  @Test
  void waitPrintsTheRunsOwnReportAndExitsOneWhenAnOperatorMustLook() throws Exception {
    // before the start the day's newest report is 11; the run's own (12) appears once the start has been received
    api.answer("GET", "/api/reconciliations", 200, "{\"reconciliations\":[{\"reconciliationId\":11}],\"openTasks\":0}");
    api.answer("POST", "/api/reconciliations", 202, "{\"reconciliationWorkflowId\":\"r\",\"status\":\"STARTED\"}");
    api.answer("GET", "/api/reconciliations/12", 200, REPORT);
    CompletableFuture<Void> runEnds = CompletableFuture.runAsync(() -> {
      while (api.received.stream().noneMatch(request -> request.method().equals("POST"))) {
        Thread.onSpinWait();
      }
      api.answer("GET", "/api/reconciliations", 200, "{\"reconciliations\":[{\"reconciliationId\":12}]}");
    });

    int exit = run("reconcile", "--connection", "acquaint-dev", "--day", "2026-12-04", "--wait", "--every",
        "PT0.02S", "--wait-at-most", "PT20S");
    runEnds.join();

    assertThat(exit).isEqualTo(1);
    assertThat(api.received.get(0).query()).isEqualTo("connection=acquaint-dev&day=2026-12-04&limit=1");
    assertThat(out.toString()).contains("MATCHED 2, MISSING 1, CHANGED 1, UNEXPECTED 0, PENDING 1")
        .contains("OPEN: an operator must look")
        .containsPattern("MISSING +aq-2 +9002 +200 +deleted")
        .containsPattern("CHANGED +aq-3 +9003 +300 +250 +amount differs")
        .contains("PENDING").doesNotContain("aq-1");
  }

  @Test
  void aReportWithNothingForAnOperatorExitsZero() {
    api.answer("GET", "/api/reconciliations/13", 200, CLEAN);

    assertThat(run("reconcile", "--show", "13")).isZero();
    assertThat(out.toString()).contains("operator task   none");
  }

  @Test
  void listShowsCountsAndTasksAndAsksForTheOpenOnes() {
    api.answer("GET", "/api/reconciliations", 200, "{\"reconciliations\":[" + REPORT + "],\"openTasks\":4}");

    assertThat(run("reconcile", "--list", "--open")).isZero();

    assertThat(api.last().query()).isEqualTo("open=true&limit=50");
    assertThat(out.toString()).containsPattern("12 +acquaint-dev +2026-12-04 +2m 0s ago +2 +1 +1 +0 +1 +3 +OPEN")
        .contains("4 open operator task(s) in all");
  }

  @Test
  void csvPrintsTheItemsAsTheApiAnswersThem() {
    api.answer("GET", "/api/reconciliations/12", 200, "outcome,postingId\r\nMISSING,aq-2\r\n");

    assertThat(run("reconcile", "--show", "12", "--csv")).isZero();
    assertThat(out.toString()).isEqualTo("outcome,postingId\r\nMISSING,aq-2\r\n");
  }

  @Test
  void refusalsAndUsageErrorsExitWithTheirCodes() {
    api.answer("POST", "/api/reconciliations", 400, """
        {"error":"invalid","errors":[{"field":"day","message":"is in the future"}]}""");
    assertThat(run("reconcile", "--connection", "acquaint-dev", "--day", "2099-01-01")).isEqualTo(2);
    assertThat(err.toString()).contains("day: is in the future");

    assertThat(run("reconcile", "--connection", "acquaint-dev")).isEqualTo(2);
    assertThat(run("reconcile", "--list", "--show", "1")).isEqualTo(2);
    assertThat(run("reconcile", "--resolve", "12")).isEqualTo(2);
    assertThat(run("reconcile", "--show", "404")).isEqualTo(3);

    api.answer("POST", "/api/reconciliations/12/resolve", 409, """
        {"error":"refused","message":"reconciliation 12 is already resolved by ops-anna"}""");
    assertThat(run("reconcile", "--resolve", "12", "--note", "fixed")).isEqualTo(1);
    assertThat(api.last().body()).isEqualTo("{\"note\":\"fixed\"}");
    assertThat(err.toString()).contains("already resolved by ops-anna");
  }
}
