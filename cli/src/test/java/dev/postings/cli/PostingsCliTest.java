package dev.postings.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.PostingsClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The CLI against a local HTTP server standing in for the starter: requests sent, text and JSON printed, exit codes. */
class PostingsCliTest {

  private static final Instant NOW = Instant.parse("2026-11-21T12:00:00Z");

  private static final String PAGE = """
      {"postings":[
        {"postingId":"pw-0001","provider":"PROPERTYWARE","state":"NEEDS_ATTENTION","step":"AWAIT_JOB",
         "referenceNumber":"CHK20240115001","amount":{"minor":125000,"currency":"USD"},
         "startedAt":"2026-11-21T11:30:00Z","stateSince":"2026-11-21T11:48:00Z",
         "lastError":"job job_1 has no outcome by its deadline"},
        {"postingId":"aq-0002","provider":"ACQUAINT","state":"CONFIRMED","step":"DONE",
         "referenceNumber":"BACS-1","amount":{"minor":95000,"currency":"GBP"},
         "startedAt":"2026-11-19T12:00:00Z","stateSince":"2026-11-19T12:00:05Z","lastError":null}],
       "counts":{"RECEIVED":0,"NEEDS_ATTENTION":1,"CONFIRMED":3},
       "nextCursor":"c2"}""";

  private static final String STATUS = """
      {"postingId":"pw-0001","provider":"PROPERTYWARE","state":"NEEDS_ATTENTION","step":"AWAIT_JOB",
       "providerJobId":"job_1","providerRecordId":null,"lastError":"job job_1 has no outcome by its deadline",
       "attention":{"code":"JOB_WITHOUT_OUTCOME","runbook":"docs/runbook/attention/job-without-outcome.md"},
       "timeline":[]}""";

  private static final String TIMELINE = """
      {"postingId":"pw-0001","state":"NEEDS_ATTENTION",
       "waiting":{"step":"AWAIT_JOB","since":"2026-11-21T11:48:00Z","for":"PT12M"},
       "steps":[
         {"step":"SUBMIT","state":"SUBMITTING","enteredAt":"2026-11-21T11:30:00Z","leftAt":"2026-11-21T11:30:01Z",
          "summary":"sent to PROPERTYWARE","history":[
            {"time":"2026-11-21T11:30:00Z","kind":"ActivityTaskScheduled","text":"submitPropertywarePayment"}]},
         {"step":"AWAIT_JOB","state":"NEEDS_ATTENTION","enteredAt":"2026-11-21T11:30:01Z","leftAt":null,
          "summary":"job job_1 has no outcome by its deadline","history":[
            {"time":"2026-11-21T11:48:00Z","kind":"ActivityTaskFailed","text":"awaitWriteStatus: still PENDING"}]}]}""";

  private static final String CONFIRMED = """
      {"postingId":"pw-0001","provider":"PROPERTYWARE","state":"CONFIRMED","step":"DONE",
       "providerRecordId":"rp_42","lastError":null}""";

  @TempDir
  Path workingDirectory;

