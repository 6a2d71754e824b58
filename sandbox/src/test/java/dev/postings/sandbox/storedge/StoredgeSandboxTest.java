package dev.postings.sandbox.storedge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The storEDGE sandbox's own contract (docs/providers/storedge.md#endpoints), over HTTP with one-legged OAuth 1.0. */
class StoredgeSandboxTest {

  private static final String KEY = "test-key";
  private static final String SECRET = "test-secret";
  private static final String FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String NO_PARTIAL_FACILITY = "3c9e1f20-7b4d-4a8e-9f61-2d5c8b0a4e17";
  private static final String CARD = "4111111111111111";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext sandbox;
  private static String base;
  private static final TestSigner SIGNER = new TestSigner(KEY, SECRET);

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.storedge.consumer-key=" + KEY,
        "--sandbox.storedge.consumer-secret=" + SECRET);
    base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static HttpResponse<String> send(String method, String path, String authorization, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> signed(String method, String path, String body) throws Exception {
    return send(method, path, SIGNER.authorization(method, base + path), body);
  }

  /** A fresh ledger with {@code balance} owed and {@code rent} a month, at {@code facility}. */
  private static String ledger(String facility, String balance, String rent) throws Exception {
    String id = "led-" + UUID.randomUUID();
    HttpResponse<String> created = send("POST", "/sandbox/storedge/ledgers", null, "{\"id\":\"" + id
        + "\",\"facilityId\":\"" + facility + "\",\"balance\":" + balance + ",\"monthlyRent\":" + rent
        + ",\"paymentMethodIds\":[\"pm-1\"]}");
    assertThat(created.statusCode()).isEqualTo(200);
    return id;
  }

  private static String payPath(String facility, String ledger) {
    return "/storedge/v1/" + facility + "/ledgers/" + ledger + "/make_payment";
  }

  private static HttpResponse<String> pay(String facility, String ledger, String payment, String method)
      throws Exception {
    return signed("POST", payPath(facility, ledger), "{\"payment\":" + payment + ",\"payment_method\":" + method + "}");
  }

  private static JsonNode control(String ledger) throws Exception {
    return JSON.readTree(send("GET", "/sandbox/storedge/ledgers/" + ledger, null, null).body());
  }

  private static final String ADDRESS = "\"billing_address_attributes\":{\"address1\":\"123 Main\",\"city\":"
      + "\"Somecity\",\"country\":\"US\",\"postal\":\"12345\",\"state\":\"AL\"}";
  private static final String STORED = "{\"payment_method_id\":\"pm-1\"}";

  private static String card(String number) {
    return "{" + ADDRESS + ",\"card_number\":\"" + number + "\",\"card_type\":\"visa\",\"expiration_date\":\"10/49\","
        + "\"first_name\":\"John\",\"kind\":\"credit_card\",\"last_name\":\"Doe\",\"reuseable\":\"true\","
        + "\"security_code\":\"123\"}";
  }

  private static String ach(String confirmation) {
    return "{" + ADDRESS + ",\"kind\":\"ach\",\"first_name\":\"John\",\"last_name\":\"Doe\",\"account_number\":"
        + "\"000123456789\",\"account_number_confirmation\":\"" + confirmation + "\",\"account_type\":\"checking\","
        + "\"bank_name\":\"First Bank\",\"routing_number\":\"011000015\"}";
  }

  private static JsonNode errorParams(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body()).at("/meta/errors");
  }

  @Test
  void aCustomPaymentWithAStoredMethodIsChargedAndTheWholeLedgerComesBack() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");

    HttpResponse<String> response = pay(FACILITY, ledger,
        "{\"kind\":\"custom\",\"amount\":\"5.0\",\"idempotency_key\":\"k-" + ledger + "\"}", STORED);

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/ledger/id").asText()).isEqualTo(ledger);
    assertThat(body.at("/ledger/current_account_balance").decimalValue()).isEqualByComparingTo("56.03");
    assertThat(body.at("/ledger/recent_payments/0/amount").decimalValue()).isEqualByComparingTo("-5.00");
    assertThat(body.at("/ledger/recent_payments/0/id").asText()).isNotBlank();
    assertThat(body.at("/ledger/recent_open_charges/0/amount_leftover").decimalValue()).isEqualByComparingTo("56.03");
    assertThat(body.at("/meta/status_code").asInt()).isEqualTo(200);
    assertThat(body.at("/meta/status_message").asText()).isEqualTo("OK");
    assertThat(body.at("/meta/request_id").asText()).isNotBlank();
    assertThat(body.at("/meta/parameters/payment/amount").asText()).isEqualTo("5.0");
    assertThat(body.at("/meta/parameters/ledger_id").asText()).isEqualTo(ledger);
    assertThat(body.at("/meta/parameters/facility_id").asText()).isEqualTo(FACILITY);
    JsonNode readBack = JSON.readTree(signed("GET", "/storedge/v1/" + FACILITY + "/ledgers/" + ledger, null).body());
    assertThat(readBack.at("/ledger/recent_payments/0/id")).isEqualTo(body.at("/ledger/recent_payments/0/id"));
    assertThat(control(ledger).at("/charges/0/amount").decimalValue()).isEqualByComparingTo("5.00");
  }

  @Test
  void aCustomAmountAboveTheBalanceIsRefusedAndNothingIsCharged() throws Exception {
    String ledger = ledger(FACILITY, "10.00", "12.00");

    HttpResponse<String> response = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"10.01\"}", STORED);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).at("/meta/error_code").asText()).isEqualTo("InvalidParameters");
    assertThat(errorParams(response).get(0).path("param").asText()).isEqualTo("payment[amount]");
    assertThat(control(ledger).path("payments")).isEmpty();
  }

  @Test
  void aFacilityWithoutPartialPaymentsRefusesCustomWithAccessDeniedButTakesTheBalance() throws Exception {
    String ledger = ledger(NO_PARTIAL_FACILITY, "95.00", "95.00");

    HttpResponse<String> custom = pay(NO_PARTIAL_FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}", STORED);
    assertThat(custom.statusCode()).isEqualTo(403);
    JsonNode error = JSON.readTree(custom.body()).path("meta");
    assertThat(error.path("error_code").asText()).isEqualTo("AccessDenied");
    assertThat(error.path("status_code").asInt()).isEqualTo(403);
    assertThat(error.path("status_message").asText()).isEqualTo("Forbidden");
    assertThat(control(ledger).path("payments")).isEmpty();

    HttpResponse<String> balance = pay(NO_PARTIAL_FACILITY, ledger, "{\"kind\":\"balance\"}", STORED);
    assertThat(balance.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(balance.body()).at("/ledger/recent_payments/0/amount").decimalValue())
        .isEqualByComparingTo("-95.00");
  }

  @Test
  void aBalancePaymentPaysTheCurrentBalanceAndIgnoresAnAmount() throws Exception {
    String ledger = ledger(FACILITY, "42.50", "12.00");

    JsonNode body = JSON.readTree(pay(FACILITY, ledger, "{\"kind\":\"balance\",\"amount\":\"1.00\"}", STORED).body());

    assertThat(body.at("/ledger/recent_payments/0/amount").decimalValue()).isEqualByComparingTo("-42.50");
    assertThat(body.at("/ledger/current_account_balance").decimalValue()).isEqualByComparingTo("0");
    assertThat(pay(FACILITY, ledger, "{\"kind\":\"balance\"}", STORED).statusCode()).isEqualTo(422);
  }

  @Test
  void aPrepaymentPaysTheUnpaidBalancePlusTheMonthsRentAndMovesPaidThrough() throws Exception {
    String ledger = ledger(FACILITY, "10.00", "12.00");

    HttpResponse<String> response = pay(FACILITY, ledger, "{\"kind\":\"prepay\",\"months\":\"3\"}", STORED);

    JsonNode body = JSON.readTree(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.at("/ledger/recent_payments/0/amount").decimalValue()).isEqualByComparingTo("-46.00");
    assertThat(body.at("/ledger/current_prepay_balance").decimalValue()).isEqualByComparingTo("36.00");
    assertThat(body.at("/ledger/paid_through").asText()).isEqualTo("2024-04-09");
    assertThat(pay(FACILITY, ledger, "{\"kind\":\"prepay\"}", STORED).statusCode()).isEqualTo(422);
    assertThat(pay(FACILITY, ledger, "{\"kind\":\"prepay\",\"months\":\"13\"}", STORED).statusCode()).isEqualTo(422);
  }

  @Test
  void theSameIdempotencyKeyReturnsTheSamePaymentAndChargesOnce() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");
    String payment = "{\"kind\":\"custom\",\"amount\":\"5.00\",\"idempotency_key\":\"posting-idem-" + ledger + "\"}";

    JsonNode first = JSON.readTree(pay(FACILITY, ledger, payment, card(CARD)).body());
    JsonNode second = JSON.readTree(pay(FACILITY, ledger, payment, card(CARD)).body());

    assertThat(second.at("/ledger/recent_payments/0/id")).isEqualTo(first.at("/ledger/recent_payments/0/id"));
    assertThat(second.at("/ledger/recent_payments").size()).isEqualTo(1);
    assertThat(second.at("/ledger/current_account_balance").decimalValue()).isEqualByComparingTo("56.03");
    JsonNode control = control(ledger);
    assertThat(control.path("payments")).hasSize(1);
    assertThat(control.at("/payments/0/idempotency_key").asText()).isEqualTo("posting-idem-" + ledger);
  }

  @Test
  void aNewCardIsChargedAndItsNumberAndCodeAreFilteredEverywhere() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");

    HttpResponse<String> response = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}", card(CARD));

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.at("/meta/parameters/payment_method/card_number").asText()).isEqualTo("[FILTERED]");
    assertThat(body.at("/meta/parameters/payment_method/security_code").asText()).isEqualTo("[FILTERED]");
    assertThat(body.at("/meta/parameters/payment_method/card_type").asText()).isEqualTo("visa");
    assertThat(body.at("/meta/parameters/payment_method/expiration_date").asText()).isEqualTo("10/49");
    assertThat(body.at("/ledger/recent_payments/0/description").asText()).isEqualTo("Visa ****1111");
    assertThat(response.body()).doesNotContain(CARD).doesNotContain("\"123\"");
    assertThat(send("GET", "/sandbox/storedge/ledgers/" + ledger, null, null).body()).doesNotContain(CARD);
  }

  @Test
  void aNewCardNeedsEveryCardField() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");
    String incomplete = "{" + ADDRESS + ",\"kind\":\"credit_card\",\"first_name\":\"John\",\"last_name\":\"Doe\"}";

    HttpResponse<String> response = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}", incomplete);

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(errorParams(response)).extracting(e -> e.path("param").asText()).containsExactlyInAnyOrder(
        "payment_method[card_number]", "payment_method[card_type]", "payment_method[security_code]",
        "payment_method[expiration_date]");
    HttpResponse<String> badType = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}",
        card(CARD).replace("\"visa\"", "\"maestro\"").replace("10/49", "13/49"));
    assertThat(errorParams(badType)).extracting(e -> e.path("param").asText()).containsExactlyInAnyOrder(
        "payment_method[card_type]", "payment_method[expiration_date]");
    assertThat(badType.body()).doesNotContain(CARD);
    HttpResponse<String> noAddress = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}",
        card(CARD).replace(ADDRESS + ",", ""));
    assertThat(errorParams(noAddress)).extracting(e -> e.path("param").asText())
        .containsExactly("payment_method[billing_address_attributes]");
    HttpResponse<String> nameless = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}",
        card(CARD).replace("\"first_name\":\"John\",", ""));
    assertThat(errorParams(nameless)).extracting(e -> e.path("param").asText())
        .containsExactly("payment_method[first_name]");
    HttpResponse<String> swipe = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}",
        "{" + ADDRESS + ",\"kind\":\"card_swipe\",\"first_name\":\"John\",\"last_name\":\"Doe\"}");
    assertThat(errorParams(swipe)).extracting(e -> e.path("param").asText())
        .containsExactly("payment_method[magnetic_track]");
    assertThat(control(ledger).path("payments")).isEmpty();
  }

  @Test
  void aDeclinedCardIsRefusedAndNothingIsCharged() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");

    HttpResponse<String> response = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}",
        card("4000000000000002"));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(response.body()).at("/meta/error_code").asText()).isEqualTo("PaymentDeclined");
    assertThat(response.body()).doesNotContain("4000000000000002");
    assertThat(control(ledger).path("payments")).isEmpty();
  }

  @Test
  void achNeedsItsFieldsAndAMatchingConfirmationAndFiltersTheAccountNumber() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");
    String payment = "{\"kind\":\"custom\",\"amount\":\"7.25\"}";

    HttpResponse<String> mismatch = pay(FACILITY, ledger, payment, ach("000123456780"));
    assertThat(mismatch.statusCode()).isEqualTo(422);
    assertThat(errorParams(mismatch)).extracting(e -> e.path("param").asText())
        .containsExactly("payment_method[account_number_confirmation]");
    assertThat(mismatch.body()).doesNotContain("000123456789");
    HttpResponse<String> missing = pay(FACILITY, ledger, payment,
        "{" + ADDRESS + ",\"kind\":\"ach\",\"first_name\":\"John\",\"last_name\":\"Doe\"}");
    assertThat(errorParams(missing)).extracting(e -> e.path("param").asText()).containsExactlyInAnyOrder(
        "payment_method[account_number]", "payment_method[account_number_confirmation]",
        "payment_method[account_type]", "payment_method[bank_name]", "payment_method[routing_number]");

    HttpResponse<String> ok = pay(FACILITY, ledger, payment, ach("000123456789"));
    assertThat(ok.statusCode()).isEqualTo(200);
    JsonNode body = JSON.readTree(ok.body());
    assertThat(body.at("/meta/parameters/payment_method/account_number").asText()).isEqualTo("[FILTERED]");
    assertThat(body.at("/meta/parameters/payment_method/account_number_confirmation").asText())
        .isEqualTo("[FILTERED]");
    assertThat(body.at("/meta/parameters/payment_method/routing_number").asText()).isEqualTo("011000015");
    assertThat(body.at("/ledger/recent_payments/0/description").asText()).isEqualTo("ACH ****6789");
    assertThat(ok.body()).doesNotContain("000123456789");
  }

  @Test
  void checkAndCashNeedTheirFieldsAndMoveNoCardMoney() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");
    String payment = "{\"kind\":\"custom\",\"amount\":\"20.00\"}";
    String checkBase = "{" + ADDRESS + ",\"kind\":\"check\",\"first_name\":\"John\",\"last_name\":\"Doe\"";

    assertThat(errorParams(pay(FACILITY, ledger, payment, checkBase + "}"))).extracting(e -> e.path("param").asText())
        .containsExactlyInAnyOrder("payment_method[check_number]", "payment_method[name_on_check]",
            "payment_method[check_amount]");
    assertThat(pay(FACILITY, ledger, payment, checkBase
        + ",\"check_number\":\"1001\",\"name_on_check\":\"John Doe\",\"check_amount\":\"19.00\"}").statusCode())
        .isEqualTo(422);
    HttpResponse<String> check = pay(FACILITY, ledger, payment, checkBase
        + ",\"check_number\":\"1001\",\"name_on_check\":\"John Doe\",\"check_amount\":\"20.00\"}");
    assertThat(check.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(check.body()).at("/ledger/recent_payments/0/description").asText())
        .isEqualTo("Check #1001");

    String cashBase = "{" + ADDRESS + ",\"kind\":\"cash\",\"first_name\":\"John\",\"last_name\":\"Doe\"";
    assertThat(errorParams(pay(FACILITY, ledger, payment, cashBase + "}"))).extracting(e -> e.path("param").asText())
        .containsExactly("payment_method[amount_tendered]");
    assertThat(pay(FACILITY, ledger, payment, cashBase + ",\"amount_tendered\":\"20.00\"}").statusCode())
        .isEqualTo(200);

    JsonNode control = control(ledger);
    assertThat(control.path("payments")).hasSize(2);
    assertThat(control.path("charges")).isEmpty();
    assertThat(control.path("balance").decimalValue()).isEqualByComparingTo("21.03");
  }

  @Test
  void anUnknownLedgerOrAMissingKindIsAnErrorInStoredgesShape() throws Exception {
    HttpResponse<String> unknown = pay(FACILITY, "no-such-ledger", "{\"kind\":\"balance\"}", STORED);
    assertThat(unknown.statusCode()).isEqualTo(404);
    JsonNode meta = JSON.readTree(unknown.body()).path("meta");
    assertThat(meta.path("status_code").asInt()).isEqualTo(404);
    assertThat(meta.path("error_code").asText()).isEqualTo("NotFound");
    String ledger = ledger(FACILITY, "61.03", "12.00");
    assertThat(errorParams(pay(FACILITY, ledger, "{\"amount\":\"1.00\"}", STORED)).get(0).path("param").asText())
        .isEqualTo("payment[kind]");
    assertThat(pay(FACILITY, ledger, "{\"kind\":\"balance\"}", "{\"payment_method_id\":\"pm-unknown\"}")
        .statusCode()).isEqualTo(422);
  }

  @Test
  void aFaultAfterTheChargeAnswers500ButThePaymentIsMade() throws Exception {
    String ledger = ledger(FACILITY, "61.03", "12.00");
    send("POST", "/sandbox/storedge/faults?next=ERROR_AFTER_CHARGE", null, null);

    HttpResponse<String> response = pay(FACILITY, ledger, "{\"kind\":\"custom\",\"amount\":\"5.00\"}", STORED);

    assertThat(response.statusCode()).isEqualTo(500);
    assertThat(JSON.readTree(response.body()).at("/meta/status_code").asInt()).isEqualTo(500);
    assertThat(control(ledger).path("payments")).hasSize(1);
  }

  @Test
  void oauthSignedWithTheRightKeyAndSecretPassesAndAnythingElseIs401() throws Exception {
    String path = "/storedge/v1/" + FACILITY + "/ledgers/795bcfcd-20d7-4168-93be-10e83e76678e";
    String url = base + path;
    assertThat(send("GET", path, SIGNER.authorization("GET", url), null).statusCode()).isEqualTo(200);

    String good = SIGNER.authorization("GET", url);
    String tampered = good.replaceFirst("oauth_signature=\"[^\"]*\"", "oauth_signature=\"AAAA%3D\"");
    long now = System.currentTimeMillis() / 1000;
    String[] refused = {
        null,
        "Bearer whatever",
        tampered,
        new TestSigner(KEY, "wrong-secret").authorization("GET", url),
        new TestSigner("unknown-key", SECRET).authorization("GET", url),
        new TestSigner(KEY, SECRET, now - 3600, null).authorization("GET", url),
        // signed for another URL (the query is covered by the signature)
        new TestSigner(KEY, SECRET).authorization("GET", url + "?x=1"),
        new TestSigner(KEY, SECRET).authorization("POST", url),
    };
    for (String authorization : refused) {
      HttpResponse<String> response = send("GET", path, authorization, null);
      assertThat(response.statusCode()).as(String.valueOf(authorization)).isEqualTo(401);
      JsonNode meta = JSON.readTree(response.body()).path("meta");
      assertThat(meta.path("status_code").asInt()).isEqualTo(401);
      assertThat(meta.path("error_code").asText()).isEqualTo("Unauthorized");
    }
  }

  @Test
  void aReplayedNonceIs401() throws Exception {
    String path = "/storedge/v1/" + FACILITY + "/ledgers/795bcfcd-20d7-4168-93be-10e83e76678e";
    String authorization = new TestSigner(KEY, SECRET, 0, "nonce-" + UUID.randomUUID())
        .authorization("GET", base + path);

    assertThat(send("GET", path, authorization, null).statusCode()).isEqualTo(200);
    HttpResponse<String> replay = send("GET", path, authorization, null);
    assertThat(replay.statusCode()).isEqualTo(401);
    assertThat(JSON.readTree(replay.body()).at("/meta/error_message").asText()).contains("nonce");
  }

  @Test
  void theSignatureCoversQueryAndOauthParametersButNotTheJsonBody() throws Exception {
    // Signed by hand per RFC 5849 3.4 (independently of ScribeJava), to prove the verifier follows the RFC.
    String path = "/storedge/v1/" + FACILITY + "/ledgers/795bcfcd-20d7-4168-93be-10e83e76678e";
    String timestamp = String.valueOf(System.currentTimeMillis() / 1000);
    String nonce = "hand" + UUID.randomUUID().toString().replace("-", "");
    String params = "a=b%20c&oauth_consumer_key=" + KEY + "&oauth_nonce=" + nonce
        + "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=" + timestamp + "&oauth_version=1.0";
    String baseString = "GET&" + encode(base + path) + "&" + encode(params);
    Mac mac = Mac.getInstance("HmacSHA1");
    mac.init(new SecretKeySpec((SECRET + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
    String signature = Base64.getEncoder().encodeToString(mac.doFinal(baseString.getBytes(StandardCharsets.UTF_8)));
    String header = "OAuth oauth_consumer_key=\"" + KEY + "\", oauth_nonce=\"" + nonce
        + "\", oauth_signature=\"" + encode(signature) + "\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\""
        + timestamp + "\", oauth_version=\"1.0\"";

    assertThat(send("GET", path + "?a=b%20c", header, "{\"ignored\":\"body\"}").statusCode()).isEqualTo(200);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }
}
