package dev.postings.sandbox.storedge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two storage operators in the sandbox as configured for the local stack (sandbox.yml): each operator's access id and
 * secret reach its own facilities only; another operator's facility is answered as one that does not exist.
 */
class StoredgeOperatorsSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String MAIN_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String MAIN_LEDGER = "795bcfcd-20d7-4168-93be-10e83e76678e";
  private static final String SECOND_FACILITY = "5b2f8c1e-9d3a-4e6b-8f70-6a1c2d3e4f50";
  private static final String SECOND_LEDGER = "2e4c6a8b-1d3f-4a5b-9c7d-8e0f1a2b3c4d";
  private static final TestSigner MAIN = new TestSigner("dev-storedge-key", "dev-storedge-secret");
  private static final TestSigner SECOND = new TestSigner("dev-storedge-key-2", "dev-storedge-secret-2");

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

  private static HttpResponse<String> signed(TestSigner signer, String method, String path, String body)
      throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json")
        .header("Authorization", signer.authorization(method, base + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String ledgerPath(String facility, String ledger) {
    return "/storedge/v1/" + facility + "/ledgers/" + ledger;
  }

  @Test
  void eachOperatorReadsItsOwnLedgersAndNotTheOthers() throws Exception {
    assertThat(signed(MAIN, "GET", ledgerPath(MAIN_FACILITY, MAIN_LEDGER), null).statusCode()).isEqualTo(200);
    assertThat(signed(SECOND, "GET", ledgerPath(SECOND_FACILITY, SECOND_LEDGER), null).statusCode()).isEqualTo(200);

    HttpResponse<String> crossed = signed(SECOND, "GET", ledgerPath(MAIN_FACILITY, MAIN_LEDGER), null);
    assertThat(crossed.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(crossed.body()).at("/meta/error_code").asText()).isEqualTo("NotFound");
    assertThat(signed(MAIN, "GET", ledgerPath(SECOND_FACILITY, SECOND_LEDGER), null).statusCode()).isEqualTo(404);
  }

  @Test
  void anOperatorCannotPayIntoAnotherOperatorsLedger() throws Exception {
    String balance = "{\"payment\":{\"kind\":\"balance\"},\"payment_method\":{\"payment_method_id\":"
        + "\"9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d\"}}";
    HttpResponse<String> crossed = signed(MAIN, "POST", ledgerPath(SECOND_FACILITY, SECOND_LEDGER) + "/make_payment",
        balance.replace("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "4c3b2a19-8f7e-4d6c-9b5a-3f2e1d0c9b8a"));
    assertThat(crossed.statusCode()).isEqualTo(404);
    HttpResponse<String> ledger = signed(SECOND, "GET", ledgerPath(SECOND_FACILITY, SECOND_LEDGER), null);
    assertThat(JSON.readTree(ledger.body()).at("/ledger/current_account_balance").decimalValue())
        .isEqualByComparingTo("60.00");

    HttpResponse<String> own = signed(SECOND, "POST", ledgerPath(SECOND_FACILITY, SECOND_LEDGER) + "/make_payment",
        balance.replace("9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d", "4c3b2a19-8f7e-4d6c-9b5a-3f2e1d0c9b8a"));
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(own.body()).at("/ledger/current_account_balance").decimalValue())
        .isEqualByComparingTo("0.00");
  }

  @Test
  void aKeyWithTheOtherOperatorsSecretIsRefused() throws Exception {
    TestSigner mixed = new TestSigner("dev-storedge-key-2", "dev-storedge-secret");
    assertThat(signed(mixed, "GET", ledgerPath(SECOND_FACILITY, SECOND_LEDGER), null).statusCode()).isEqualTo(401);
  }
}
