package dev.postings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code batch submit|show}: what the CLI sends for a file and how it shows the API's answer. */
class BatchCliTest {

  private static final String STORED = """
      {"batchId":"day-1","status":"STARTING","rowsRead":3,"rowsValid":2,"rowsInvalid":1,"waitingToStart":2,
       "starts":{},"postings":{},"invalid":[{"line":3,"postingId":"b-2",
       "errors":[{"field":"amount.minor","message":"must be at least 1"}]}],"invalidNotListed":0}""";

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
    return run(false, args);
  }

  private int run(boolean terminal, String... args) {
    return PostingsCli.run(new CliContext(Map.of(), directory, Clock.fixed(Instant.parse("2026-12-05T10:00:00Z"),
        ZoneOffset.UTC), new PrintWriter(out, true), new PrintWriter(err, true), terminal), args);
  }

  private static final String HALF_WAY = """
      {"batchId":"day-1","status":"STARTED","rowsRead":3,"rowsValid":2,"rowsInvalid":1,"waitingToStart":0,
       "starts":{"STARTED":2},"postings":{"CONFIRMED":1,"SENT":1}}""";

  @Test
  void submitSendsTheFileAsItIsUnderItsNameAndListsTheInvalidRows() throws IOException {
    Path file = Files.writeString(directory.resolve("day-1.csv"), "postingId,provider\nb-1,ACQUAINT\n");
    api.answer("POST", "/api/batches/day-1", 202, STORED);

    int exit = run("batch", "submit", file.toString(), "--leave-out-invalid", "--url", api.url(), "--api-key", "k");

    assertThat(exit).isZero();
    assertThat(api.last().body()).isEqualTo("postingId,provider\nb-1,ACQUAINT\n");
    assertThat(api.last().query()).isEqualTo("invalidRows=LEAVE_OUT");
    assertThat(out.toString()).contains("3 read, 2 valid, 1 invalid").contains("line 3: amount.minor must be at least 1");
  }

  @Test
  void aRefusedFileExitsOneAndSaysNothingWasStored() throws IOException {
    Path file = Files.writeString(directory.resolve("day-2.jsonl"), "{}\n");
    api.answer("POST", "/api/batches/custom-id", 422, """
        {"error":"invalid_rows","batchId":"custom-id","rowsRead":1,"invalid":[{"line":1,"errors":[
        {"field":"postingId","message":"is required"}]}],"invalidNotListed":0}""");

    int exit = run("batch", "submit", file.toString(), "--id", "custom-id", "--url", api.url(), "--api-key", "k");

    assertThat(exit).isEqualTo(ExitStatus.REFUSED.code);
    assertThat(api.last().query()).isNull();
    assertThat(out.toString()).contains("line 1: postingId is required");
    assertThat(err.toString()).contains("refused").contains("nothing stored");
  }

  @Test
  void aMissingFileIsAUsageErrorAndSendsNothing() {
    assertThat(run("batch", "submit", directory.resolve("nope.csv").toString(), "--url", api.url(), "--api-key", "k"))
        .isEqualTo(ExitStatus.USAGE.code);
    assertThat(api.received).isEmpty();
  }

  @Test
  void watchShowsProgressUntilEveryPostingSettled() throws IOException {
    Path file = Files.writeString(directory.resolve("day-1.csv"), "postingId\n");
    api.answer("POST", "/api/batches/day-1", 202, STORED);
    api.answer("GET", "/api/batches/day-1", 200, """
        {"batchId":"day-1","status":"FINISHED","rowsRead":3,"rowsValid":2,"rowsInvalid":1,"waitingToStart":0,
         "starts":{"STARTED":2},"postings":{"CONFIRMED":1,"NEEDS_ATTENTION":1}}""");

    int exit = run("batch", "submit", file.toString(), "--watch", "--every", "PT0.01S", "--url", api.url(),
        "--api-key", "k");

    assertThat(exit).isZero();
    assertThat(out.toString()).contains("2/2 settled").contains("CONFIRMED").contains("NEEDS_ATTENTION");
  }

  @Test
  void submitForAConnectionAsksTheApiToFillItIn() throws IOException {
    Path file = Files.writeString(directory.resolve("day-1.csv"), "postingId,provider\nb-1,ACQUAINT\n");
    api.answer("POST", "/api/batches/day-1", 202, STORED);

    int exit = run("batch", "submit", file.toString(), "--connection", "acquaint-dev", "--leave-out-invalid",
        "--url", api.url(), "--api-key", "k");

    assertThat(exit).isZero();
    // the file goes as it is: the API fills the connection in (and refuses a row naming another)
    assertThat(api.last().body()).isEqualTo("postingId,provider\nb-1,ACQUAINT\n");
    assertThat(api.last().query()).isEqualTo("invalidRows=LEAVE_OUT&connectionId=acquaint-dev");
  }

  @Test
  void watchOnATerminalRedrawsOneLineThenPrintsTheTableByState() throws IOException {
    Path file = Files.writeString(directory.resolve("day-1.csv"), "postingId\n");
    api.answer("POST", "/api/batches/day-1", 202, STORED);
    api.answerInTurn("GET", "/api/batches/day-1", 200, HALF_WAY);
    api.answer("GET", "/api/batches/day-1", 200, """
        {"batchId":"day-1","status":"FINISHED","rowsRead":3,"rowsValid":2,"rowsInvalid":1,"waitingToStart":0,
         "starts":{"STARTED":2},"postings":{"CONFIRMED":1,"NEEDS_ATTENTION":1}}""");

    int exit = run(true, "batch", "submit", file.toString(), "--watch", "--every", "PT0.01S", "--url", api.url(),
        "--api-key", "k");

    assertThat(exit).isZero();
    String printed = out.toString();
    String bar = printed.substring(printed.indexOf('\r'), printed.lastIndexOf("settled") + 60);
    // both redraws on one line: carriage returns, no line break between them
    assertThat(bar).contains("\r[###############---------------] 1/2 settled, 2 started")
        .contains("\r[##############################] 2/2 settled, 2 started");
    assertThat(bar.substring(0, bar.lastIndexOf('\r'))).doesNotContain("\n");
    assertThat(printed.substring(printed.lastIndexOf("STATE"))).contains("CONFIRMED").contains("NEEDS_ATTENTION")
        .contains("invalid, never started");
  }

  @Test
  void watchIntoALogPrintsOneLinePerPoll() throws IOException {
    Path file = Files.writeString(directory.resolve("day-1.csv"), "postingId\n");
    api.answer("POST", "/api/batches/day-1", 202, STORED);
    api.answerInTurn("GET", "/api/batches/day-1", 200, HALF_WAY);
    api.answer("GET", "/api/batches/day-1", 200, HALF_WAY.replace("STARTED\",\"rows", "FINISHED\",\"rows")
        .replace("\"SENT\"", "\"REJECTED\""));

    assertThat(run("batch", "submit", file.toString(), "--watch", "--every", "PT0.01S", "--url", api.url(),
        "--api-key", "k")).isZero();

    assertThat(out.toString()).doesNotContain("\r").contains("1/2 settled, 2 started, 0 waiting to start\n")
        .contains("2/2 settled, 2 started, 0 waiting to start\n");
  }

  @Test
  void showPrintsTheCountsByState() {
    api.answer("GET", "/api/batches/day-1", 200, HALF_WAY);

    assertThat(run("batch", "show", "day-1", "--url", api.url(), "--api-key", "k")).isZero();

    assertThat(out.toString()).contains("3 read, 2 valid, 1 invalid, 0 waiting to start")
        .containsPattern("CONFIRMED +1").containsPattern("SENT +1").containsPattern("invalid, never started +1");
  }
}
