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

/**
 * Re-drive on the embedded server, end to end: the starter sets up the loop workflow that stands in for the Temporal
 * Schedule, and an operator re-drives the PARKED postings of one provider now over the API. The posting is parked for
 * real: the sandbox answers its ResMan writes with 5xx until the submit attempts are spent.
 */
class RedriveEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {
        // two writes, a second apart, then PARKED (its own back-off: 2 minutes locally)
        "--postings.policy.propexo.submit-attempts=2",
        "--postings.policy.propexo.submit-retry.initial=500ms",
        "--postings.policy.propexo.submit-retry.max=1s",
        // the scheduled run stays out of the way: this test is about the operator's
        "--postings.redrive.every=1h"},
        "--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode state(String postingId) throws Exception {
    return JSON.readTree(send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId)).build()).body());
  }

  @Test
  void theStarterRunsTheRedriveLoopWhereTheServerHasNoSchedules() {
    WorkflowClient client = stack.starter.getBean(WorkflowClient.class);
    await().atMost(Duration.ofSeconds(20)).until(() -> client.newUntypedWorkflowStub(RedriveLoopWorkflow.WORKFLOW_ID)
        .describe().getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
  }

  @Test
  void anOperatorRedrivesTheParkedPostingsOfAProviderNow() throws Exception {
    String postingId = "rm-redrive-" + UUID.randomUUID().toString().substring(0, 8);
    send(HttpRequest.newBuilder(stack.sandboxUrl.resolve("/sandbox/faults/next"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            "{\"scope\":\"resman-writes\",\"kind\":\"ERROR_BEFORE_APPLY\",\"count\":2}"))
        .build());
    HttpResponse<String> started = send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"),
            LocalStack.SERVICE_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(
            ResmanEndToEndTest.resmanRequest(postingId, "RD" + postingId.substring(11)).toString()))
        .build());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(30)).until(() -> "PARKED".equals(state(postingId).path("state").asText()));

    HttpResponse<String> forbidden = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=RESMAN"),
        LocalStack.SERVICE_KEY).POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(forbidden.statusCode()).isEqualTo(403);
    HttpResponse<String> unknown = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=YARDI"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(unknown.statusCode()).isEqualTo(400);
    assertThat(unknown.body()).contains("provider");

    HttpResponse<String> redrive = send(LocalStack.withKey(stack.apiUrl.resolve("/api/redrive?provider=RESMAN"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(redrive.statusCode()).as(redrive.body()).isEqualTo(202);
    String statusUrl = JSON.readTree(redrive.body()).path("statusUrl").asText();

    JsonNode[] report = new JsonNode[1];
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      report[0] = JSON.readTree(send(LocalStack.withKey(stack.apiUrl.resolve(statusUrl)).build()).body());
      return "COMPLETED".equals(report[0].path("state").asText());
    });
    assertThat(report[0].path("report").path("providers").get(0).path("redriven").toString())
        .contains("posting-" + postingId);
    // long before its own 2-minute parking back-off: the sandbox's PMC approves, the next sync shows the record
    await().atMost(Duration.ofSeconds(60)).until(() -> "CONFIRMED".equals(state(postingId).path("state").asText()));
    assertThat(state(postingId).path("timeline").findValuesAsText("detail")).contains("re-driven");
  }
}
