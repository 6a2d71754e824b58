package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardSecrets;
import dev.postings.starter.cardvault.SealedCardStore;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Each credential the starter knows, as Spring Security checks it, over HTTP: API keys in either header, the worker's
 * card vault secret, Propexo's webhook signature, the roles, and the routes that need nothing. Every refusal is the
 * API's JSON, and no controller runs for a refused call.
 */
class FrontDoorAuthenticationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VAULT_SECRET = "local-card-vault-secret";
  private static final CardSecrets CARD = new CardSecrets("4111111111111111", "737", null);
  private static StarterOnly app;

  @BeforeAll
  static void start() throws Exception {
    app = new StarterOnly(TestKeys.args());
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void forgetHandlers() {
    app.handlers.drain();
  }

  private static RawHttp.Answer get(String path, String... headers) throws Exception {
    return app.raw.send("GET", path, null, headers);
  }

  private static JsonNode json(RawHttp.Answer answer) throws Exception {
    assertThat(answer.isJson()).as(answer.toString()).isTrue();
    return JSON.readTree(answer.body());
  }

  @Test
  void anApiKeyIsTakenFromEitherHeaderAndAnythingElseIs401() throws Exception {
    assertThat(get("/api/postings", "X-Api-Key: " + TestKeys.RENT_APP).status()).isEqualTo(200);
    assertThat(get("/api/postings", "Authorization: Bearer " + TestKeys.RENT_APP).status()).isEqualTo(200);
    assertThat(get("/api/postings", "Authorization: bearer " + TestKeys.RENT_APP).status()).isEqualTo(200);
    assertThat(app.handlers.drain()).hasSize(3);

    RawHttp.Answer none = get("/api/postings");
    assertThat(none.status()).isEqualTo(401);
    assertThat(none.header("WWW-Authenticate")).isEqualTo("ApiKey header=\"X-Api-Key\"");
    assertThat(json(none).path("error").asText()).isEqualTo("unauthorized");
    assertThat(json(none).path("message").asText()).startsWith("an API key is required");
    for (String[] wrong : List.of(new String[] {"X-Api-Key: " + TestKeys.RENT_APP + "x"},
        new String[] {"X-Api-Key: " + TestKeys.RENT_APP.substring(1)}, new String[] {"Authorization: Basic abc"},
        new String[] {"Authorization: Bearer " + VAULT_SECRET}, new String[] {"X-Api-Key: " + VAULT_SECRET})) {
      RawHttp.Answer refused = get("/api/postings", wrong);
      // a Basic header is no key at all; the others are keys we do not know
      assertThat(refused.status()).as(wrong[0]).isEqualTo(401);
      assertThat(json(refused).path("error").asText()).isEqualTo("unauthorized");
      assertThat(refused.body()).doesNotContain(TestKeys.RENT_APP).doesNotContain(VAULT_SECRET);
    }
    assertThat(json(get("/api/postings", "X-Api-Key: not-a-key-of-ours-0123456789")).path("message").asText())
        .isEqualTo("the API key is not valid");
    assertThat(app.handlers.drain()).isEmpty();
  }

  @Test
  void theCardVaultOpensForTheWorkersSecretOnlyNotForAnyApiKey() throws Exception {
    SealedCardStore store = app.starter.getBean(SealedCardStore.class);
    String reference = store.seal(CARD);
    String redeem = "/internal/card-vault/" + reference + "/redeem";

    for (String[] wrong : List.of(new String[0], new String[] {"Authorization: Bearer"},
        new String[] {"Authorization: Bearer " + VAULT_SECRET + "x"},
        new String[] {"Authorization: Bearer " + VAULT_SECRET.substring(1)},
        new String[] {"Authorization: " + VAULT_SECRET}, new String[] {"Authorization: Basic " + VAULT_SECRET},
        new String[] {"X-Api-Key: " + TestKeys.OPERATOR},
        new String[] {"Authorization: Bearer " + TestKeys.OPERATOR})) {
      RawHttp.Answer refused = app.raw.send("POST", redeem, new byte[0], wrong);
      assertThat(refused.status()).as(String.join(",", wrong)).isEqualTo(401);
      assertThat(refused.header("WWW-Authenticate")).isEqualTo("Bearer");
      assertThat(json(refused).at("/errors/0/field").asText()).isEqualTo("Authorization");
      assertThat(refused.body()).doesNotContain("4111").doesNotContain(VAULT_SECRET);
    }
    RawHttp.Answer wrongDiscard = app.raw.send("DELETE", "/internal/card-vault/" + reference, null,
        "Authorization: Bearer nope");
    assertThat(wrongDiscard.status()).isEqualTo(401);
    assertThat(app.handlers.drain()).as("the vault's controller ran for a refused call").isEmpty();

    RawHttp.Answer right = app.raw.send("POST", redeem, new byte[0], "Authorization: Bearer " + VAULT_SECRET);
    assertThat(right.status()).isEqualTo(200);
    assertThat(right.header("Cache-Control")).isEqualTo("no-store");
    assertThat(json(right).path("cardNumber").asText()).isEqualTo(CARD.cardNumber());
    // the worker's secret opens nothing else
    assertThat(get("/api/postings", "Authorization: Bearer " + VAULT_SECRET).status()).isEqualTo(401);
  }

  @Test
  void aWebhookIsAuthenticatedByItsSignatureBeforeTheControllerRuns() throws Exception {
    byte[] body = "{\"trigger\":\"SOMETHING_ELSE\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);
    byte[] other = "{\"trigger\":\"DATA_NEW\",\"data\":{}}".getBytes(StandardCharsets.UTF_8);

    for (String[] wrong : List.of(new String[] {"Content-Type: application/json"},
        new String[] {"Content-Type: application/json", "propexo-signature: " + TestKeys.propexoSignature(other)},
        new String[] {"Content-Type: application/json", "propexo-signature: " + TestKeys.propexoSignature(body).substring(2)},
        new String[] {"Content-Type: application/json", "propexo-signature: " + "0".repeat(64)},
        new String[] {"Content-Type: application/json", "X-Api-Key: " + TestKeys.OPERATOR})) {
      RawHttp.Answer refused = app.raw.send("POST", "/webhooks/propexo", body, wrong);
      assertThat(refused.status()).as(String.join(",", wrong)).isEqualTo(401);
      assertThat(json(refused).at("/errors/0/field").asText()).isEqualTo("propexo-signature");
    }
    assertThat(app.handlers.drain()).as("the webhook's controller ran for a refused call").isEmpty();

    RawHttp.Answer signed = app.raw.send("POST", "/webhooks/propexo", body, "Content-Type: application/json",
        "propexo-signature: " + TestKeys.propexoSignature(body).toUpperCase());
    assertThat(signed.status()).as(signed.toString()).isEqualTo(200);
    // the controller read the very body the signature was checked over, handed on by the security chain
    assertThat(signed.body()).contains("SOMETHING_ELSE");
    assertThat(app.handlers.drain()).singleElement().asString().contains("PropexoWebhookController");
    // and the signature opens nothing else
    assertThat(app.raw.send("GET", "/api/postings", null, "propexo-signature: " + TestKeys.propexoSignature(new byte[0])).status())
        .isEqualTo(401);
  }

  /** The firewall's refusals, before any rule and whatever the key: a 400 in JSON naming what is wrong. */
  @Test
  void thePathsTheFirewallRefusesAre400InJsonEvenWithAKey() throws Exception {
    for (String path : List.of("/api;x/postings", "/api/postings;jsessionid=1", "/api%2Fpostings", "/api%2fpostings",
        "/api/postings%2561", "/api/../api/postings", "/api/./postings", "//api/postings", "/api/%2e%2e/postings",
        "/api%5Cpostings", "/api/postings%00", "/api\\postings")) {
      RawHttp.Answer refused = get(path, "X-Api-Key: " + TestKeys.OPERATOR);
      assertThat(refused.status()).as(path).isEqualTo(400);
      assertThat(json(refused).at("/errors/0/field").asText()).as(path).isIn("path", "request");
    }
    RawHttp.Answer trace = app.raw.send("TRACE", "/api/postings", null, "X-Api-Key: " + TestKeys.OPERATOR);
    assertThat(trace.status()).isEqualTo(400);
    assertThat(json(trace).at("/errors/0/field").asText()).isEqualTo("method");
    assertThat(trace.body()).doesNotContain(TestKeys.OPERATOR); // TRACE would echo the request, key included
    assertThat(app.handlers.drain()).isEmpty();
  }

  @Test
  void metricsNeedAnOperatorOrAMetricsKeyAndAMetricsKeyReadsNothingElse() throws Exception {
    assertThat(get("/actuator/prometheus").status()).isEqualTo(401);
    assertThat(get("/actuator/prometheus", "X-Api-Key: " + TestKeys.RENT_APP).status()).isEqualTo(403);
    assertThat(get("/actuator/prometheus", "X-Api-Key: " + TestKeys.OPERATOR).status()).isEqualTo(200);
    RawHttp.Answer scraped = get("/actuator/prometheus", "Authorization: Bearer " + TestKeys.METRICS);
    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.body()).contains("postings_waiting");

    RawHttp.Answer list = get("/api/postings", "X-Api-Key: " + TestKeys.METRICS);
    assertThat(list.status()).isEqualTo(403);
    assertThat(json(list).path("error").asText()).isEqualTo("forbidden");
    assertThat(get("/actuator", "X-Api-Key: " + TestKeys.OPERATOR).status()).isEqualTo(403);
  }

  @Test
  void aServiceKeyIsForbiddenTheOperatorsActionsInTheApisOwnWords() throws Exception {
    RawHttp.Answer refused = app.raw.send("POST", "/api/postings/pw-1/resolve",
        "{\"recordId\":\"rp_1\"}".getBytes(StandardCharsets.UTF_8), "Content-Type: application/json",
        "X-Api-Key: " + TestKeys.BILLING_API);

    assertThat(refused.status()).isEqualTo(403);
    assertThat(json(refused).path("error").asText()).isEqualTo("forbidden");
    assertThat(json(refused).path("message").asText())
        .isEqualTo("role service may not call POST /api/postings/pw-1/resolve (it needs role operator)");
    assertThat(app.handlers.drain()).isEmpty();
  }

  @Test
  void onlyHealthTheApiDocumentSwaggerUiAndTheConsoleAreOpenToAll() throws Exception {
    assertThat(get("/actuator/health").status()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness").status()).isIn(200, 404);
    assertThat(get("/v3/api-docs").status()).isEqualTo(200);
    assertThat(get("/swagger-ui.html").status()).isIn(200, 302);
    assertThat(get("/swagger-ui/index.html").status()).isEqualTo(200);
    assertThat(get("/console").status()).isEqualTo(302);
    assertThat(get("/console/index.html").status()).isEqualTo(200);
    assertThat(get("/console/console.js").status()).isEqualTo(200);
    // the console runs its own script only and talks to this origin only
    assertThat(get("/console/index.html").header("Content-Security-Policy"))
        .contains("default-src 'none'", "script-src 'self'", "connect-src 'self'", "frame-ancestors 'none'")
        .doesNotContain("unsafe-inline");

    for (String closed : List.of("/", "/error", "/actuator", "/actuator/env", "/actuator/prometheus", "/internal",
        "/webhooks", "/index.html", "/console/../actuator/env")) {
      RawHttp.Answer answer = get(closed);
      assertThat(answer.status()).as(closed).isIn(400, 401);
      assertThat(answer.isJson()).as(closed).isTrue();
    }
    // an unsafe method on a public route is not public
    assertThat(app.raw.send("POST", "/console/index.html", new byte[0]).status()).isEqualTo(401);
    assertThat(app.raw.send("POST", "/actuator/health", new byte[0]).status()).isEqualTo(401);
  }
}
