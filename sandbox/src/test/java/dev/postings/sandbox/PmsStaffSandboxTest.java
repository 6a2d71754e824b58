package dev.postings.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What a PMS's staff do by hand, through the sandbox's control endpoints: delete a payment, change its amount, key in
 * one of their own. The provider APIs then answer with the edited ledger, as a reconciliation would read it.
 */
class PmsStaffSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext sandbox;
  private static String base;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0");
    base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static HttpResponse<String> call(String method, String path, String body, String... headers)
      throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    for (int i = 0; i < headers.length; i += 2) {
      request.header(headers[i], headers[i + 1]);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode json(HttpResponse<String> response) throws Exception {
    return JSON.readTree(response.body());
  }

  private static JsonNode propexoPayment(String id) throws Exception {
    return json(call("GET", "/v1/resident-payments/" + id, null, "Authorization", "Bearer dev-propexo-token"));
  }

  @Test
  void propexoStaffKeyInEditAndDeleteResidentPayments() throws Exception {
    HttpResponse<String> added = call("POST", "/sandbox/propexo/resident-payments", """
        {"vendor":"PROPERTYWARE_REST","integration_id":"intg_1","resident_id":"res_1","lease_id":"lease_1",
         "amount_in_cents":12500,"reference_number":"CHK-BYHAND","transaction_date":"2026-12-04",
         "payment_type":"CHECK"}""");
    assertThat(added.statusCode()).isEqualTo(200);
    String id = json(added).path("id").asText();
    assertThat(propexoPayment(id).path("results").path("reference_number").asText()).isEqualTo("CHK-BYHAND");

    HttpResponse<String> changed = call("PATCH", "/sandbox/propexo/resident-payments/" + id,
        "{\"amount_in_cents\":9900}");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(propexoPayment(id).path("results").path("amount_in_cents").asLong()).isEqualTo(9900);

    assertThat(call("DELETE", "/sandbox/propexo/resident-payments/" + id, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/v1/resident-payments/" + id, null, "Authorization", "Bearer dev-propexo-token")
        .statusCode()).isEqualTo(404);
    assertThat(call("DELETE", "/sandbox/propexo/resident-payments/" + id, null).statusCode()).isEqualTo(404);
    assertThat(call("PATCH", "/sandbox/propexo/resident-payments/" + id, "{\"amount_in_cents\":\"x\"}").statusCode())
        .isEqualTo(400);
  }

  @Test
  void acquaintStaffKeyInEditAndDeleteReceiptsAndTheChargeFollows() throws Exception {
    String token = json(call("POST", "/acquaint/v1/auth", "{\"apiKey\":\"dev-acquaint-key\",\"sitePrefix\":\"DEV\"}"))
        .path("token").asText();
    long charge = json(call("POST", "/sandbox/acquaint/charges",
        "{\"tenancyId\":301,\"amount\":\"40.00\",\"description\":\"Fob\"}")).path("Id").asLong();

    JsonNode receipt = json(call("POST", "/sandbox/acquaint/transactions",
        "{\"tenancyId\":301,\"chargeId\":" + charge + ",\"credit\":\"40.00\",\"reference\":\"FOB-1\"}"));
    long id = receipt.path("Id").asLong();
    JsonNode read = json(call("GET", "/acquaint/17.0/database/transactions/" + id, null,
        "Authorization", "Bearer " + token));
    assertThat(read.path("Credit").decimalValue()).isEqualByComparingTo("40.00");
    assertThat(outstanding(charge)).isEqualByComparingTo("0.00");

    call("PATCH", "/sandbox/acquaint/transactions/" + id, "{\"credit\":\"25.00\"}");
    assertThat(json(call("GET", "/acquaint/17.0/database/transactions/" + id, null, "Authorization",
        "Bearer " + token)).path("Credit").decimalValue()).isEqualByComparingTo("25.00");
    assertThat(outstanding(charge)).isEqualByComparingTo("15.00");

    assertThat(call("DELETE", "/sandbox/acquaint/transactions/" + id, null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/acquaint/17.0/database/transactions/" + id, null, "Authorization", "Bearer " + token)
        .statusCode()).isEqualTo(404);
    assertThat(outstanding(charge)).isEqualByComparingTo("40.00");
  }

  private static java.math.BigDecimal outstanding(long charge) throws Exception {
    for (JsonNode row : json(call("GET", "/sandbox/acquaint/ledger", null)).path("charges")) {
      if (row.path("Id").asLong() == charge) {
        return row.path("Outstanding").decimalValue();
      }
    }
    throw new AssertionError("no charge " + charge);
  }

  @Test
  void storedgeStaffKeyInEditAndDeleteLedgerPayments() throws Exception {
    String ledger = "/sandbox/storedge/ledgers/2e4c6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d";
    JsonNode added = json(call("POST", ledger + "/payments", "{\"amount\":12.00,\"description\":\"Cash at desk\"}"));
    String id = added.path("id").asText();
    assertThat(json(call("GET", ledger, null)).path("payments").findValuesAsText("id")).contains(id);

    assertThat(json(call("PATCH", ledger + "/payments/" + id, "{\"amount\":10.50}")).path("amount").decimalValue())
        .isEqualByComparingTo("10.50");
    assertThat(call("PATCH", ledger + "/payments/" + id, "{\"amount\":-1}").statusCode()).isEqualTo(400);
    assertThat(call("DELETE", ledger + "/payments/" + id, null).statusCode()).isEqualTo(200);
    assertThat(json(call("GET", ledger, null)).path("payments").findValuesAsText("id")).doesNotContain(id);
    assertThat(call("DELETE", ledger + "/payments/" + id, null).statusCode()).isEqualTo(404);
  }
}
