package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.redrive.RedriveLoopWorkflow;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Re-drive on the embedded server, end to end: the starter sets up the loop workflow that stands in for the Temporal
 * Schedule, and an operator starts the same re-drive for one provider over the API and reads its report. That parked
 * postings resume is shown with real posting workflows and the real re-drive activity in RedriveTest.
 */
@ExtendWith(OutputCaptureExtension.class)
class RedriveEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    // the scheduled run stays out of the way: the second test is about the operator's
    // a storEDGE payment parks after two quick failed sends, in a second (and then waits minutes)
    stack = new LocalStack(new String[] {"--postings.redrive.every=1h",
        "--postings.policy.storedge.submit-attempts=2", "--postings.policy.storedge.submit-retry.initial=100ms",
        "--postings.policy.storedge.submit-retry.max=100ms"}, "--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  /**
   * A storEDGE posting from the tenant's stored method, parked: its send reads the ledger first, and two failed reads
   * are two sends that provably sent nothing.
   */
  private static String parkedStoredgePosting() throws Exception {
    HttpResponse<String> armed = send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/faults/next"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"scope\":\"storedge-reads\",\"kind\":\"ERROR_BEFORE_APPLY\",\"count\":2}")).build());
    assertThat(armed.statusCode()).isEqualTo(200);
    String postingId = "se-who-" + UUID.randomUUID().toString().substring(0, 8);
    String body = StoredgeCardEndToEndTest.STORED.replace("se-stored-0001", postingId)
        .replace("SE-2024-01-0001", postingId.toUpperCase());
    HttpResponse<String> started = send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    awaitState(postingId, "PARKED");
    return postingId;
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId)).GET()
          .build()).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  /** Issue 13, who did it: a retry and a manual re-drive name the operator's key on the timeline and in the log. */
  @Test
  void theOperatorsKeyNameIsOnTheTimelineOfWhatARetryOrAReDriveResumed(CapturedOutput output) throws Exception {
    String retried = parkedStoredgePosting();
    HttpResponse<String> retry = send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + retried + "/retry"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(retry.statusCode()).as(retry.body()).isEqualTo(200);
    assertThat(awaitState(retried, "CONFIRMED").path("timeline").findValuesAsText("detail"))
        .contains("re-driven by dev-operator");

    String redriven = parkedStoredgePosting();
    HttpResponse<String> redrive = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=STOREDGE"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(202);
    assertThat(awaitState(redriven, "CONFIRMED").path("timeline").findValuesAsText("detail"))
        .contains("re-driven by dev-operator");

    assertThat(output.getAll()).contains("posting " + retried + ": retry asked by dev-operator")
        .contains("posting posting-" + redriven + " re-driven by dev-operator")
        .containsPattern("re-drive postings-redrive-now-[0-9a-f-]+ of \\[STOREDGE\\] asked by dev-operator");
  }

  @Test
  void theStarterRunsTheRedriveLoopWhereTheServerHasNoSchedules() {
    WorkflowClient client = stack.starter.getBean(WorkflowClient.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> client.newUntypedWorkflowStub(RedriveLoopWorkflow.WORKFLOW_ID)
        .describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void anOperatorRedrivesAProviderNowAndReadsTheReport() throws Exception {
    HttpResponse<String> forbidden = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=STOREDGE"),
        LocalStack.SERVICE_KEY).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(forbidden.statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=YARDI"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("provider");

    HttpResponse<String> redrive = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=STOREDGE"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(202);
    String statusUrl = JSON.readTree(redrive.body()).path("statusUrl").asText();

    JsonNode[] report = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      report[0] = JSON.readTree(send(LocalStack.withKey(stack.apiUrl.resolve(statusUrl)).build()).body());
      return "COMPLETED".equals(report[0].path("state").asText());
    });
    // the same RedriveWorkflow the schedule runs: it looked for storEDGE's parked postings (none here; RedriveTest
    // parks real postings and shows them resumed)
    JsonNode done = report[0].path("report");
    assertThat(done.path("requestedBy").asText()).isNotBlank();
    assertThat(done.path("providers")).hasSize(1);
    assertThat(done.path("providers").get(0).path("provider").asText()).isEqualTo("STOREDGE");
    assertThat(done.path("providers").get(0).path("parked").asInt()).isZero();
    HttpResponse<String> noSuch = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive/nothing-here")).build());
    assertThat(noSuch.statusCode()).isEqualTo(404);
  }
}
