package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.PostingLimits;
import dev.postings.starter.BadPostingRequests.BadRequest;
import dev.postings.starter.BadPostingRequests.Base;
import dev.postings.starter.bodylimit.RequestBodyLimits;
import dev.postings.starter.cardvault.SealedCardStore;
import dev.postings.tools.local.LocalTemporalServer;
import dev.postings.workflow.PostingPolicy;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Bad input, generated ({@link BadPostingRequests}): thousands of invalid {@code POST /api/postings} requests against
 * the real starter (Tomcat, filters, controller, reader, validator) connected to a real Temporal server. Every answer
 * must be a 4xx naming the field at fault (or, for a body that is not JSON at all, saying what is wrong with it), never
 * repeat cardholder data nor leak a stack trace; and afterwards the server must hold no workflow at all and the card
 * vault nothing sealed. No worker runs: a posting that slipped through would stay open on the server, where the listing
 * finds it.
 */
class BadInputEndToEndTest {

  /** The generator's random choices depend on this only: the same requests on every run. */
  private static final long SEED = 20_261_121L;
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  /** Requests of the control test, which must start: the bad-input test counts every other workflow. */
  private static final String CONTROL_PREFIX = "control-";
  private static final int FAILURES_SHOWN_PER_CATEGORY = 10;

  private static LocalTemporalServer temporal;
  private static ConfigurableApplicationContext starter;
  private static URI api;
  private static WorkflowServiceStubs service;

  @BeforeAll
  static void startStarterAndTemporal() throws Exception {
    temporal = LocalTemporalServer.start("127.0.0.1", 0, "default");
    // no scheduled re-drive or reconciliation: this test counts every workflow on the server, and wants none but
    // the control's
    starter = StarterApplication.start("--server.port=0", "--spring.profiles.active=local",
        "--spring.temporal.connection.target=" + temporal.target(), "--postings.redrive.scheduled=false",
        "--postings.reconciliation.schedule.scheduled=false");
    api = URI.create("http://127.0.0.1:" + starter.getEnvironment().getProperty("local.server.port"));
    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
  }

  @AfterAll
  static void stop() {
    service.shutdownNow();
    starter.close();
    temporal.close();
  }

  @Test
  void everyInvalidRequestIsRefusedWithA4xxThatNamesTheFieldAndStartsNothing() throws Exception {
    SealedCardStore vault = starter.getBean(SealedCardStore.class);
    int sealedBefore = vault.size();
    List<BadRequest> requests = BadPostingRequests.generate(limits(), maxBodyBytes(), Instant.now(), SEED);
    assertThat(requests.stream().map(BadRequest::name).distinct().count())
        .as("distinct invalid requests").isEqualTo(requests.size()).isGreaterThanOrEqualTo(1000);

    Map<String, Integer> sentPerCategory = new TreeMap<>();
    Map<String, List<String>> failuresPerCategory = new TreeMap<>();
    long started = System.nanoTime();
    for (BadRequest request : requests) {
      HttpResponse<String> answer = send(request.method(), request.path(), request.contentType(), request.body(),
          request.chunked());
      sentPerCategory.merge(request.category(), 1, Integer::sum);
      String problem = problemWith(request, answer);
      if (problem != null) {
        failuresPerCategory.computeIfAbsent(request.category(), c -> new ArrayList<>())
            .add(printable(request.name()) + ": " + problem);
      }
    }
    long millis = Duration.ofNanos(System.nanoTime() - started).toMillis();
    int failed = failuresPerCategory.values().stream().mapToInt(List::size).sum();
    StringBuilder report = new StringBuilder("bad input: " + requests.size() + " invalid requests in " + millis
        + " ms, " + failed + " wrongly answered. Sent (wrongly answered) per category:");
    sentPerCategory.forEach((category, count) -> report.append(String.format("%n  %-20s %5d (%d)", category, count,
        failuresPerCategory.getOrDefault(category, List.of()).size())));
    failuresPerCategory.forEach((category, failures) -> failures.stream().limit(FAILURES_SHOWN_PER_CATEGORY)
        .forEach(failure -> report.append(String.format("%n  [%s] %s", category, failure))));
    System.out.println(report);

    assertThat(failed).as("wrongly answered requests (examples in the log above)").isZero();
    assertThat(workflowsOtherThan(CONTROL_PREFIX)).as("workflows started by invalid requests").isEmpty();
    assertThat(vault.size()).as("card data sealed for invalid requests").isEqualTo(sealedBefore);
  }

