package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Every body is bounded before it is read, per route family (API 64 KiB, webhooks 256 KiB, card vault 8 KiB), by its
 * Content-Length and, sent chunked without one, while it streams: 413 in JSON naming the limit. A signed webhook over
 * the limit is refused before its signature is even computed; nothing starts.
 */
class RequestBodyLimitTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int API = 64 * 1024;
  private static final int WEBHOOKS = 256 * 1024;
  private static final int CARD_VAULT = 8 * 1024;
  private static StarterOnly app;

  @BeforeAll
  static void start() throws Exception {
    app = new StarterOnly();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A JSON body of exactly {@code size} bytes: a posting request padded in its description. */
  private static byte[] body(int size) {
    String head = "{\"postingId\":\"pw-limit-1\",\"connectionId\":\"propexo-main\",\"provider\":\"PROPERTYWARE\",\"description\":\"";
    String tail = "\"}";
    return (head + "x".repeat(size - head.length() - tail.length()) + tail).getBytes(StandardCharsets.UTF_8);
  }

  private static void assertTooLarge(RawHttp.Answer answer, int limit) throws Exception {
    assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
    JsonNode json = JSON.readTree(answer.body());
    assertThat(json.at("/errors/0/field").asText()).isEqualTo("body");
    assertThat(json.at("/errors/0/message").asText()).isEqualTo("must be at most " + limit + " bytes");
  }

  @Test
  void theApiRefusesABodyOverItsLimitDeclaredOrStreamed() throws Exception {
    String key = "X-Api-Key: " + LocalStack.OPERATOR_KEY;
    assertTooLarge(app.raw.send("POST", "/api/postings", body(API + 1), "Content-Type: application/json", key), API);
    assertTooLarge(app.raw.sendChunked("POST", "/api/postings", body(API + 1), 4096, "Content-Type: application/json",
        key), API);
    assertTooLarge(app.raw.sendChunked("POST", "/api/postings", body(1024 * 1024), 8192,
        "Content-Type: application/json", key), API);
    assertTooLarge(app.raw.sendChunked("POST", "/api/postings/pw-1/resolve", body(API + 1), 4096,
        "Content-Type: application/json", key), API);
    assertTooLarge(app.raw.sendChunked("POST", "/api/codec/decode", body(API + 1), 4096,
        "Content-Type: application/json", key), API);

    // at the limit the body is read, and judged on its content
    RawHttp.Answer atLimit = app.raw.sendChunked("POST", "/api/postings", body(API), 4096,
        "Content-Type: application/json", key);
    assertThat(atLimit.status()).as(atLimit.toString()).isEqualTo(400);
    assertThat(app.workflowIds()).isEmpty();
  }

  @Test
  void aWebhookOverItsLimitIsRefusedBeforeItsSignatureIsChecked() throws Exception {
    byte[] over = body(WEBHOOKS + 1);
    app.handlers.drain();

    assertTooLarge(app.raw.send("POST", "/webhooks/propexo", over, "Content-Type: application/json",
        "propexo-signature: " + TestKeys.propexoSignature(over)), WEBHOOKS);
    assertTooLarge(app.raw.sendChunked("POST", "/webhooks/propexo", over, 16_384, "Content-Type: application/json",
        "propexo-signature: " + TestKeys.propexoSignature(over)), WEBHOOKS);
    assertThat(app.handlers.drain()).isEmpty();

    // at the limit, a signed body reaches the controller (which finds it is no webhook it knows)
    byte[] atLimit = body(WEBHOOKS);
    RawHttp.Answer read = app.raw.sendChunked("POST", "/webhooks/propexo", atLimit, 16_384,
        "Content-Type: application/json", "propexo-signature: " + TestKeys.propexoSignature(atLimit));
    assertThat(read.status()).as(read.toString()).isEqualTo(200);
  }

  @Test
  void theCardVaultRefusesABodyOverItsLimit() throws Exception {
    byte[] over = new byte[CARD_VAULT + 1];
    Arrays.fill(over, (byte) 'x');

    assertTooLarge(app.raw.send("POST", "/internal/card-vault/cv_x/redeem", over,
        "Authorization: Bearer local-card-vault-secret"), CARD_VAULT);
    // the limit is the family's, not the API's
    RawHttp.Answer within = app.raw.send("POST", "/internal/card-vault/cv_x/redeem", new byte[CARD_VAULT],
        "Authorization: Bearer local-card-vault-secret");
    assertThat(within.status()).isEqualTo(404);
  }
}
