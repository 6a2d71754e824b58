package dev.postings.sandbox.acquaint;

import static dev.postings.sandbox.acquaint.AcquaintSandboxTest.call;
import static dev.postings.sandbox.acquaint.AcquaintSandboxTest.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import java.net.URI;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two agencies in the sandbox as configured for the local stack (sandbox.yml): each site prefix has its own database,
 * so one agency's key neither sees nor pays what is in the other's.
 */
class AcquaintAgenciesSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String DEV = "{\"apiKey\":\"dev-acquaint-key\",\"sitePrefix\":\"DEV\"}";
  private static final String NORTH = "{\"apiKey\":\"dev-acquaint-north-key\",\"sitePrefix\":\"NORTH\"}";

  private static ConfigurableApplicationContext sandbox;
  private static URI base;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0");
    base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static JsonNode body(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static HttpResponse<String> rentsOfTenancy(String token, long tenancyId) throws Exception {
    return call(base, "POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay", token,
        "{\"tenancyId\":" + tenancyId + ",\"includeReceived\":true}");
  }

  private static HttpResponse<String> payCharge(String token, long chargeId) throws Exception {
    return call(base, "POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        AcquaintSandboxTest.SEED_003.replace("\"chargeId\": 1", "\"chargeId\": " + chargeId)
            .replace("4.1", "80.00"));
  }

  @Test
  void aKeyOnlySignsInToItsOwnSite() throws Exception {
    HttpResponse<String> crossed = call(base, "POST", "/acquaint/v1/auth", null,
        "{\"apiKey\":\"dev-acquaint-key\",\"sitePrefix\":\"NORTH\"}");
    assertThat(crossed.statusCode()).isEqualTo(401);
  }

  @Test
  void eachAgencySeesOnlyItsOwnRentItems() throws Exception {
    String dev = token(base, DEV);
    String north = token(base, NORTH);

    assertThat(body(rentsOfTenancy(north, 601)).findValuesAsText("Id")).containsExactly("5201", "5202");
    assertThat(body(rentsOfTenancy(dev, 601))).isEmpty();
    assertThat(body(rentsOfTenancy(dev, 301)).findValuesAsText("Id")).contains("5001");
    assertThat(body(rentsOfTenancy(north, 301))).isEmpty();
  }

  @Test
  void aChargeOfTheOtherAgencyIsNotFoundAndItsTransactionsStayItsOwn() throws Exception {
    String dev = token(base, DEV);
    String north = token(base, NORTH);

    HttpResponse<String> refused = payCharge(dev, 7201);
    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(body(refused).at("/ModelState/request.ChargeId/0").asText()).isNotBlank();

    HttpResponse<String> paid = payCharge(north, 7201);
    assertThat(paid.statusCode()).isEqualTo(200);
    long transactionId = body(paid).path("transactionId").asLong();
    assertThat(call(base, "GET", "/acquaint/17.0/database/transactions/" + transactionId, north, null).statusCode())
        .isEqualTo(200);
    // the same id in the first agency's database is another transaction, or none: never the second agency's
    HttpResponse<String> fromDev = call(base, "GET", "/acquaint/17.0/database/transactions/" + transactionId, dev,
        null);
    if (fromDev.statusCode() == 200) {
      assertThat(body(fromDev).path("Credit").decimalValue()).isNotEqualByComparingTo("80.00");
    } else {
      assertThat(fromDev.statusCode()).isEqualTo(404);
    }

    JsonNode northLedger = body(call(base, "GET", "/sandbox/acquaint/ledger?site=NORTH", null, null));
    assertThat(northLedger.path("site").asText()).isEqualTo("NORTH");
    assertThat(northLedger.path("charges").findValuesAsText("Id")).containsExactly("7201");
    JsonNode devLedger = body(call(base, "GET", "/sandbox/acquaint/ledger", null, null));
    assertThat(devLedger.path("charges").findValuesAsText("Id")).doesNotContain("7201").contains("7001");
    assertThat(call(base, "GET", "/sandbox/acquaint/ledger?site=SOUTH", null, null).statusCode()).isEqualTo(404);
  }
}