  /**
   * The control: every base the generator mutates is itself valid (202), and the checks above see a start when there
   * is one (the listing finds the workflow, the vault holds the card data). Without it, the test above could pass on
   * bases that were invalid to begin with or on a listing that sees nothing.
   */
  @Test
  void theValidBasesStartPostingsAndTheChecksSeeThem() throws Exception {
    SealedCardStore vault = starter.getBean(SealedCardStore.class);
    int sealedBefore = vault.size();
    List<Base> bases = BadPostingRequests.bases();
    Set<String> expected = new HashSet<>();
    int withCardData = 0;
    for (int i = 0; i < bases.size(); i++) {
      Base base = bases.get(i);
      String postingId = CONTROL_PREFIX + i;
      byte[] body = JSON.writeValueAsBytes(base.body().deepCopy().put("postingId", postingId));
      HttpResponse<String> answer = send("POST", BadPostingRequests.POSTINGS, BadPostingRequests.JSON_TYPE, body,
          false);
      assertThat(answer.statusCode()).as("%s: %s", base.name(), answer.body()).isEqualTo(202);
      expected.add("posting-" + postingId);
      String method = base.body().path("target").path("paymentMethod").path("kind").asText();
      if (method.equals("CREDIT_CARD") || method.equals("ACH")) {
        withCardData++;
      }
    }
    assertThat(workflowsStartingWith(CONTROL_PREFIX)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(vault.size()).isEqualTo(sealedBefore + withCardData);
  }

  /**
   * The one place requests are sent (so that a header the API comes to require, e.g. an API key, is added here once).
   * A null content type sends none; chunked sends the body without a Content-Length.
   */
  private static HttpResponse<String> send(String method, String path, String contentType, byte[] body,
      boolean chunked) throws Exception {
    // the operator's dev key: it may start postings and act on them
    HttpRequest.Builder request = HttpRequest.newBuilder(api.resolve(path)).timeout(Duration.ofSeconds(30))
        .header("X-Api-Key", LocalStack.OPERATOR_KEY);
    if (contentType != null) {
      request.header("Content-Type", contentType);
    }
    request.method(method, chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
        : HttpRequest.BodyPublishers.ofByteArray(body));
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  /** What is wrong with the answer, or null when it is right. */
  private static String problemWith(BadRequest request, HttpResponse<String> answer) {
    String text = answer.body();
    for (String secret : request.secrets()) {
      if (text.contains(secret)) {
        return "the answer repeats cardholder data (status " + answer.statusCode() + ")";
      }
    }
    if (text.contains("Exception") || text.contains("\tat ") || text.contains("java.")) {
      return "the answer leaks internals: " + text;
    }
    if (answer.statusCode() != request.expectedStatus()) {
      return "status " + answer.statusCode() + ", expected " + request.expectedStatus() + ": " + text;
    }
    JsonNode errors;
    try {
      errors = JSON.readTree(text).path("errors");
    } catch (Exception notJson) {
      return "the answer is not JSON: " + text;
    }
    if (!errors.isArray() || errors.isEmpty()) {
      return "no errors[] in the answer: " + text;
    }
    for (JsonNode error : errors) {
      if (error.path("field").asText().isBlank() || error.path("message").asText().isBlank()) {
        return "an error without a field or a message: " + text;
      }
    }
    for (JsonNode error : errors) {
      String field = error.path("field").asText();
      for (String wanted : request.fields()) {
        if (field.equals(wanted) || field.startsWith(wanted + ".")) {
          return null;
        }
      }
    }
    return "no error names " + request.fields() + ": " + text;
  }

  private static List<String> workflowsOtherThan(String postingIdPrefix) {
    return allWorkflowIds().stream().filter(id -> !id.startsWith("posting-" + postingIdPrefix)).toList();
  }

  private static List<String> workflowsStartingWith(String postingIdPrefix) {
    return allWorkflowIds().stream().filter(id -> id.startsWith("posting-" + postingIdPrefix)).toList();
  }

  private static List<String> allWorkflowIds() {
    return StarterOnly.workflowIds(service);
  }

  private static PostingLimits limits() {
    return starter.getBean(PostingPolicy.class).limits();
  }

  private static int maxBodyBytes() {
    return (int) starter.getBean(RequestBodyLimits.class).api().toBytes();
  }

  /** Names of requests carry junk characters on purpose: escape them for the report. */
  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints().limit(300).forEach(c -> {
      if (c < 0x20 || (c >= 0x7f && c < 0xa0) || (c >= 0xd800 && c <= 0xdfff) || c == 0xfffe || c == 0xffff) {
        out.append(String.format("\\u%04x", c));
      } else {
        out.appendCodePoint(c);
      }
    });
    return out.toString();
  }
}
