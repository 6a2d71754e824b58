package dev.postings.propexo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.PropertywarePayment;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.ResidentPaymentSearch;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Propexo adapter against the Propexo sandbox, over real HTTP. */
class PropexoAdapterTest {

  private static final String TOKEN = "test-propexo-token";
  private static final Duration PENDING = Duration.ofMinutes(30);
  private static final ObjectMapper JSON = new ObjectMapper();

  private static ConfigurableApplicationContext sandbox;
  private static SandboxClock clock;
  private static URI baseUrl;
  private static PropexoAdapter adapter;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=" + TOKEN,
        "--sandbox.propexo.job-pending-for=" + PENDING.toSeconds() + "s",
        "--sandbox.propexo.rate-limit.requests-per-minute=10000",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s");
    clock = sandbox.getBean(SandboxClock.class);
    baseUrl = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    adapter = adapterWith(baseUrl, TOKEN, 2);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  static PropexoAdapter adapterWith(URI url, String token, int pageSize) {
    return new PropexoAdapter(
        new PropexoSettings(new ProviderConnection(url, Duration.ofSeconds(2), Duration.ofSeconds(10),
            RequestPacing.Settings.UNPACED), token, pageSize, 10), JSON);
  }

  private static PropertywarePayment payment(String residentId, String reference, String paymentType) {
    return new PropertywarePayment("intg_1", "lease_1", residentId, "fa_1", 125_000,
        Instant.parse("2024-01-15T09:30:00Z"), paymentType, reference, "January rent");
  }

  private static String newResident() {
    return "res_" + UUID.randomUUID().toString().substring(0, 8);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an ApplicationFailure");
  }

  @Test
  void aPaymentIsAJobThatStaysPendingThenBecomesARecordThatReadsBack() {
    String resident = newResident();
    PropexoJob job = adapter.submitPropertywarePayment(payment(resident, "CHK-1", "CHECK"));

    ApplicationFailure pending = failureOf(() -> adapter.awaitWriteStatus(job));
    assertThat(pending.getType()).isEqualTo(FailureKind.JOB_PENDING.name());
    assertThat(pending.isNonRetryable()).isFalse();

    clock.advance(PENDING);
    WriteStatus status = adapter.awaitWriteStatus(job);
    assertThat(status.status()).isEqualTo("SUCCESS");
    assertThat(status.createdRecordId()).startsWith("rp_");

    ResidentPaymentLookup lookup = adapter.readResidentPayment(new ResidentPaymentRef(status.createdRecordId()));
    assertThat(lookup.found()).isTrue();
    assertThat(lookup.payment().amountInCents()).isEqualTo(125_000);
    assertThat(lookup.payment().referenceNumber()).isEqualTo("CHK-1");
    assertThat(lookup.payment().residentId()).isEqualTo(resident);
    assertThat(lookup.payment().transactionDate()).isEqualTo("2024-01-15T09:30:00Z");
  }

  /** Over HTTP: the settled job and the read of the record it created, in one activity's calls. */
  @Test
  void aSettledJobComesWithItsCreatedRecordReadBack() {
    String resident = newResident();
    PropexoJob job = adapter.submitPropertywarePayment(payment(resident, "CHK-RB", "CHECK"));
    assertThat(failureOf(() -> adapter.awaitWriteStatusAndReadRecord(job)).getType())
        .isEqualTo(FailureKind.JOB_PENDING.name());

    clock.advance(PENDING);
    dev.postings.workflow.propexo.SettledJob settled = adapter.awaitWriteStatusAndReadRecord(job);

    assertThat(settled.status().status()).isEqualTo("SUCCESS");
    assertThat(settled.createdRecord().id()).isEqualTo(settled.status().createdRecordId());
    assertThat(settled.createdRecord().payment().referenceNumber()).isEqualTo("CHK-RB");
    assertThat(settled.createdRecord().payment().amountInCents()).isEqualTo(125_000);
  }

  @Test
  void theBodyIsSeed000FieldForField() throws Exception {
    JsonNode body = JSON.valueToTree(PropertywarePaymentBody.of(payment("res_1", "CHK20240115001", "CHECK")));
    assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("integration_id", "lease_id",
        "resident_id", "financial_account_id", "amount_in_cents", "transaction_date", "payment_type",
        "reference_number", "description");
    assertThat(body.get("amount_in_cents").isIntegralNumber()).isTrue();
    assertThat(body.get("transaction_date").asText()).isEqualTo("2024-01-15T09:30:00Z");

    PropertywarePayment noDescription = new PropertywarePayment("intg_1", "lease_1", "res_1", "fa_1", 1,
        Instant.parse("2024-01-15T09:30:00Z"), "CASH", "R1", null);
    assertThat(JSON.valueToTree(PropertywarePaymentBody.of(noDescription)).has("description")).isFalse();
  }

