package dev.postings.sandbox.propexo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Propexo sandbox's own contract, as Propexo documents it. */
class PropexoSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext sandbox;
  private static URI base;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.propexo.tokens=tok",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s", "--sandbox.propexo.rate-limit.requests-per-minute=10000",
        "--sandbox.propexo.job-pending-for=10s");
    base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json");
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String payment(String resident, String reference, String date) {
    return "{\"integration_id\":\"intg_1\",\"lease_id\":\"lease_1\",\"resident_id\":\"" + resident + "\","
        + "\"financial_account_id\":\"fa_1\",\"amount_in_cents\":100,\"transaction_date\":\"" + date + "\","
        + "\"payment_type\":\"CASH\",\"reference_number\":\"" + reference + "\"}";
  }

  @Test
  void withoutAKnownBearerTokenEveryCallIs401InPropexosErrorShape() throws Exception {
    for (String token : new String[] {null, "wrong"}) {
      HttpResponse<String> response = call("GET", "/v1/resident-payments/", token, null);
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(JSON.readTree(response.body()).at("/error/code").asText()).isEqualTo("unauthorized");
    }
  }

  @Test
  void thePostEchoesTheRequestWithAJobId() throws Exception {
    HttpResponse<String> response = call("POST", "/v1/resident-payments/propertyware_rest/", "tok",
        payment("res_echo", "E1", "2024-01-15"));
    JsonNode body = JSON.readTree(response.body());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(body.at("/meta/job_id").asText()).startsWith("job_");
    assertThat(body.at("/result/reference_number").asText()).isEqualTo("E1");
    assertThat(JSON.readTree(call("GET", "/v1/admin/write-status/" + body.at("/meta/job_id").asText(), "tok", null)
        .body()).path("write_status").asText()).isEqualTo("PENDING");
  }

  @Test
  void unknownFieldsPassOnlyWithIgnoreUnknownFields() throws Exception {
    String withExtra = payment("res_x", "X1", "2024-01-15").replace("}", ",\"foo\":1}");
    assertThat(call("POST", "/v1/resident-payments/propertyware_rest/", "tok", withExtra).statusCode())
        .isEqualTo(400);
    assertThat(call("POST", "/v1/resident-payments/propertyware_rest/?ignore_unknown_fields=true", "tok", withExtra)
        .statusCode()).isEqualTo(200);
  }

  @Test
  void limitIsOneTo250AndAnUnknownJobIs404() throws Exception {
    assertThat(call("GET", "/v1/resident-payments/?limit=0", "tok", null).statusCode()).isEqualTo(400);
    assertThat(call("GET", "/v1/resident-payments/?limit=251", "tok", null).statusCode()).isEqualTo(400);
    assertThat(call("GET", "/v1/resident-payments/?limit=250", "tok", null).statusCode()).isEqualTo(200);
    assertThat(call("GET", "/v1/admin/write-status/job_nope", "tok", null).statusCode()).isEqualTo(404);
  }

  @Test
  void aDateOnlyWindowIsInclusiveOfWholeDaysAndResultsFollowOrderBy() throws Exception {
    call("POST", "/v1/resident-payments/propertyware_rest/", "tok", payment("res_w", "W1", "2024-03-01T00:00:00Z"));
    call("POST", "/v1/resident-payments/propertyware_rest/", "tok", payment("res_w", "W2", "2024-03-02T23:59:59Z"));
    call("POST", "/v1/resident-payments/propertyware_rest/", "tok", payment("res_w", "W3", "2024-03-03T00:00:00Z"));
    sandbox.getBean(SandboxClock.class).advance(Duration.ofSeconds(11));

    JsonNode page = JSON.readTree(call("GET", "/v1/resident-payments/?resident_id=res_w"
        + "&transaction_date_start=2024-03-01&transaction_date_end=2024-03-02&order-by=transaction_date:asc",
        "tok", null).body());

    assertThat(page.path("results").findValuesAsText("reference_number")).containsExactly("W1", "W2");
    assertThat(page.at("/meta/total").asInt()).isEqualTo(2);
    assertThat(page.at("/meta/hasMore").asBoolean()).isFalse();
  }
}
