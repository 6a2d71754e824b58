package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import dev.postings.encryption.AesGcmPayloadCodec;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.starter.cardvault.SealedCardStore;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
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
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * storEDGE postings with a stored method and with a new card, through the starter API, the embedded Temporal server, a
 * worker and the storEDGE sandbox's default fixtures (the vendor example's ledger, balance 61.03), all over the
 * network. Then the card number and security code are looked for everywhere they could have gone: the raw history the
 * server stores, the same history decrypted, every API answer and every log line.
 */
@ExtendWith(OutputCaptureExtension.class)
class StoredgeCardEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  static final String FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  static final String LEDGER = "795bcfcd-20d7-4168-93be-10e83e76678e";
  static final String CARD_NUMBER = "4111111111111111";
  static final String SECURITY_CODE = "737";
  /** Refused by the Luhn check: never sealed, never echoed. */
  static final String BAD_CARD_NUMBER = "4111111111111112";

  /** $10.00 from the tenant's stored payment method. */
  static final String STORED = """
      {"postingId":"se-stored-0001","connectionId":"storedge-main","provider":"STOREDGE",
       "amount":{"minor":1000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","referenceNumber":"SE-2024-01-0001","description":"Unit U25",
       "target":{"facilityId":"a7ccbc47-adde-41e6-a768-874d3d05f415",
                 "ledgerId":"795bcfcd-20d7-4168-93be-10e83e76678e","paymentKind":"CUSTOM",
                 "paymentMethod":{"kind":"STORED","paymentMethodId":"6f1d2c3b-4a59-4e87-b6d0-1c2e3f4a5b6c"}}}""";

  /** $20.00 by a new Visa card (docs/scenarios.md's storEDGE scenario). */
  static final String CARD = """
      {"postingId":"se-card-0001","connectionId":"storedge-main","provider":"STOREDGE",
       "amount":{"minor":2000,"currency":"USD"},
       "transactionDate":"2024-01-15T09:30:00Z","referenceNumber":"SE-2024-01-0002","description":"Unit U25",
       "target":{"facilityId":"a7ccbc47-adde-41e6-a768-874d3d05f415",
                 "ledgerId":"795bcfcd-20d7-4168-93be-10e83e76678e","paymentKind":"CUSTOM",
                 "paymentMethod":{"kind":"CREDIT_CARD","firstName":"Paulina","lastName":"Wehner",
                   "cardType":"visa","cardNumber":"4111111111111111","securityCode":"737",
                   "expirationDate":"10/49",
                   "billingAddress":{"address1":"123 Main St","city":"Springfield","state":"IL",
                                     "postal":"62701","country":"US"}}}}""";

  private static final Pattern VAULT_REFERENCE = Pattern.compile("cv_[A-Za-z0-9_-]{43}");

  private static LocalStack stack;
  private static WorkflowServiceStubs rawService;
  private static final LogRecorder logs = new LogRecorder();
  private static Level postingsLevel;

  /** Every API answer this test received, status line and body. */
  private final List<String> answers = new ArrayList<>();

  @BeforeAll
  static void startStack() throws Exception {
    stack = new LocalStack();
    rawService = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(stack.temporal.target()).build());
    // after the contexts started (each start resets logging): every event of every logger, our own down to DEBUG
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    logs.setContext(context);
    logs.start();
    context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(logs);
    Logger postings = context.getLogger("dev.postings");
    postingsLevel = postings.getLevel();
    postings.setLevel(Level.DEBUG);
  }

  @AfterAll
  static void stopStack() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(logs);
    context.getLogger("dev.postings").setLevel(postingsLevel);
    rawService.shutdownNow();
    stack.close();
  }

  @Test
  void storedAndNewCardPaymentsConfirmOnceAndTheCardIsNowhereToBeFound(CapturedOutput output) throws Exception {
    // (a) both start, both confirm
    assertThat(post(STORED).statusCode()).isEqualTo(202);
    assertThat(post(CARD).statusCode()).isEqualTo(202);
    JsonNode stored = awaitState("se-stored-0001", "CONFIRMED");
    JsonNode card = awaitState("se-card-0001", "CONFIRMED");

    // the same requests again: the same postings (200), nothing charged twice; a different one under the id: 409
    assertThat(post(STORED).statusCode()).isEqualTo(200);
    assertThat(post(CARD).statusCode()).isEqualTo(200);
    assertThat(post(CARD.replace("\"minor\":2000", "\"minor\":2500")).statusCode()).isEqualTo(409);
    // bad cards: 400 naming the field, nothing started
    HttpResponse<String> luhn = post(CARD.replace("se-card-0001", "se-card-0002")
        .replace(CARD_NUMBER, BAD_CARD_NUMBER));
    HttpResponse<String> code = post(CARD.replace("se-card-0001", "se-card-0003")
        .replace("\"securityCode\":\"737\"", "\"securityCode\":\"7377737\""));
    HttpResponse<String> unquoted = post(CARD.replace("se-card-0001", "se-card-0004")
        .replace("\"4111111111111111\"", "4111111111111111"));
    assertThat(luhn.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(luhn.body()).findValuesAsText("field")).containsExactly("target.paymentMethod.cardNumber");
    assertThat(code.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(code.body()).findValuesAsText("field"))
        .containsExactly("target.paymentMethod.securityCode");
    assertThat(unquoted.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unquoted.body()).findValuesAsText("field"))
        .containsExactly("target.paymentMethod.cardNumber");
    assertThat(get(stack.apiUrl.resolve("/api/postings/se-card-0002")).statusCode()).isEqualTo(404);
    stored = JSON.readTree(get(stack.apiUrl.resolve("/api/postings/se-stored-0001")).body());
    card = JSON.readTree(get(stack.apiUrl.resolve("/api/postings/se-card-0001")).body());

    JsonNode ledger = JSON.readTree(HTTP.send(LocalStack.withKey(stack.sandboxUrl.resolve(
        "/sandbox/storedge/ledgers/" + LEDGER)).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(paymentsOf(ledger, "se-stored-0001")).hasSize(1);
    assertThat(paymentsOf(ledger, "se-card-0001")).hasSize(1);
    JsonNode cardPayment = paymentsOf(ledger, "se-card-0001").get(0);
    assertThat(cardPayment.path("method_kind").asText()).isEqualTo("credit_card");
    assertThat(cardPayment.path("description").asText()).isEqualTo("Visa ****1111");
    assertThat(cardPayment.path("amount").decimalValue()).isEqualByComparingTo("20.00");
    assertThat(paymentsOf(ledger, "se-stored-0001").get(0).path("method_kind").asText()).isEqualTo("stored");
    assertThat(ledger.path("charges")).hasSize(2);
    assertThat(ledger.path("balance").decimalValue()).isEqualByComparingTo("31.03");
    assertThat(card.path("providerRecordId").asText()).isEqualTo(cardPayment.path("id").asText());
    assertThat(stored.path("providerRecordId").asText()).isNotBlank();

    // (b) the raw history exactly as the server stores it: nothing in clear, and not even the card's last 4 digits
    History raw = rawHistory("se-card-0001");
    assertThat(raw.getEventsCount()).isGreaterThan(5);
    String rawBytes = raw.toByteString().toStringUtf8();
    String rawJson = JsonFormat.printer().print(raw);
    assertNoCardData("raw history (bytes)", rawBytes);
    assertNoCardData("raw history (JSON)", rawJson);
    assertNoSecurityCodeInText("raw history (JSON)", rawJson);
    assertThat(rawBytes).doesNotContain("SE-2024-01-0002").doesNotContain("Wehner"); // sealed payloads

    // the codec-enabled client's view of the history. fetchHistory does not apply the codec (the payloads stay
    // sealed), so every payload in it is also decoded with the codec, and that is scanned too
    WorkflowClient client = stack.starter.getBean(WorkflowClient.class);
    String fetched = client.fetchHistory("posting-se-card-0001").toJson(true);
    assertNoCardData("history via the codec client", fetched);
    assertNoSecurityCodeInText("history via the codec client", fetched);
    String decrypted = decryptedPayloads(raw);
    assertNoCardData("decrypted history payloads", decrypted);
    assertNoSecurityCodeInText("decrypted history payloads", decrypted);
    // ... and the decryption did work: the request is there, with the last 4 digits and the vault's reference only
    assertThat(decrypted).contains("SE-2024-01-0002", "Wehner", "\"last4\":\"1111\"", "\"vaultRef\":\"cv_");

    // every API answer
    answers.forEach(answer -> {
      assertNoCardData("API answer", answer);
      assertNoSecurityCodeInText("API answer", answer);
    });
    assertThat(answers).hasSizeGreaterThan(8);

    // every log line of every context (starter, worker, sandbox, Temporal), on the console and as events
    assertThat(logs.text()).contains("se-card-0001"); // the recorder did record this test's work
    assertNoCardData("log events", logs.text());
    assertNoSecurityCodeInText("log events", logs.text());
    assertNoCardData("console output", output.getAll());
    assertNoSecurityCodeInText("console output", output.getAll());

    // (c) the worker discarded the card data once make_payment was sent; the repeated starts' seals went at once
    Matcher reference = VAULT_REFERENCE.matcher(decrypted);
    assertThat(reference.find()).isTrue();
    SealedCardStore vault = stack.starter.getBean(SealedCardStore.class);
    assertThat(vault.redeem(reference.group())).isEmpty();
    assertThat(vault.size()).isZero();
  }

  private static void assertNoCardData(String where, String text) {
    assertThat(text).as(where + " holds no card number").doesNotContain(CARD_NUMBER)
        .doesNotContain("4111 1111 1111 1111").doesNotContain("4111-1111-1111-1111")
        .doesNotContain(BAD_CARD_NUMBER);
    assertThat(text).as(where + " holds no security code").doesNotContain("\"" + SECURITY_CODE + "\"")
        .doesNotContain("=" + SECURITY_CODE).doesNotContain(": " + SECURITY_CODE)
        .doesNotContain(":" + SECURITY_CODE + ",").doesNotContain("7377737");
  }

  /**
   * For text (not binary data): the code standing alone. A 3-digit code also occurs by chance inside ids, hashes and
   * times (12:07:37.737), so digits, letters and . : _ - around it do not count.
   */
  private static void assertNoSecurityCodeInText(String where, String text) {
    assertThat(Pattern.compile("(?<![0-9A-Za-z.:_-])" + SECURITY_CODE + "(?![0-9A-Za-z.:_-])").matcher(text).find())
        .as(where + " holds no security code standing alone").isFalse();
  }

  private static List<JsonNode> paymentsOf(JsonNode ledger, String postingId) {
    List<JsonNode> ours = new ArrayList<>();
    ledger.path("payments").forEach(payment -> {
      if (("posting-" + postingId).equals(payment.path("idempotency_key").asText())) {
        ours.add(payment);
      }
    });
    return ours;
  }

  private HttpResponse<String> post(String body) throws Exception {
    HttpResponse<String> answer = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    answers.add(answer.statusCode() + " " + answer.headers().map() + " " + answer.body());
    return answer;
  }

  private HttpResponse<String> get(URI uri) throws Exception {
    HttpResponse<String> answer = HTTP.send(LocalStack.withKey(uri).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    answers.add(answer.statusCode() + " " + answer.headers().map() + " " + answer.body());
    return answer;
  }

  private JsonNode awaitState(String postingId, String state) {
    JsonNode[] last = new JsonNode[1];
    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
      last[0] = JSON.readTree(get(stack.apiUrl.resolve("/api/postings/" + postingId)).body());
      return state.equals(last[0].path("state").asText());
    });
    return last[0];
  }

  /** The history exactly as the server stores it: fetched without any data converter. */
  private static History rawHistory(String postingId) {
    return RawHistory.of(rawService, postingId);
  }

  /** Every payload anywhere in the history (inputs, results, memo, failures, ...) decoded with the local key. */
  private static String decryptedPayloads(History history) {
    List<Payload> payloads = new ArrayList<>();
    collectPayloads(history, payloads);
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(EncryptionKeys.of(new EncryptionSettings(
        EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID,
        Map.of(EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID, EncryptionKeys.LOCAL_DEVELOPMENT_KEY))));
    StringBuilder text = new StringBuilder();
    for (Payload payload : codec.decode(payloads)) {
      text.append(payload.getMetadataMap()).append(' ').append(payload.getData().toStringUtf8()).append('\n');
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

  /** Every logging event of the JVM: the formatted message, its arguments' rendering and any stack trace. */
  static final class LogRecorder extends AppenderBase<ILoggingEvent> {
    private final ConcurrentLinkedQueue<String> lines = new ConcurrentLinkedQueue<>();

    @Override
    protected void append(ILoggingEvent event) {
      String line = event.getLevel() + " " + event.getLoggerName() + " " + event.getFormattedMessage()
          + " " + event.getMDCPropertyMap();
      if (event.getThrowableProxy() != null) {
        line += " " + ThrowableProxyUtil.asString(event.getThrowableProxy());
      }
      lines.add(line);
    }

    String text() {
      return String.join("\n", lines);
    }
  }
}
