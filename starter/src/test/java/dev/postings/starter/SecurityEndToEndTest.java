package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.cardvault.CardDataUnavailable;
import dev.postings.cardvault.CardSecrets;
import dev.postings.cardvault.CardVault;
import dev.postings.cardvault.CardVaultClientSettings;
import dev.postings.cardvault.CardVaultUnavailable;
import dev.postings.cardvault.HttpCardVault;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.encryption.PayloadEncryption;
import dev.postings.starter.cardvault.SealedCardStore;
import dev.postings.workflow.PostingStatus;
import com.google.protobuf.util.JsonFormat;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.history.v1.History;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.WorkerFactory;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * Cardholder data never leaks, through the whole local stack (separate Spring contexts talking over the network, as
 * `./postings up` runs them): what the Temporal server stores is sealed, and the worker redeems card data from the
 * starter's vault over HTTP.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecurityEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final CardSecrets CARD = new CardSecrets("4111111111111111", "737", "000123456789");
  /** The Temporal UI's origin, as an operator would configure it for the codec. */
  private static final String TEMPORAL_UI = "http://127.0.0.1:8233";
  private static LocalStack stack;
  private static WorkflowServiceStubs rawService;

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack(new String[] {"--postings.codec.allowed-origins=" + TEMPORAL_UI},
        "--sandbox.propexo.job-pending-for=1s");
    rawService = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal.target()).build());
  }

  @AfterAll
  static void stopStack() {
    rawService.shutdownNow();
    stack.close();
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  private static HttpResponse<String> send(HttpRequest request) throws Exception {
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static void post(String postingId, String residentId, String reference, String description)
      throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "PROPERTYWARE");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", reference);
    body.put("description", description);
    body.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", residentId).put("financialAccountId", "fa_1");
    HttpResponse<String> answer = send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    assertThat(answer.statusCode()).isEqualTo(202);
  }

  private static JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId))
          .GET().build()).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  /** The history exactly as the server stores it: fetched without any data converter. */
  private static History rawHistory(String postingId) {
    return RawHistory.of(rawService, postingId);
  }

  private static WorkflowClient client(WorkflowClientOptions.Builder options) {
    return WorkflowClient.newInstance(rawService, options.setNamespace("default").build());
  }

  @Test
  void theServerStoresNoClearRequestValuesWhileTheClientsReadThemNormally() throws Exception {
    String postingId = unique("pw-sec-");
    String reference = unique("CHKSEC");
    String description = unique("rent-note-");
    post(postingId, "res_1", reference, description);

    JsonNode status = awaitState(postingId, "CONFIRMED"); // the starter reads what the worker wrote, and vice versa

    assertThat(status.path("providerRecordId").asText()).startsWith("rp_");
    History history = rawHistory(postingId);
    assertThat(history.getEventsCount()).isGreaterThan(5);
    String stored = history.toByteString().toStringUtf8();
    assertThat(stored).doesNotContain(reference).doesNotContain(description);
    // (search attributes such as PostingState stay readable: the server indexes them)
    HistoryEvent started = history.getEvents(0);
    assertSealed(started.getWorkflowExecutionStartedEventAttributes().getInput().getPayloads(0));
    assertSealed(started.getWorkflowExecutionStartedEventAttributes().getMemo().getFieldsOrThrow("fingerprint"));
    HistoryEvent completed = history.getEvents(history.getEventsCount() - 1);
    assertSealed(completed.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloads(0));

    // a client with the same keys reads the result; one without them cannot
    WorkflowClient withKeys = client(WorkflowClientOptions.newBuilder().setDataConverter(PayloadEncryption.dataConverter(
        EncryptionKeys.of(new EncryptionSettings("local-dev", Map.of("local-dev", EncryptionKeys.LOCAL_DEVELOPMENT_KEY))))));
    PostingStatus result = withKeys.newUntypedWorkflowStub("posting-" + postingId).getResult(PostingStatus.class);
    assertThat(result.state().name()).isEqualTo("CONFIRMED");
    assertThat(result.providerRecordId()).isEqualTo(status.path("providerRecordId").asText());
    WorkflowClient withoutKeys = client(WorkflowClientOptions.newBuilder());
    assertThatThrownBy(() -> withoutKeys.newUntypedWorkflowStub("posting-" + postingId).getResult(PostingStatus.class))
        .hasStackTraceContaining("binary/encrypted");
  }

  private static void assertSealed(Payload payload) {
    assertThat(payload.getMetadataMap().get("encoding").toStringUtf8()).isEqualTo("binary/encrypted");
    assertThat(payload.getMetadataMap().get("encryption-key-id").toStringUtf8()).isEqualTo("local-dev");
  }

  @Test
  void theStartersClientAndTheWorkersClientBothUseTheEncryptingConverter() {
    assertThat(stack.starter.getBean(WorkflowClient.class).getOptions().getDataConverter())
        .isSameAs(stack.starter.getBean("mainDataConverter")).isInstanceOf(CodecDataConverter.class);
    assertThat(stack.worker.getBean(WorkerFactory.class).getWorkflowClient().getOptions().getDataConverter())
        .isSameAs(stack.worker.getBean("mainDataConverter")).isInstanceOf(CodecDataConverter.class);
  }

  @Test
  void failureMessagesAreSealedToo() throws Exception {
    String postingId = unique("pw-sec-");
    post(postingId, "res_refused", unique("CHKSEC"), "January rent");

    JsonNode status = awaitState(postingId, "REJECTED");

    assertThat(status.path("lastError").asText()).contains("ResidentNotActive");
    assertThat(rawHistory(postingId).toByteString().toStringUtf8()).doesNotContain("ResidentNotActive");
  }

  @Test
  void theWorkersCardVaultRedeemsWhatTheStarterSealedThenItIsGone(CapturedOutput output) {
    String reference = stack.starter.getBean(SealedCardStore.class).seal(CARD);
    CardVault vault = stack.worker.getBean(CardVault.class);

    assertThat(vault).isInstanceOf(HttpCardVault.class);
    assertThat(vault.redeem(reference)).isEqualTo(CARD);
    vault.discard(reference);
    vault.discard(reference); // twice is fine

    assertThatThrownBy(() -> vault.redeem(reference))
        .isInstanceOf(CardDataUnavailable.class)
        .hasMessageContaining(reference);
    assertThat(output.getAll()).doesNotContain(CARD.cardNumber()).doesNotContain(CARD.accountNumber());
  }

  @Test
  void theVaultEndpointWantsTheSharedSecret(CapturedOutput output) throws Exception {
    String reference = stack.starter.getBean(SealedCardStore.class).seal(CARD);
    URI redeem = stack.apiUrl.resolve("/internal/card-vault/" + reference + "/redeem");

    HttpResponse<String> noSecret = send(LocalStack.withKey(redeem).POST(HttpRequest.BodyPublishers.noBody())
        .build());
    HttpResponse<String> wrongSecret = send(LocalStack.withKey(redeem).POST(HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "Bearer local-card-vault-secreT").build());
    HttpResponse<String> wrongDiscard = send(LocalStack.withKey(stack.apiUrl.resolve("/internal/card-vault/"
        + reference)).DELETE().header("Authorization", "Bearer nope").build());
    HttpResponse<String> unknown = send(LocalStack.withKey(stack.apiUrl.resolve(
        "/internal/card-vault/cv_" + "A".repeat(43) + "/redeem")).POST(HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "Bearer local-card-vault-secret").build());
    HttpResponse<String> right = send(LocalStack.withKey(redeem).POST(HttpRequest.BodyPublishers.noBody())
        .header("Authorization", "Bearer local-card-vault-secret").build());

    assertThat(noSecret.statusCode()).isEqualTo(401);
    assertThat(wrongSecret.statusCode()).isEqualTo(401);
    assertThat(wrongDiscard.statusCode()).isEqualTo(401);
    assertThat(noSecret.body() + wrongSecret.body() + wrongDiscard.body()).doesNotContain(CARD.cardNumber())
        .doesNotContain("local-card-vault-secret");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(right.statusCode()).isEqualTo(200);
    assertThat(right.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(JSON.readTree(right.body()).path("cardNumber").asText()).isEqualTo(CARD.cardNumber());

    // the worker's client with a wrong secret: a clear, transient failure without any value
    HttpCardVault misconfigured = new HttpCardVault(new CardVaultClientSettings(stack.apiUrl, "not-the-secret",
        null, null), JSON);
    assertThatThrownBy(() -> misconfigured.redeem(reference))
        .isInstanceOf(CardVaultUnavailable.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageNotContaining(CARD.cardNumber());
    assertThat(output.getAll()).doesNotContain(CARD.cardNumber()).doesNotContain(CARD.securityCode() + "\"");
  }

  // ---- Temporal's remote codec ----

  /** Every payload of a real history, as the server stores them: sealed. */
  private static Payloads payloadsOf(History history) {
    Payloads.Builder all = Payloads.newBuilder();
    for (HistoryEvent event : history.getEventsList()) {
      if (event.hasWorkflowExecutionStartedEventAttributes()) {
        all.addAllPayloads(event.getWorkflowExecutionStartedEventAttributes().getInput().getPayloadsList());
        all.addAllPayloads(event.getWorkflowExecutionStartedEventAttributes().getMemo().getFieldsMap().values());
      } else if (event.hasActivityTaskScheduledEventAttributes()) {
        all.addAllPayloads(event.getActivityTaskScheduledEventAttributes().getInput().getPayloadsList());
      } else if (event.hasActivityTaskCompletedEventAttributes()) {
        all.addAllPayloads(event.getActivityTaskCompletedEventAttributes().getResult().getPayloadsList());
      } else if (event.hasWorkflowExecutionCompletedEventAttributes()) {
        all.addAllPayloads(event.getWorkflowExecutionCompletedEventAttributes().getResult().getPayloadsList());
      }
    }
    return all.build();
  }

  private static RawHttp.Answer codec(String direction, String body, String... headers) throws Exception {
    return new RawHttp(stack.apiUrl.getPort()).send("POST", "/api/codec/" + direction,
        body.getBytes(StandardCharsets.UTF_8), concat(new String[] {"Content-Type: application/json"}, headers));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Test
  void temporalsCodecEndpointOpensARealHistorysPayloadsForOperatorsAndSealsThemAgain() throws Exception {
    String postingId = unique("pw-codec-");
    String reference = unique("CHKCODEC");
    post(postingId, "res_1", reference, "January rent");
    awaitState(postingId, "CONFIRMED");
    Payloads sealed = payloadsOf(rawHistory(postingId));
    assertThat(sealed.getPayloadsCount()).isGreaterThan(5);
    sealed.getPayloadsList().forEach(SecurityEndToEndTest::assertSealed);
    String operator = "X-Api-Key: " + LocalStack.OPERATOR_KEY;

    RawHttp.Answer decoded = codec("decode", JsonFormat.printer().print(sealed), operator, "X-Namespace: default");

    assertThat(decoded.status()).as(decoded.toString()).isEqualTo(200);
    Payloads.Builder plain = Payloads.newBuilder();
    JsonFormat.parser().merge(decoded.body(), plain);
    assertThat(plain.getPayloadsCount()).isEqualTo(sealed.getPayloadsCount());
    for (Payload payload : plain.getPayloadsList()) {
      String encoding = payload.getMetadataMap().get("encoding").toStringUtf8();
      assertThat(encoding).isIn("json/plain", "binary/null");
      if (encoding.equals("json/plain")) {
        JSON.readTree(payload.getData().toStringUtf8()); // plain JSON, as the UI shows it
      }
    }
    assertThat(plain.getPayloadsList()).anySatisfy(payload ->
        assertThat(payload.getData().toStringUtf8()).contains(reference));

    // and back: sealed again (a new nonce, so not the same bytes), and those open to the same plain payloads
    RawHttp.Answer encoded = codec("encode", decoded.body(), operator);
    assertThat(encoded.status()).as(encoded.toString()).isEqualTo(200);
    Payloads.Builder resealed = Payloads.newBuilder();
    JsonFormat.parser().merge(encoded.body(), resealed);
    resealed.getPayloadsList().forEach(SecurityEndToEndTest::assertSealed);
    assertThat(resealed.build()).isNotEqualTo(sealed);
    RawHttp.Answer again = codec("decode", encoded.body(), operator);
    Payloads.Builder reopened = Payloads.newBuilder();
    JsonFormat.parser().merge(again.body(), reopened);
    assertThat(reopened.build()).isEqualTo(plain.build());
  }

  @Test
  void theCodecIsForOperatorsOfThisNamespaceOnly() throws Exception {
    String empty = "{\"payloads\":[]}";

    assertThat(codec("decode", empty).status()).isEqualTo(401);
    assertThat(codec("decode", empty, "X-Api-Key: " + LocalStack.SERVICE_KEY).status()).isEqualTo(403);
    assertThat(codec("decode", empty, "Authorization: Bearer " + LocalStack.OPERATOR_KEY).status()).isEqualTo(200);
    RawHttp.Answer otherNamespace = codec("decode", empty, "X-Api-Key: " + LocalStack.OPERATOR_KEY,
        "X-Namespace: someone-else");
    assertThat(otherNamespace.status()).isEqualTo(400);
    assertThat(JSON.readTree(otherNamespace.body()).at("/errors/0/field").asText()).isEqualTo("X-Namespace");
    RawHttp.Answer notPayloads = codec("decode", "{\"payloads\":[{\"data\":\"not base64!\"}]}",
        "X-Api-Key: " + LocalStack.OPERATOR_KEY);
    assertThat(notPayloads.status()).isEqualTo(400);
    assertThat(JSON.readTree(notPayloads.body()).at("/errors/0/field").asText()).isEqualTo("payloads");
    // sealed under a key this deployment does not have
    RawHttp.Answer foreignKey = codec("decode", "{\"payloads\":[{\"metadata\":{\"encoding\":\""
        + Base64.getEncoder().encodeToString("binary/encrypted".getBytes(StandardCharsets.UTF_8))
        + "\",\"encryption-key-id\":\"" + Base64.getEncoder().encodeToString("k-other".getBytes(StandardCharsets.UTF_8))
        + "\"},\"data\":\"AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\"}]}", "X-Api-Key: " + LocalStack.OPERATOR_KEY);
    assertThat(foreignKey.status()).isEqualTo(400);
  }

  @Test
  void onlyTheConfiguredTemporalUiOriginMayCallTheCodecFromABrowser() throws Exception {
    RawHttp raw = new RawHttp(stack.apiUrl.getPort());
    String[] preflight = {"Access-Control-Request-Method: POST",
        "Access-Control-Request-Headers: authorization,content-type,x-namespace"};

    RawHttp.Answer allowed = raw.send("OPTIONS", "/api/codec/decode", null,
        concat(new String[] {"Origin: " + TEMPORAL_UI}, preflight));
    RawHttp.Answer elsewhere = raw.send("OPTIONS", "/api/codec/decode", null,
        concat(new String[] {"Origin: http://127.0.0.1:9999"}, preflight));
    RawHttp.Answer otherRoute = raw.send("OPTIONS", "/api/postings", null,
        concat(new String[] {"Origin: " + TEMPORAL_UI}, preflight));
    RawHttp.Answer call = codec("decode", "{\"payloads\":[]}", "Origin: " + TEMPORAL_UI,
        "Authorization: Bearer " + LocalStack.OPERATOR_KEY);

    assertThat(allowed.status()).isEqualTo(200);
    assertThat(allowed.header("Access-Control-Allow-Origin")).isEqualTo(TEMPORAL_UI);
    assertThat(allowed.header("Access-Control-Allow-Headers")).containsIgnoringCase("x-namespace");
    assertThat(elsewhere.status()).isEqualTo(403);
    assertThat(elsewhere.isJson()).isTrue();
    assertThat(JSON.readTree(elsewhere.body()).path("error").asText()).isEqualTo("forbidden");
    assertThat(elsewhere.header("Access-Control-Allow-Origin")).isNull();
    assertThat(otherRoute.header("Access-Control-Allow-Origin")).isNull();
    assertThat(call.status()).isEqualTo(200);
    assertThat(call.header("Access-Control-Allow-Origin")).isEqualTo(TEMPORAL_UI);
  }
}
