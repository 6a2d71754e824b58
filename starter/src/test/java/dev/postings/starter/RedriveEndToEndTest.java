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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Re-drive on the embedded server, end to end: the starter sets up the loop workflow that stands in for the Temporal
 * Schedule, and an operator starts the same re-drive for one provider over the API and reads its report. That parked
 * postings resume is shown with real posting workflows and the real re-drive activity in RedriveTest.
 */
class RedriveEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    // the scheduled run stays out of the way: the second test is about the operator's
    stack = new LocalStack(new String[] {"--postings.redrive.every=1h"}, "--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
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
