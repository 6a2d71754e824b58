package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.model.PostingRequest;
import dev.postings.registry.PostingRecord;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.RegistryTestDatabases;
import dev.postings.tools.local.LocalTemporalServer;
import dev.postings.workflow.PostingState;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The registry decides which postings exist (docs/decisions/0022-postgresql-registry.md): the row the API writes before
 * the workflow starts keeps the posting id taken after Temporal has forgotten the workflow (a fresh local Temporal
 * server on the same database stands for the retention passing, or a restart of the local server); a start that
 * failed after the registration is started by the same request sent again; an open posting whose workflow the local
 * server forgot is marked for operators and never started a second time.
 */
class RegistryEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Test
  void aPostingIdStaysTakenAfterTemporalForgotItsWorkflow() throws Exception {
    String postingId = "pw-reg-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode request = OperatorApiEndToEndTest.propertyware(postingId, "res_1", "REG" + postingId.substring(7));
    String registryUrl;
    try (LocalStack stack = new LocalStack(TestKeys.args(), "--sandbox.propexo.job-pending-for=1s")) {
      registryUrl = stack.registryUrl;
      assertThat(start(stack.apiUrl, request, TestKeys.BILLING_API).statusCode()).isEqualTo(202);
      PostingRegistry registry = stack.starter.getBean(PostingRegistry.class);
      // the worker's local activity tells the registry the end, within seconds
      await().atMost(Duration.ofSeconds(60)).until(() -> registry.find(postingId).orElseThrow().state()
          == PostingState.CONFIRMED);
      PostingRecord row = registry.find(postingId).orElseThrow();
      assertThat(row.owner()).isEqualTo("billing");
      assertThat(row.finishedAt()).isNotNull();
      assertThat(row.recordId()).isNotBlank();
    }

    // a Temporal server that has never seen the posting, on the same registry
    try (StarterOnly later = new StarterOnly(withDatabase(registryUrl))) {
      HttpResponse<String> sameRequest = start(later.url, request, TestKeys.BILLING_BATCH);
      assertThat(sameRequest.statusCode()).as(sameRequest.body()).isEqualTo(200);
      assertThat(JSON.readTree(sameRequest.body()).path("state").asText()).isEqualTo("CONFIRMED");

      HttpResponse<String> otherService = start(later.url, request, TestKeys.RENT_APP);
      assertThat(otherService.statusCode()).isEqualTo(409);
      assertThat(otherService.body()).doesNotContain("\"state\"").doesNotContain("CONFIRMED");

      ObjectNode otherBody = request.deepCopy();
      ((ObjectNode) otherBody.path("amount")).put("minor", 125_001);
      HttpResponse<String> otherRequest = start(later.url, otherBody, TestKeys.BILLING_API);
      assertThat(otherRequest.statusCode()).isEqualTo(409);
      assertThat(otherRequest.body()).doesNotContain("\"state\"");

      // nothing was started again: the payment is on the ledger once
      assertThat(later.workflowIds()).isEmpty();
    }
  }

  @Test
  void anOpenPostingWhoseLocalTemporalServerRestartedIsMarkedAndNeverStartedAgain() throws Exception {
    String registryUrl = RegistryTestDatabases.freshDatabase();
    String postingId = "pw-lost-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode request = OperatorApiEndToEndTest.propertyware(postingId, "res_1", "LOST1");
    try (StarterOnly before = new StarterOnly(withDatabase(registryUrl))) {
      // no worker: the posting stays open
      assertThat(start(before.url, request, TestKeys.BILLING_API).statusCode()).isEqualTo(202);
      assertThat(before.workflowIds()).containsExactly(PostingRequest.workflowIdOf(postingId));
    }

    try (StarterOnly after = new StarterOnly(withDatabase(registryUrl))) {
      PostingRecord row = after.starter.getBean(PostingRegistry.class).find(postingId).orElseThrow();
      assertThat(row.workflowLostReason()).isEqualTo(PostingRegistry.LOCAL_TEMPORAL_RESTARTED);
      assertThat(row.workflowLostAt()).isNotNull();
      assertThat(row.isOpen()).isTrue();

      HttpResponse<String> again = start(after.url, request, TestKeys.BILLING_API);
      assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
      // its payment may have landed before the server forgot it: never sent a second time
      assertThat(after.workflowIds()).isEmpty();
    }
  }

  @Test
  void aStartThatFailedAfterItsRegistrationIsStartedByTheSameRequestAgain() throws Exception {
    String registryUrl = RegistryTestDatabases.freshDatabase();
    String postingId = "pw-retry-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode request = OperatorApiEndToEndTest.propertyware(postingId, "res_1", "RETRY1");
    try (StarterOnly starter = new StarterOnly(withDatabase(registryUrl))) {
      int port = starter.temporal.port();
      starter.temporal.close();

      HttpResponse<String> failed = start(starter.url, request, TestKeys.BILLING_API);
      assertThat(failed.statusCode()).as(failed.body()).isEqualTo(503);
      PostingRecord registered = starter.starter.getBean(PostingRegistry.class).find(postingId).orElseThrow();
      assertThat(registered.state()).isEqualTo(PostingState.RECEIVED);

      try (LocalTemporalServer back = LocalTemporalServer.start("127.0.0.1", port, "default")) {
        HttpResponse<String> retried = start(starter.url, request, TestKeys.BILLING_API);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        JsonNode accepted = JSON.readTree(retried.body());
        assertThat(accepted.path("postingId").asText()).isEqualTo(postingId);
        assertThat(starter.workflowIds()).containsExactly(PostingRequest.workflowIdOf(postingId));
        // and once started, the same request is the duplicate it always was
        assertThat(start(starter.url, request, TestKeys.BILLING_API).statusCode()).isEqualTo(200);
      }
    }
  }

  private static String[] withDatabase(String registryUrl) {
    List<String> args = new ArrayList<>(List.of(TestKeys.args()));
    args.add("--spring.datasource.url=" + registryUrl);
    args.add("--spring.datasource.username=" + RegistryTestDatabases.USER);
    return args.toArray(String[]::new);
  }

  private static HttpResponse<String> start(URI api, ObjectNode body, String key) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(api.resolve("/api/postings")).header("X-Api-Key", key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString()))
        .build(), HttpResponse.BodyHandlers.ofString());
  }
}
