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
 * {@code sandbox.acquaint.documented-fields-only}: the Acquaint sandbox answers what Acquaint's documents name and
 * nothing more, the stand-in for a real Acquaint that adapters must work against.
 */
class AcquaintDocumentedFieldsSandboxTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String AUTH = "{\"apiKey\":\"key-doc\",\"sitePrefix\":\"DOC\"}";

  private static ConfigurableApplicationContext sandbox;
  private static URI base;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.acquaint.credentials=DOC:key-doc",
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000", "--sandbox.acquaint.documented-fields-only=true");
    base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  @Test
  void aChargePaymentsTransactionReadsBackWithTheDocumentedFieldsOnly() throws Exception {
    String token = token(base, AUTH);
    HttpResponse<String> paid = call(base, "POST", "/acquaint/17.0/app/accounts/reveivepaymentforcharge", token,
        AcquaintSandboxTest.SEED_003.replace("\"chargeId\": 1", "\"chargeId\": 7001"));
    assertThat(paid.statusCode()).as(paid.body()).isEqualTo(200);
    long transactionId = JSON.readTree(paid.body()).path("transactionId").asLong();

    HttpResponse<String> read = call(base, "GET", "/acquaint/17.0/database/transactions/" + transactionId, token, null);

    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode transaction = JSON.readTree(read.body());
    assertThat(transaction.fieldNames()).toIterable().containsExactlyInAnyOrder("Debit", "Credit", "PaymentMethodID",
        "Notes", "StatementNotes", "BankAccountID", "TenancyID", "Status");
    assertThat(transaction.path("Credit").decimalValue()).isEqualByComparingTo("4.10");
  }

  @Test
  void theSearchOfAChargesTransactionsThatNoDocumentNamesDoesNotExist() throws Exception {
    HttpResponse<String> search = call(base, "GET", "/acquaint/17.0/database/transactions?chargeId=7001",
        token(base, AUTH), null);

    assertThat(search.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(search.body()).path("Message").asText()).contains("No HTTP resource was found");
  }

  @Test
  void rentItemsListTheDocumentedFieldsOnly() throws Exception {
    HttpResponse<String> items = call(base, "POST", "/acquaint/17.0/app/tenancy/retrievesrentstopay",
        token(base, AUTH), "{\"tenancyId\":301,\"includeReceived\":true}");

    assertThat(items.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(items.body())).isNotEmpty().allSatisfy(item -> assertThat(item.fieldNames())
        .toIterable().containsExactlyInAnyOrder("Id", "Due", "Received", "ReferenceChequeNo"));
  }
}
