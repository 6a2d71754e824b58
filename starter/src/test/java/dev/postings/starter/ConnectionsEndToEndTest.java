package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.protobuf.Message;
import dev.postings.encryption.AesGcmPayloadCodec;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Connections end to end (docs/api.md#connections): the local stack seeds the sandbox's customers; admins create,
 * rotate and disable, operators read and check, services neither; a posting names its connection and the worker uses
 * that customer's credentials, a rotated credential from the next call; answers never carry a credential.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionsEndToEndTest {

  static final String ADMIN_KEY = "dev-admin-key-2a6f0c9e4d1b";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SECOND_TOKEN = "dev-propexo-token-2";
  private static final String REVOKED = "revoked-propexo-token-7f3a";
  private static LocalStack stack;
  /** Every answer body this test received: none may hold a credential. */
  private static final List<String> ANSWERS = new ArrayList<>();
  private static final StoredgeCardEndToEndTest.LogRecorder LOGS = new StoredgeCardEndToEndTest.LogRecorder();
  private static Level postingsLevel;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[0], "--sandbox.propexo.job-pending-for=1s");
    // after the contexts started (each start resets logging): every event of every logger, our own down to DEBUG
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    LOGS.setContext(context);
    LOGS.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(LOGS);
    postingsLevel = context.getLogger("dev.postings").getLevel();
    context.getLogger("dev.postings").setLevel(Level.DEBUG);
  }

  @AfterAll
  static void stopStack() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(LOGS);
    context.getLogger("dev.postings").setLevel(postingsLevel);
    stack.close();
  }

  private static HttpResponse<String> send(String method, String path, String key, String body) throws Exception {
    HttpRequest.Builder request = LocalStack.withKey(stack.apiUrl.resolve(path), key)
        .header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> answer = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    ANSWERS.add(answer.body());
    return answer;
  }

  private static String newConnection(String id, String api, String baseUrl, String credentials) {
    return "{\"connectionId\":\"" + id + "\",\"api\":\"" + api + "\",\"name\":\"Test " + id + "\",\"baseUrl\":\""
        + baseUrl + "\",\"credentials\":" + credentials + "}";
  }

  private static ObjectNode posting(String postingId, String connectionId) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("connectionId", connectionId);
    body.put("provider", "PROPERTYWARE");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", "C" + postingId.replaceAll("[^A-Za-z0-9]", ""));
    body.put("description", "January rent");
    body.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", "res_" + postingId).put("financialAccountId", "fa_1");
    return body;
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(send("GET", "/api/postings/" + postingId, LocalStack.OPERATOR_KEY, null).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  @Test
  void theLocalStackSeedsTheSandboxsCustomersAndOperatorsReadThemWithoutCredentials() throws Exception {
    HttpResponse<String> list = send("GET", "/api/connections", LocalStack.OPERATOR_KEY, null);

    assertThat(list.statusCode()).isEqualTo(200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(list.body()).path("connections").forEach(c -> ids.add(c.path("connectionId").asText()));
    assertThat(ids).contains("propexo-main", "propexo-second", "acquaint-dev", "acquaint-north", "storedge-main",
        "storedge-second");
    assertThat(list.body()).doesNotContain("dev-propexo-token", "dev-acquaint-key", "dev-storedge-secret");
    assertThat(send("GET", "/api/connections", LocalStack.SERVICE_KEY, null).statusCode()).isEqualTo(403);
    assertThat(send("POST", "/api/connections", LocalStack.OPERATOR_KEY, newConnection("op-made", "PROPEXO",
        "http://127.0.0.1:1", "{\"token\":\"x-token\"}")).statusCode()).isEqualTo(403);
  }

  @Test
  void theCheckMakesOneAuthenticatedCallWithEachProvidersCredentials() throws Exception {
    for (String id : List.of("propexo-second", "acquaint-north", "storedge-second")) {
      JsonNode check = JSON.readTree(send("POST", "/api/connections/" + id + "/check", LocalStack.OPERATOR_KEY, null)
          .body());
      assertThat(check.path("outcome").asText()).as(id + ": " + check).isEqualTo("ok");
    }
    send("POST", "/api/connections", ADMIN_KEY, newConnection("storedge-wrong", "STOREDGE",
        stack.sandboxUrl + "/storedge", "{\"consumerKey\":\"dev-storedge-key\",\"consumerSecret\":\"not-it\"}"));
    assertThat(JSON.readTree(send("POST", "/api/connections/storedge-wrong/check", ADMIN_KEY, null).body())
        .path("outcome").asText()).isEqualTo("refused");
  }

  @Test
  void aPostingUsesItsCustomersCredentialsAndARotatedOneFromItsNextCall(CapturedOutput output) throws Exception {
    HttpResponse<String> created = send("POST", "/api/connections", ADMIN_KEY, newConnection("propexo-third",
        "PROPEXO", stack.sandboxUrl.toString(), "{\"token\":\"" + SECOND_TOKEN + "\"}"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(JSON.readTree(created.body()).path("last4").asText()).isEqualTo("en-2");

    String confirmed = "pw-conn-" + UUID.randomUUID().toString().substring(0, 8);
    assertThat(send("POST", "/api/postings", LocalStack.SERVICE_KEY, posting(confirmed, "propexo-third").toString())
        .statusCode()).isEqualTo(202);
    awaitState(confirmed, "CONFIRMED");

    // rotated to a token Propexo refuses: the next posting's first call uses it and parks, as refused credentials do
    HttpResponse<String> rotated = send("POST", "/api/connections/propexo-third/rotate", ADMIN_KEY,
        "{\"credentials\":{\"token\":\"" + REVOKED + "\"}}");
    assertThat(rotated.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(rotated.body()).path("version").asLong()).isEqualTo(2);
    String parked = "pw-conn-" + UUID.randomUUID().toString().substring(0, 8);
    send("POST", "/api/postings", LocalStack.SERVICE_KEY, posting(parked, "propexo-third").toString());
    JsonNode status = awaitState(parked, "PARKED");
    assertThat(status.toString()).contains("CREDENTIALS_REFUSED").doesNotContain(REVOKED);

    // disabled: new postings naming it are refused, naming the field
    assertThat(send("POST", "/api/connections/propexo-third/disable", ADMIN_KEY, null).statusCode()).isEqualTo(200);
    HttpResponse<String> refused = send("POST", "/api/postings", LocalStack.SERVICE_KEY,
        posting("pw-conn-disabled", "propexo-third").toString());
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(refused.body()).contains("connectionId").contains("disabled");
    assertThat(ANSWERS).noneMatch(body -> body.contains(SECOND_TOKEN) || body.contains(REVOKED));

    // no credential anywhere else it could have gone: the postings' histories (decrypted), every log line of every
    // context and the console, both services' metrics
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal.target()).build());
    try {
      for (String postingId : List.of(confirmed, parked)) {
        String decrypted = decryptedPayloads(RawHistory.of(service, postingId));
        assertThat(decrypted).contains("propexo-third").doesNotContain(SECOND_TOKEN).doesNotContain(REVOKED);
      }
    } finally {
      service.shutdownNow();
    }
    assertThat(LOGS.text()).contains(parked).doesNotContain(SECOND_TOKEN).doesNotContain(REVOKED);
    assertThat(output.getAll()).doesNotContain(SECOND_TOKEN).doesNotContain(REVOKED);
    for (ConfigurableApplicationContext service2 : List.of(stack.starter, stack.worker)) {
      String metrics = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
          + service2.getEnvironment().getProperty("local.server.port") + "/actuator/prometheus"))
          .header("X-Api-Key", LocalStack.OPERATOR_KEY).GET().build(), HttpResponse.BodyHandlers.ofString()).body();
      assertThat(metrics).contains("postings_").doesNotContain(SECOND_TOKEN).doesNotContain(REVOKED);
    }
  }

  /** Every payload of a history, decoded with the local profile's development key. */
  private static String decryptedPayloads(History history) {
    List<Payload> payloads = new ArrayList<>();
    collectPayloads(history, payloads);
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.of(new EncryptionSettings(
        EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID,
        Map.of(EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID, EncryptionKeys.LOCAL_DEVELOPMENT_KEY))));
    StringBuilder text = new StringBuilder();
    for (Payload payload : codec.decode(payloads)) {
      text.append(payload.getData().toStringUtf8()).append('\n');
    }
    return text.toString();
  }

  private static void collectPayloads(Object value, List<Payload> payloads) {
    if (value instanceof Payload payload) {
      payloads.add(payload);
    } else if (value instanceof Message message) {
      message.getAllFields().values().forEach(field -> collectPayloads(field, payloads));
    } else if (value instanceof List<?> list) {
      list.forEach(item -> collectPayloads(item, payloads));
    }
  }

  @Test
  void aPostingNamingAnUnknownConnectionOrOneOfAnotherProviderIsA400NamingIt() throws Exception {
    for (String connection : List.of("nobody-here", "storedge-main")) {
      HttpResponse<String> answer = send("POST", "/api/postings", LocalStack.SERVICE_KEY,
          posting("pw-wrong-" + connection, connection).toString());
      assertThat(answer.statusCode()).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).path("errors").get(0).path("field").asText()).isEqualTo("connectionId");
    }
  }

  @Test
  void badOrHostileInputIsA4xxNamingTheField() throws Exception {
    assertField(newConnection("x-api", "YARDI", "http://127.0.0.1:1", "{\"token\":\"abcdef\"}"), "api");
    assertField(newConnection("x-far", "PROPEXO", "https://propexo.example.com", "{\"token\":\"abcdef\"}"),
        "baseUrl");
    assertField(newConnection("x-file", "PROPEXO", "file:///etc/passwd", "{\"token\":\"abcdef\"}"), "baseUrl");
    assertField(newConnection("x-cred", "ACQUAINT", "http://127.0.0.1:1", "{\"token\":\"abcdef\"}"),
        "credentials.token");
    assertField(newConnection("Bad Id", "PROPEXO", "http://127.0.0.1:1", "{\"token\":\"abcdef\"}"), "connectionId");
    assertField("{\"connectionId\":\"x\",", "body");
    HttpResponse<String> huge = send("POST", "/api/connections", ADMIN_KEY,
        newConnection("x-huge", "PROPEXO", "http://127.0.0.1:1", "{\"token\":\"" + "a".repeat(200_000) + "\"}"));
    assertThat(huge.statusCode()).isEqualTo(413);
    assertThat(send("GET", "/api/connections/no-such", LocalStack.OPERATOR_KEY, null).statusCode()).isEqualTo(404);
  }

  private static void assertField(String body, String field) throws Exception {
    HttpResponse<String> answer = send("POST", "/api/connections", ADMIN_KEY, body);
    assertThat(answer.statusCode()).as(body).isEqualTo(400);
    assertThat(JSON.readTree(answer.body()).path("errors").get(0).path("field").asText()).as(answer.body())
        .isEqualTo(field);
  }
}