  @Test
  void everyDocumentedPaymentTypeIsAcceptedAndOthersAreRejected() {
    for (String type : List.of("CHECK", "CHECK21", "CASHIERS_CHECK", "CREDIT_CARD", "CASH", "MONEY_ORDER", "OTHER",
        "CLICKPAY", "SECTION8", "EPAY", "ECHECK", "NACHA", "RENTMONEY", "PUBLIC_ASSISTANCE")) {
      assertThat(adapter.submitPropertywarePayment(payment(newResident(), "T-" + type, type)).jobId())
          .startsWith("job_");
    }
    ApplicationFailure rejected =
        failureOf(() -> adapter.submitPropertywarePayment(payment(newResident(), "T-X", "Credit Card")));
    assertThat(rejected.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(rejected.isNonRetryable()).isTrue();
    assertThat(rejected.getOriginalMessage()).contains("400", "invalid_request", "payment_type", "Invalid enum value");
  }

  @Test
  void theSandboxRefusesUnknownFieldsAndWrongTypesInPropexosErrorShape() throws Exception {
    String body = "{\"integration_id\":\"i\",\"lease_id\":\"l\",\"resident_id\":\"r\",\"financial_account_id\":\"f\","
        + "\"amount_in_cents\":12.5,\"transaction_date\":\"2024-13-45\",\"payment_type\":\"CHECK\","
        + "\"reference_number\":\"R\",\"foo\":1}";
    HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            baseUrl.resolve("/v1/resident-payments/propertyware_rest/"))
        .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode error = JSON.readTree(response.body()).get("error");
    assertThat(error.get("code").asText()).isEqualTo("invalid_request");
    assertThat(error.at("/details/issues").findValuesAsText("code"))
        .containsExactlyInAnyOrder("invalid_type", "invalid_string", "unrecognized_keys");
  }

  @Test
  void aJobForARefusedResidentFailsWithThePmsErrors() {
    PropexoJob job = adapter.submitPropertywarePayment(payment("res_refused", "CHK-R", "CHECK"));
    clock.advance(PENDING);

    WriteStatus status = adapter.awaitWriteStatus(job);

    assertThat(status.status()).isEqualTo("FAILURE");
    assertThat(status.createdRecordId()).isNull();
    assertThat(status.errors()).singleElement().asString().contains("ResidentNotActive", "res_refused");
  }

  @Test
  void searchesEveryPageOfAResidentsPaymentsInTheDateWindow() {
    String resident = newResident();
    for (String reference : List.of("A", "B", "C")) {
      adapter.submitPropertywarePayment(payment(resident, reference, "CASH"));
    }
    PropertywarePayment outside = new PropertywarePayment("intg_1", "lease_1", resident, "fa_1", 1,
        Instant.parse("2023-06-01T00:00:00Z"), "CASH", "OLD", null);
    adapter.submitPropertywarePayment(outside);
    clock.advance(PENDING);

    List<ResidentPayment> found = adapter.findResidentPayments(new ResidentPaymentSearch("intg_1", resident,
        "lease_1", Instant.parse("2024-01-14T00:00:00Z"), Instant.parse("2024-01-16T00:00:00Z")));

    // page size 2: three matches take two pages; the payment outside the window is not returned
    assertThat(found).extracting(ResidentPayment::referenceNumber).containsExactlyInAnyOrder("A", "B", "C");
  }

  @Test
  void aMissingRecordIsNotFoundRatherThanAFailure() {
    assertThat(adapter.readResidentPayment(new ResidentPaymentRef("rp_does_not_exist")).found()).isFalse();
  }

  @Test
  void aWrongTokenIsRefusedCredentials() {
    ApplicationFailure refused = failureOf(() -> adapterWith(baseUrl, "not-the-token", 100)
        .submitPropertywarePayment(payment(newResident(), "CHK-T", "CHECK")));
    assertThat(refused.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(refused.isNonRetryable()).isFalse();
  }

  @Test
  void aConnectionRefusedMeansNotSent() throws Exception {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ApplicationFailure notSent = failureOf(() -> adapterWith(URI.create("http://127.0.0.1:" + closedPort), TOKEN, 100)
        .submitPropertywarePayment(payment(newResident(), "CHK-N", "CHECK")));
    assertThat(notSent.getType()).isEqualTo(FailureKind.NOT_SENT.name());
  }
}