  private FakeOperatorApi api;
  private final Map<String, String> environment = new HashMap<>();
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
    CliContext context = new CliContext(environment, workingDirectory, Clock.fixed(NOW, ZoneOffset.UTC),
        new PrintWriter(out, true), new PrintWriter(err, true));
    return PostingsCli.run(context, args);
  }

  private void writeDevKeys(String operatorKey) throws IOException {
    Files.createDirectories(workingDirectory.resolve(".postings"));
    Files.writeString(workingDirectory.resolve(".postings/dev-api-keys.json"),
        "{\"service\":\"svc-dev-key\",\"operator\":\"" + operatorKey + "\"}");
  }

  @Test
  void listSendsTheFiltersAndPrintsATableWithTheCountsByState() {
    api.answer("GET", "/api/postings", 200, PAGE);

    int exit = run("list", "--url", api.url(), "--api-key", "op-key", "--state", "NEEDS_ATTENTION,parked",
        "--provider", "propertyware", "--older-than", "1h", "--reference", "CHK 1");

    assertThat(exit).isZero();
    FakeOperatorApi.Received request = api.last();
    assertThat(request.apiKey()).isEqualTo("op-key");
    assertThat(request.query()).isEqualTo(
        "state=NEEDS_ATTENTION&state=PARKED&provider=PROPERTYWARE&olderThan=PT1H&reference=CHK%201&limit=50");
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("POSTING").contains("PROVIDER", "STATE", "STEP", "AMOUNT", "IN STATE FOR");
    assertThat(lines[1]).contains("pw-0001", "PROPERTYWARE", "NEEDS_ATTENTION", "AWAIT_JOB", "1250.00 USD",
        "CHK20240115001", "30m 0s ago", "12m 0s", "job job_1 has no outcome");
    assertThat(lines[2]).contains("aq-0002", "ACQUAINT", "CONFIRMED", "950.00 GBP", "2d 0h ago");
    // columns line up: every row's state starts where the header's STATE does
    int stateColumn = lines[0].indexOf("STATE");
    assertThat(lines[1].indexOf("NEEDS_ATTENTION")).isEqualTo(stateColumn);
    assertThat(lines[2].indexOf("CONFIRMED")).isEqualTo(stateColumn);
    // states with no postings are left out of the counts line
    assertThat(out.toString()).contains("by state: NEEDS_ATTENTION 1, CONFIRMED 3\n", "more: add --cursor c2");
  }

  @Test
  void listWithJsonPrintsTheApiAnswerForScripts() throws IOException {
    api.answer("GET", "/api/postings", 200, PAGE);

    int exit = run("list", "--json", "--url", api.url(), "--api-key", "op-key");

    assertThat(exit).isZero();
    JsonNode printed = PostingsClient.JSON.readTree(out.toString());
    assertThat(printed).isEqualTo(PostingsClient.JSON.readTree(PAGE));
  }

  @Test
  void showPrintsWhatThePostingWaitsForSinceWhenAndTheHistoryOfEachStep() {
    api.answer("GET", "/api/postings/pw-0001", 200, STATUS);
    api.answer("GET", "/api/postings/pw-0001/timeline", 200, TIMELINE);

    int exit = run("show", "pw-0001", "--url", api.url(), "--api-key", "op-key");

    assertThat(exit).isZero();
    assertThat(out.toString())
        .contains("state      NEEDS_ATTENTION  step AWAIT_JOB")
        .contains("waiting    in AWAIT_JOB since 2026-11-21 11:48:00Z (12m 0s ago)")
        .contains("last error job job_1 has no outcome by its deadline")
        .contains("attention  JOB_WITHOUT_OUTCOME: what to do in docs/runbook/attention/job-without-outcome.md")
        .contains("  AWAIT_JOB (NEEDS_ATTENTION)\n")
        .contains("2026-11-21 11:30:00Z  ActivityTaskScheduled  submitPropertywarePayment")
        .contains("2026-11-21 11:48:00Z  ActivityTaskFailed     awaitWriteStatus: still PENDING")
        .contains("(now)");
  }

  @Test
  void showWithJsonPrintsTheStatusAndTheTimeline() throws IOException {
    api.answer("GET", "/api/postings/pw-0001", 200, STATUS);
    api.answer("GET", "/api/postings/pw-0001/timeline", 200, TIMELINE);

    assertThat(run("show", "pw-0001", "--json", "--url", api.url(), "--api-key", "k")).isZero();

    JsonNode printed = PostingsClient.JSON.readTree(out.toString());
    assertThat(printed.path("status").path("state").asText()).isEqualTo("NEEDS_ATTENTION");
    assertThat(printed.path("timeline")).isEqualTo(PostingsClient.JSON.readTree(TIMELINE));
  }

  @Test
  void resolveSendsTheRecordIdAndNoteAndPrintsTheNewState() throws IOException {
    api.answer("POST", "/api/postings/pw-0001/resolve", 200, CONFIRMED);

    int exit = run("resolve", "pw-0001", "--record-id", "rp_42", "--note", "found in the PMS", "--url", api.url(),
        "--api-key", "op-key");

    assertThat(exit).isZero();
    FakeOperatorApi.Received request = api.last();
    assertThat(request.method()).isEqualTo("POST");
    assertThat(PostingsClient.JSON.readTree(request.body()))
        .isEqualTo(PostingsClient.JSON.readTree("{\"recordId\":\"rp_42\",\"note\":\"found in the PMS\"}"));
    assertThat(out.toString()).contains("resolve pw-0001: accepted; the posting is now CONFIRMED (step DONE)");
  }

  @Test
  void everyActionPostsToItsOwnPathWithItsBody() throws IOException {
    String[][] cases = {
        {"approve", "{\"recordId\":\"rp_7\",\"note\":\"PMC ok\"}", "approve", "p-1", "--record-id", "rp_7",
            "--note", "PMC ok"},
        {"reject", "{\"reason\":\"PMC said no\"}", "reject", "p-1", "--reason", "PMC said no"},
        {"retry", "{}", "retry", "p-1"},
        {"cancel", "{\"reason\":\"duplicate\"}", "cancel", "p-1", "--reason", "duplicate"},
        {"reverse", "{\"reason\":\"wrong tenant\"}", "reverse", "p-1", "--reason", "wrong tenant"}};
    for (String[] action : cases) {
      api.answer("POST", "/api/postings/p-1/" + action[0], 200, CONFIRMED);
      String[] args = new String[action.length - 2 + 4];
      System.arraycopy(action, 2, args, 0, action.length - 2);
      System.arraycopy(new String[] {"--url", api.url(), "--api-key", "k"}, 0, args, action.length - 2, 4);

      assertThat(run(args)).as(action[0]).isZero();
      assertThat(api.last().path()).isEqualTo("/api/postings/p-1/" + action[0]);
      assertThat(PostingsClient.JSON.readTree(api.last().body())).as(action[0])
          .isEqualTo(PostingsClient.JSON.readTree(action[1]));
    }
  }

  @ParameterizedTest(name = "HTTP {0} exits {1}")
  @CsvSource({"409, 1, refused", "400, 2, bad input", "404, 3, not found", "401, 4, not allowed",
      "403, 4, not allowed", "500, 5, failed", "503, 5, failed"})
  void theExitCodeSaysWhatTheApiAnswered(int httpStatus, int exitCode, String word) {
    api.answer("POST", "/api/postings/pw-0001/retry", httpStatus,
        "{\"error\":\"x\",\"message\":\"posting is CONFIRMED: nothing to retry\"}");

    int exit = run("retry", "pw-0001", "--url", api.url(), "--api-key", "k");

    assertThat(exit).isEqualTo(exitCode);
    assertThat(err.toString()).contains("retry pw-0001: " + word + " (HTTP " + httpStatus + ")",
        "posting is CONFIRMED: nothing to retry");
  }

  @Test
  void fieldErrorsOfTheStartApiAreShownToo() {
    api.answer("POST", "/api/postings/pw-0001/resolve", 400,
        "{\"errors\":[{\"field\":\"recordId\",\"message\":\"is required\"}]}");

    assertThat(run("resolve", "pw-0001", "--record-id", " ", "--url", api.url(), "--api-key", "k")).isEqualTo(2);
    assertThat(err.toString()).contains("recordId: is required");
  }

  @Test
  void anUnreachableApiExits5AndSaysWhere() {
    String url = api.url();
    api.close();

    int exit = run("list", "--url", url, "--api-key", "k", "--timeout", "PT2S");

    assertThat(exit).isEqualTo(5);
    assertThat(err.toString()).contains("cannot reach the postings API at " + url);
  }

  @Test
  void usageErrorsExit2() {
    assertThat(run("resolve", "pw-0001", "--api-key", "k")).as("missing --record-id").isEqualTo(2);
    assertThat(run("approve", "pw-0001", "--api-key", "k")).as("missing --record-id").isEqualTo(2);
    assertThat(run("cancel", "pw-0001", "--api-key", "k")).as("missing --reason").isEqualTo(2);
    assertThat(run("list", "--older-than", "soon", "--api-key", "k")).as("bad age").isEqualTo(2);
    assertThat(err.toString()).contains("'soon' is not an age");
    assertThat(run()).as("no command").isEqualTo(2);
    assertThat(run("frobnicate")).as("unknown command").isEqualTo(2);
    assertThat(api.received).isEmpty();
  }

  @Test
  void theLocalOperatorKeyIsTheDefaultAndTheEnvironmentAndFlagOverrideIt() throws IOException {
    api.answer("GET", "/api/postings", 200, PAGE);
    writeDevKeys("op-dev-key");
    environment.put("POSTINGS_URL", api.url());

    assertThat(run("list")).isZero();
    assertThat(api.last().apiKey()).isEqualTo("op-dev-key");

    environment.put("POSTINGS_API_KEY", "env-key");
    assertThat(run("list")).isZero();
    assertThat(api.last().apiKey()).isEqualTo("env-key");

    assertThat(run("list", "--api-key", "flag-key")).isZero();
    assertThat(api.last().apiKey()).isEqualTo("flag-key");
  }

  @Test
  void withoutAnyKeyNothingIsSentAndTheExitIs4() {
    environment.put("POSTINGS_URL", api.url());

    assertThat(run("list")).isEqualTo(4);
    assertThat(err.toString()).contains("no API key", "--api-key", "POSTINGS_API_KEY", ".postings/dev-api-keys.json");
    assertThat(api.received).isEmpty();
  }

  @Test
  void theDefaultUrlIsTheLocalStarterPort() {
    ApiConnection connection = new ApiConnection();
    CliContext context = new CliContext(Map.of("STARTER_PORT", "38080"), workingDirectory, Clock.systemUTC(),
        new PrintWriter(out), new PrintWriter(err));
    assertThat(connection.baseUrl(context)).isEqualTo("http://localhost:38080");

    CliContext noPort = new CliContext(Map.of(), workingDirectory, Clock.systemUTC(), new PrintWriter(out),
        new PrintWriter(err));
    assertThat(connection.baseUrl(noPort)).isEqualTo("http://localhost:8080");
  }

  @Test
  void helpListsTheExitCodes() {
    assertThat(run("--help")).isZero();
    assertThat(out.toString()).contains("Exit codes:", "refused by the posting's state (HTTP 409)",
        "list", "show", "resolve", "approve", "reject", "retry", "cancel", "reverse", "reversals");
  }

  private static final String REVERSALS = """
      {"reversals":[
        {"postingId":"aq-0009","provider":"ACQUAINT","state":"ESCALATED","recordId":"9001",
         "amount":{"minor":4500,"currency":"GBP"},
         "task":"reverse record 9001 in ACQUAINT (no reversal API): 4500 GBP minor units, reference BACS-9",
         "startedAt":"2026-11-17T12:00:00Z","taskOpenedAt":"2026-11-17T12:00:05Z",
         "escalateAt":"2026-11-20T12:00:05Z","reversedBy":null}],
       "counts":{"REVERSING":0,"SETTLING":1,"NEEDS_ATTENTION":2,"ESCALATED":1,"REVERSED":7},
       "nextCursor":null}""";

  @Test
  void reversalsListsTheOnesWaitingToBeDoneByHandWithWhatToDo() {
    api.answer("GET", "/api/reversals", 200, REVERSALS);

    int exit = run("reversals", "--url", api.url(), "--api-key", "op-key", "--provider", "acquaint");

    assertThat(exit).isZero();
    assertThat(api.last().query()).isEqualTo("state=NEEDS_ATTENTION&state=ESCALATED&provider=ACQUAINT&limit=50");
    String[] lines = out.toString().split("\n");
    assertThat(lines[0]).startsWith("POSTING").contains("STATE", "RECORD", "AMOUNT", "ESCALATED AT", "WHAT TO DO");
    assertThat(lines[1]).contains("aq-0009", "ACQUAINT", "ESCALATED", "9001", "45.00 GBP", "3d 23h ago",
        "2026-11-20 12:00:05Z", "reverse record 9001 in ACQUAINT");
    assertThat(out.toString()).contains("by state: SETTLING 1, NEEDS_ATTENTION 2, ESCALATED 1, REVERSED 7",
        "./postings reversals done <POSTING_ID> --note");
  }

  @Test
  void reversalsTakesOtherStatesOrAll() {
    api.answer("GET", "/api/reversals", 200, REVERSALS);

    assertThat(run("reversals", "--state", "reversed,settling", "--url", api.url(), "--api-key", "k")).isZero();
    assertThat(api.last().query()).isEqualTo("state=REVERSED&state=SETTLING&limit=50");
    assertThat(run("reversals", "--all", "--json", "--url", api.url(), "--api-key", "k")).isZero();
    assertThat(api.last().query()).isEqualTo("limit=50");
  }

  @Test
  void reversalsDoneSendsTheNoteAndSaysWhoDidIt() throws IOException {
    api.answer("POST", "/api/reversals/aq-0009/done", 200,
        "{\"postingId\":\"aq-0009\",\"state\":\"REVERSED\",\"reversedBy\":\"dev-operator\"}");

    int exit = run("reversals", "done", "aq-0009", "--note", "credit note CN-1", "--url", api.url(),
        "--api-key", "op-key");

    assertThat(exit).isZero();
    assertThat(api.last().method()).isEqualTo("POST");
    assertThat(api.last().apiKey()).isEqualTo("op-key");
    assertThat(PostingsClient.JSON.readTree(api.last().body()))
        .isEqualTo(PostingsClient.JSON.readTree("{\"note\":\"credit note CN-1\"}"));
    assertThat(out.toString()).contains("reversals done aq-0009: the reversal is now REVERSED (by dev-operator)");
  }

  @Test
  void reversalsDoneWithoutANoteIsAUsageErrorAndARefusalExits1() {
    assertThat(run("reversals", "done", "aq-0009", "--url", api.url(), "--api-key", "k")).isEqualTo(2);
    assertThat(api.received).isEmpty();

    api.answer("POST", "/api/reversals/aq-0009/done", 409,
        "{\"error\":\"refused\",\"message\":\"reversal is SETTLING, not an operator task\"}");
    assertThat(run("reversals", "done", "aq-0009", "--note", "x", "--url", api.url(), "--api-key", "k"))
        .isEqualTo(1);
    assertThat(err.toString()).contains("reversals done aq-0009: refused (HTTP 409): reversal is SETTLING");
  }

  @Test
  void showSaysWhatIsLeftToReverseByHand() {
    api.answer("GET", "/api/postings/aq-0009", 200, """
        {"postingId":"aq-0009","provider":"ACQUAINT","state":"CONFIRMED","step":"DONE","providerRecordId":"9001",
         "lastError":null,"timeline":[],
         "reversal":{"state":"NEEDS_ATTENTION","task":"reverse record 9001 in ACQUAINT (no reversal API)",
           "escalateAt":"2026-11-24T12:00:00Z","reversedBy":null}}""");
    api.answer("GET", "/api/postings/aq-0009/timeline", 200, "{\"postingId\":\"aq-0009\",\"steps\":[]}");

    assertThat(run("show", "aq-0009", "--url", api.url(), "--api-key", "k")).isZero();

    assertThat(out.toString()).contains("reversal   NEEDS_ATTENTION, escalated at 2026-11-24 12:00:00Z",
        "  to do    reverse record 9001 in ACQUAINT (no reversal API)",
        "  then     ./postings reversals done aq-0009 --note \"how\"");
  }
}
