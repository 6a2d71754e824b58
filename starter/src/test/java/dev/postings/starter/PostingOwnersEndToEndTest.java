package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.workflow.PostingSearchAttributes;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionDescription;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Owners, through the whole local stack: a posting belongs to the service whose key started it (recorded as the
 * {@code PostingOwner} search attribute and in the memo). Keys of that service read and list it; another service's key
 * gets 404 as for a posting that does not exist, does not see it in lists or counts, and learns nothing from starting
 * one under the same id; operators see all.
 */
class PostingOwnersEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static LocalStack stack;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(TestKeys.args(), "--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stopStack() {
    stack.close();
  }

  private static HttpResponse<String> get(String path, String key) throws Exception {
    return HTTP.send(LocalStack.withKey(stack.apiUrl.resolve(path), key).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> start(ObjectNode body, String key) throws Exception {
    return HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"), key)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static ObjectNode propertyware(String postingId, String reference) {
    return OperatorApiEndToEndTest.propertyware(postingId, "res_1", reference);
  }

  private static List<String> listed(String query, String key) throws Exception {
    HttpResponse<String> answer = get("/api/postings?" + query, key);
    assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(answer.body()).path("postings").forEach(posting -> ids.add(posting.path("postingId").asText()));
    return ids;
  }

  private static long counted(String query, String key) throws Exception {
    JsonNode counts = JSON.readTree(get("/api/postings?" + query, key).body()).path("counts");
    long total = 0;
    for (JsonNode count : counts) {
      total += count.asLong();
    }
    return total;
  }

  @Test
  void aServiceSeesItsOwnServicesPostingsOnlyAndOperatorsSeeAll() throws Exception {
    String reference = "OWN" + UUID.randomUUID().toString().substring(0, 8);
    String billing = "pw-own-" + UUID.randomUUID().toString().substring(0, 8);
    String rent = "pw-own-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(start(propertyware(billing, reference), TestKeys.BILLING_API).statusCode()).isEqualTo(202);
    assertThat(start(propertyware(rent, reference), TestKeys.RENT_APP).statusCode()).isEqualTo(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> JSON.readTree(get("/api/postings/" + billing,
        TestKeys.OPERATOR).body()).path("state").asText().equals("CONFIRMED"));

    // the other key of the same service reads it; another service gets exactly what an unknown posting gets
    assertThat(get("/api/postings/" + billing, TestKeys.BILLING_BATCH).statusCode()).isEqualTo(200);
    assertThat(get("/api/postings/" + billing + "/timeline", TestKeys.BILLING_BATCH).statusCode()).isEqualTo(200);
    HttpResponse<String> foreign = get("/api/postings/" + billing, TestKeys.RENT_APP);
    HttpResponse<String> unknown = get("/api/postings/pw-own-nobody", TestKeys.RENT_APP);
    assertThat(foreign.statusCode()).isEqualTo(404).isEqualTo(unknown.statusCode());
    assertThat(foreign.body()).isEqualTo(unknown.body().replace("pw-own-nobody", billing));
    assertThat(get("/api/postings/" + billing + "/timeline", TestKeys.RENT_APP).statusCode()).isEqualTo(404);
    assertThat(get("/api/postings/" + billing, TestKeys.OPERATOR).statusCode()).isEqualTo(200);

    // lists and their counts: each service its own, the operator both
    String byReference = "reference=" + reference;
    assertThat(listed(byReference, TestKeys.BILLING_BATCH)).containsExactly(billing);
    assertThat(counted(byReference, TestKeys.BILLING_BATCH)).isEqualTo(1);
    assertThat(listed(byReference, TestKeys.RENT_APP)).containsExactly(rent);
    assertThat(listed(byReference, TestKeys.OPERATOR)).containsExactlyInAnyOrder(billing, rent);
    assertThat(counted(byReference, TestKeys.OPERATOR)).isEqualTo(2);
    assertThat(listed("limit=200", TestKeys.RENT_APP)).contains(rent).doesNotContain(billing);

    // the owner is recorded where a cluster's visibility query and the embedded server's listing find it
    WorkflowExecutionDescription described = stack.starter.getBean(WorkflowClient.class)
        .newUntypedWorkflowStub("posting-" + billing).describe();
    assertThat(described.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_OWNER)).isEqualTo("billing");
    assertThat(described.getMemo(TemporalWaitingPostings.MEMO_OWNER, String.class)).isEqualTo("billing");
    assertThat(stack.starter.getBean(WorkflowClient.class).newUntypedWorkflowStub("posting-" + rent).describe()
        .getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_OWNER)).isEqualTo("rent-app");
  }

  @Test
  void startingUnderAnotherServicesPostingIdTellsNothingAboutIt() throws Exception {
    String postingId = "pw-own-" + UUID.randomUUID().toString().substring(0, 8);
    ObjectNode request = propertyware(postingId, "OWN" + UUID.randomUUID().toString().substring(0, 8));
    assertThat(start(request, TestKeys.BILLING_API).statusCode()).isEqualTo(202);

    HttpResponse<String> sameService = start(request, TestKeys.BILLING_BATCH);
    HttpResponse<String> otherService = start(request, TestKeys.RENT_APP);

    // the same request again from the same service is the same posting; from another it is a conflict that says
    // neither its state nor that the requests were the same
    assertThat(sameService.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(sameService.body()).path("state").asText()).isNotBlank();
    assertThat(otherService.statusCode()).isEqualTo(409);
    assertThat(otherService.body()).doesNotContain("\"state\"").contains("already exists with a different request");
  }
}
