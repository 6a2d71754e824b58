package dev.postings.sandbox.acquaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Acquaint sandbox's own contract (docs/providers/acquaint.md#endpoints), over HTTP. */
class AcquaintSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String AUTH = "{\"apiKey\":\"key-1\",\"sitePrefix\":\"SITE1\"}";

  /** Acquaint's sample body for tenant payments, verbatim (docs/providers/acquaint.md#tenant-payments). */
  static final String SEED_002 = """
      {
        "bankAccountId": 1,
        "receivedDate": "2026-03-13T12:39",
        "paymentMethodId": 3,
        "payAdvancedRentToLandlord": true,
        "payments": [
          {
            "id": 1,
            "receivedDate": "2026-03-13T12:39",
            "receivedAmount": 3.0,
            "landlordId": 4,
            "referenceChequeNo": "sample string 5",
            "receivedFromContactId": 6
          },
          {
            "id": 1,
            "receivedDate": "2026-03-13T12:39",
            "receivedAmount": 3.0,
            "landlordId": 4,
            "referenceChequeNo": "sample string 5",
            "receivedFromContactId": 6
          }
        ]
      }""";

  /**
   * Acquaint's sample body for receive payment for charge, verbatim
   * (docs/providers/acquaint.md#receive-payment-for-charge).
   */
  static final String SEED_003 = """
      {
        "chargeId": 1,
        "dateReceived": "2026-01-27T09:57",
        "paymentMethodId": 3,
        "amountReceived": 4.1,
        "paymentReference": "sample string 5",
        "receivedFromContactId": 6,
        "landlordStatementNotes": "sample string 7",
        "bankAccount": 8,
        "payAdvanceRentToLandlordNow": true
      }""";

  private static ConfigurableApplicationContext sandbox;
  private static URI base;
  private static SandboxClock clock;
  private static AcquaintLedger ledger;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.acquaint.credentials=SITE1:key-1",
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000");
    base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    clock = sandbox.getBean(SandboxClock.class);
    ledger = sandbox.getBean(AcquaintLedger.class);
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  static HttpResponse<String> call(URI base, String method, String path, String token, String body)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    return call(base, method, path, token, body);
  }

  static String token(URI base, String auth) throws Exception {
    HttpResponse<String> response = call(base, "POST", "/acquaint/v1/auth", null, auth);
    assertThat(response.statusCode()).isEqualTo(200);
    return JSON.readTree(response.body()).path("token").asText();
  }

  private static String token() throws Exception {
    return token(base, AUTH);
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static JsonNode rentItem(String token, long tenancyId, long id) throws Exception {
    JsonNode items = body(call("POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token,
        "{\"tenancyId\":" + tenancyId + ",\"includeReceived\":true}"));
    for (JsonNode item : items) {
      if (item.path("Id").asLong() == id) {
        return item;
      }
    }
    return null;
  }

  @Test
  void authIssuesAnHs256JwtValidOneHourAndRefusesAWrongKey() throws Exception {
    HttpResponse<String> wrong = call("POST", "/acquaint/v1/auth", null, AUTH.replace("key-1", "key-2"));
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(body(wrong).path("Message").asText()).isNotBlank();
    HttpResponse<String> missing = call("POST", "/acquaint/v1/auth", null, "{\"apiKey\":\"key-1\"}");
    assertThat(missing.statusCode()).isEqualTo(400);
    assertThat(body(missing).path("ModelState").has("request.SitePrefix")).isTrue();

    HttpResponse<String> ok = call("POST", "/acquaint/v1/auth", null, AUTH);
    assertThat(ok.statusCode()).isEqualTo(200);
    assertThat(body(ok).path("expiresIn").asLong()).isEqualTo(3600);
    String[] jwt = body(ok).path("token").asText().split("\\.");
    assertThat(jwt).hasSize(3);
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jwt[0]));
    JsonNode claims = JSON.readTree(Base64.getUrlDecoder().decode(jwt[1]));
    assertThat(header.path("alg").asText()).isEqualTo("HS256");
    assertThat(claims.path("exp").asLong() - claims.path("iat").asLong()).isEqualTo(3600);
    assertThat(claims.path("exp").asLong()).isGreaterThan(clock.millis() / 1000);
    assertThat(claims.path("sub").asText()).isEqualTo("SITE1");
  }

  @Test
  void every17CallNeedsAValidUnexpiredUnrevokedBearer() throws Exception {
    String path = "/acquaint/17.0/database/transactions/1";
    String token = token();
    assertThat(call("GET", path, token, null).statusCode()).isEqualTo(404);
    assertThat(call("GET", path, null, null).statusCode()).isEqualTo(401);
    HttpResponse<String> forged = call("GET", path, token.substring(0, token.length() - 2) + "xx", null);
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(body(forged).path("Message").asText()).isEqualTo("Authorization has been denied for this request.");

    clock.advance(Duration.ofMinutes(59));
    assertThat(call("GET", path, token, null).statusCode()).isEqualTo(404);
    clock.advance(Duration.ofMinutes(1));
    assertThat(call("GET", path, token, null).statusCode()).isEqualTo(401);

    String fresh = token();
    assertThat(call("GET", path, fresh, null).statusCode()).isEqualTo(404);
    assertThat(call("POST", "/sandbox/acquaint/tokens/revoke", null, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", path, fresh, null).statusCode()).isEqualTo(401);
  }

  @Test
  void seed002PaysRentItemsAndAnswersFalseForAnUnknownOrFullyPaidItem() throws Exception {
    String token = token();
    HttpResponse<String> unknown = call("POST", "/acquaint/17.0/app/tenancy/tenantpayments", token, SEED_002);
    assertThat(unknown.statusCode()).isEqualTo(200);
    assertThat(unknown.body()).isEqualTo("false");

    long item = ledger.addRentItem(900, 6L, new BigDecimal("6.00"), "2026-03-01T00:00");
    HttpResponse<String> paid = call("POST", "/acquaint/17.0/app/tenancy/tenantpayments", token,
        SEED_002.replace("\"id\": 1", "\"id\": " + item));
    assertThat(paid.body()).isEqualTo("true");
    JsonNode read = rentItem(token, 900, item);
    assertThat(read.path("Received").decimalValue()).isEqualByComparingTo("6.00");
    assertThat(read.path("ReferenceChequeNo").asText()).isEqualTo("sample string 5");
    assertThat(read.path("ReceivedDate").asText()).startsWith("2026-03-13T12:39");
    // fully received items are only listed on request
    assertThat(body(call("POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token, "{\"tenancyId\":900}")))
        .isEmpty();

    HttpResponse<String> again = call("POST", "/acquaint/17.0/app/tenancy/tenantpayments", token,
        SEED_002.replace("\"id\": 1", "\"id\": " + item));
    assertThat(again.body()).isEqualTo("false");
    assertThat(rentItem(token, 900, item).path("Received").decimalValue()).isEqualByComparingTo("6.00");
  }

  @Test
  void seed003PaysAChargeAndAnAmountAboveTheBalanceBecomesAnOverpayment() throws Exception {
    String token = token();
    long charge = ledger.addCharge(901, new BigDecimal("4.10"), "Keys");
    HttpResponse<String> exact = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        SEED_003.replace("\"chargeId\": 1", "\"chargeId\": " + charge));
    assertThat(exact.statusCode()).isEqualTo(200);
    assertThat(body(exact).path("overpaymentTransactionId").asLong()).isZero();
    JsonNode transaction = body(call("GET", "/acquaint/17.0/database/transactions/"
        + body(exact).path("transactionId").asLong(), token, null));
    assertThat(transaction.path("Credit").decimalValue()).isEqualByComparingTo("4.10");
    assertThat(transaction.path("Debit").decimalValue()).isEqualByComparingTo("0");
    assertThat(transaction.path("PaymentMethodID").asLong()).isEqualTo(3);
    assertThat(transaction.path("BankAccountID").asLong()).isEqualTo(8);
    assertThat(transaction.path("TenancyID").asLong()).isEqualTo(901);
    assertThat(transaction.path("ChargeID").asLong()).isEqualTo(charge);
    assertThat(transaction.path("Reference").asText()).isEqualTo("sample string 5");
    assertThat(transaction.path("StatementNotes").asText()).isEqualTo("sample string 7");
    assertThat(transaction.path("Status").asText()).isEqualTo("Posted");

    HttpResponse<String> nothingOutstanding = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge",
        token, SEED_003.replace("\"chargeId\": 1", "\"chargeId\": " + charge));
    assertThat(nothingOutstanding.statusCode()).isEqualTo(400);
    assertThat(body(nothingOutstanding).at("/ModelState/request.ChargeId/0").asText()).contains("no outstanding");

    long second = ledger.addCharge(901, new BigDecimal("10.00"), "Cleaning");
    JsonNode over = body(call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        SEED_003.replace("\"chargeId\": 1", "\"chargeId\": " + second).replace("4.1", "12.55")));
    long overpayment = over.path("overpaymentTransactionId").asLong();
    assertThat(overpayment).isPositive();
    assertThat(body(call("GET", "/acquaint/17.0/database/transactions/" + over.path("transactionId").asLong(), token,
        null)).path("Credit").decimalValue()).isEqualByComparingTo("10.00");
    JsonNode overpaid = body(call("GET", "/acquaint/17.0/database/transactions/" + overpayment, token, null));
    assertThat(overpaid.path("Credit").decimalValue()).isEqualByComparingTo("2.55");
    assertThat(overpaid.path("Type").asText()).isEqualTo("Overpayment");
    assertThat(body(call("GET", "/acquaint/17.0/database/transactions?chargeId=" + second, token, null))).hasSize(2);
  }

  @Test
  void amountsWithMoreThanTwoDecimalPlacesAreRefusedNamingTheField() throws Exception {
    String token = token();
    long charge = ledger.addCharge(902, new BigDecimal("100.00"), "Fee");
    HttpResponse<String> charged = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        SEED_003.replace("\"chargeId\": 1", "\"chargeId\": " + charge).replace("4.1", "4.105"));
    assertThat(charged.statusCode()).isEqualTo(400);
    assertThat(body(charged).path("Message").asText()).isEqualTo("The request is invalid.");
    assertThat(body(charged).path("ModelState").has("request.AmountReceived")).isTrue();

    long item = ledger.addRentItem(902, null, new BigDecimal("100.00"), null);
    HttpResponse<String> rent = call("POST", "/acquaint/17.0/app/tenancy/tenantpayments", token,
        SEED_002.replace("\"id\": 1", "\"id\": " + item).replaceFirst("3\\.0", "3.001"));
    assertThat(rent.statusCode()).isEqualTo(400);
    assertThat(body(rent).path("ModelState").has("request.Payments[0].ReceivedAmount")).isTrue();
    assertThat(rentItem(token, 902, item).path("Received").decimalValue()).isEqualByComparingTo("0");
  }

  @Test
  void fieldNamesBindCaseInsensitivelyAsInAspNet() throws Exception {
    String token = token();
    long charge = ledger.addCharge(903, new BigDecimal("19.99"), "Fee");
    String pascal = "{\"ChargeId\":" + charge + ",\"DATERECEIVED\":\"2026-03-13T12:39\",\"PaymentMethodId\":3,"
        + "\"AmountReceived\":19.99,\"paymentreference\":\"R-1\",\"BankAccount\":8,\"SomethingElse\":1}";
    HttpResponse<String> response = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        pascal);
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode transaction = body(call("GET", "/acquaint/17.0/database/transactions/"
        + body(response).path("transactionId").asLong(), token, null));
    assertThat(transaction.path("Credit").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(transaction.path("Reference").asText()).isEqualTo("R-1");
  }

  @Test
  void errorsComeInAspNetShapes() throws Exception {
    String token = token();
    HttpResponse<String> malformed = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        "{\"chargeId\":");
    assertThat(malformed.statusCode()).isEqualTo(400);
    assertThat(body(malformed).has("ModelState")).isTrue();

    HttpResponse<String> empty = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token, "{}");
    assertThat(body(empty).path("ModelState").fieldNames()).toIterable().contains("request.ChargeId",
        "request.DateReceived", "request.PaymentMethodId", "request.AmountReceived", "request.BankAccount");

    HttpResponse<String> unknownCharge = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        SEED_003.replace("\"chargeId\": 1", "\"chargeId\": 999999"));
    assertThat(body(unknownCharge).at("/ModelState/request.ChargeId/0").asText()).contains("does not exist");

    HttpResponse<String> missing = call("GET", "/acquaint/17.0/database/transactions/424242", token, null);
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(body(missing).path("Message").asText()).contains("424242");

    long charge = ledger.addCharge(904, new BigDecimal("50.00"), "Fee");
    HttpResponse<String> lost = call("POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        SEED_003.replace("\"chargeId\": 1", "\"chargeId\": " + charge).replace("sample string 5", "LOST-1"));
    assertThat(lost.statusCode()).isEqualTo(500);
    assertThat(body(lost).path("Message").asText()).isEqualTo("An error has occurred.");
    // the write landed although the answer says otherwise: what a client must find by reading back
    assertThat(body(call("GET", "/acquaint/17.0/database/transactions?chargeId=" + charge, token, null)))
        .extracting(t -> t.path("Reference").asText()).containsExactly("LOST-1");
  }

  @Test
  void theDefaultFixturesAreListedByTenancyOrContact() throws Exception {
    String token = token();
    JsonNode byTenancy = body(call("POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token,
        "{\"TenancyId\":301}"));
    assertThat(byTenancy.findValuesAsText("Id")).contains("5001", "5002").doesNotContain("5003");
    JsonNode byContact = body(call("POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token,
        "{\"contactId\":402}"));
    assertThat(byContact.findValuesAsText("Id")).contains("5101");
    assertThat(call("POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token, "{}").statusCode())
        .isEqualTo(400);
    JsonNode inspected = body(call("GET", "/sandbox/acquaint/ledger", null, null));
    assertThat(inspected.path("charges").findValuesAsText("Id")).contains("7001", "7002");
  }

  @Test
  void eachEndpointAllowsItsRequestsPerMinutePerKeyThen429WithRetryAfter() throws Exception {
    ConfigurableApplicationContext limited = SandboxApplication.start("--server.port=0",
        "--sandbox.acquaint.credentials=SITE1:key-1,SITE2:key-2", "--sandbox.acquaint.rate-limit.requests-per-minute=3");
    try {
      URI limitedBase = URI.create("http://127.0.0.1:" + limited.getEnvironment().getProperty("local.server.port"));
      SandboxClock limitedClock = limited.getBean(SandboxClock.class);
      // start at the beginning of a minute window, so the window cannot roll over during the test
      limitedClock.advance(Duration.ofMillis(60_000 - limitedClock.millis() % 60_000));
      String token = token(limitedBase, AUTH);
      for (int i = 0; i < 3; i++) {
        assertThat(call(limitedBase, "GET", "/acquaint/17.0/database/transactions/" + (i + 1), token, null)
            .statusCode()).isEqualTo(404);
      }
      HttpResponse<String> limitedCall = call(limitedBase, "GET", "/acquaint/17.0/database/transactions/77", token,
          null);
      assertThat(limitedCall.statusCode()).isEqualTo(429);
      assertThat(limitedCall.headers().firstValue("Retry-After")).hasValueSatisfying(seconds ->
          assertThat(Long.parseLong(seconds)).isBetween(1L, 60L));
      assertThat(body(limitedCall).path("Message").asText()).contains("quota");
      // another endpoint, and another key on the same endpoint, have their own limits
      assertThat(call(limitedBase, "POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token,
          "{\"tenancyId\":301}").statusCode()).isEqualTo(200);
      String otherKey = token(limitedBase, "{\"apiKey\":\"key-2\",\"sitePrefix\":\"SITE2\"}");
      assertThat(call(limitedBase, "GET", "/acquaint/17.0/database/transactions/1", otherKey, null).statusCode())
          .isEqualTo(404);

      limitedClock.advance(Duration.ofMinutes(1));
      assertThat(call(limitedBase, "GET", "/acquaint/17.0/database/transactions/1", token, null).statusCode())
          .isEqualTo(404);
    } finally {
      limited.close();
    }
  }
}
