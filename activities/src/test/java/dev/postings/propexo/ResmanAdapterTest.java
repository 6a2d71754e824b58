package dev.postings.propexo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPaymentMatch;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.ResidentPaymentSearch;
import dev.postings.workflow.propexo.ResmanPayment;
import dev.postings.workflow.propexo.SyncedPaymentMatches;
import dev.postings.workflow.propexo.SyncedPaymentWatch;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The ResMan half of the Propexo adapter against the sandbox, over real HTTP: submit, job, approval, sync, match. */
class ResmanAdapterTest {

  private static final String TOKEN = "test-propexo-token";
  private static final Duration SYNC = Duration.ofHours(12);
  private static final Instant DATE = Instant.parse("2024-06-15T14:45:00Z");

  private static ConfigurableApplicationContext sandbox;
  private static SandboxClock clock;
  private static URI baseUrl;
  private static PropexoAdapter adapter;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=" + TOKEN,
        "--sandbox.propexo.job-pending-for=10s",
        "--sandbox.propexo.resman.auto-approve-after=0s",
        "--sandbox.propexo.resman.sync-interval=" + SYNC,
        "--sandbox.propexo.rate-limit.requests-per-minute=10000",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s");
    clock = sandbox.getBean(SandboxClock.class);
    baseUrl = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    adapter = new PropexoAdapter(
        new PropexoSettings(new ProviderConnection(baseUrl, Duration.ofSeconds(2), Duration.ofSeconds(10),
            RequestPacing.Settings.UNPACED), TOKEN, 2, 10), new ObjectMapper());
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static ResmanPayment payment(String resident, String batch, String reference, String paymentType) {
    return new ResmanPayment("intg_rm", resident, paymentType, batch, DATE, "June rent", "posted by payments",
        125_000, reference);
  }

  private static SyncedPaymentWatch watchFor(String resident, String reference) {
    return new SyncedPaymentWatch(
        new ResidentPaymentSearch("intg_rm", resident, null, DATE.minus(Duration.ofDays(3)),
            DATE.plus(Duration.ofDays(3))),
        new ResidentPaymentMatch(reference, 125_000, LocalDate.of(2024, 6, 15), clock.instant().minusSeconds(60)));
  }

  private static void approve(String batch) throws Exception {
    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
            baseUrl.resolve("/sandbox/resman/partner-transactions/" + batch + "/approve"))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).isEqualTo(200);
  }

  @Test
  void theRecordIsFoundOnlyAfterApprovalAndTheNextSync() throws Exception {
    String resident = "res_" + UUID.randomUUID().toString().substring(0, 8);
    SyncedPaymentWatch watch = watchFor(resident, "RM-1");
    PropexoJob job = adapter.submitResmanPayment(payment(resident, "posting-a1", "RM-1", "Credit Card"));
    clock.advance(Duration.ofSeconds(11));

    WriteStatus status = adapter.awaitWriteStatus(job);
    assertThat(status.status()).isEqualTo("SUCCESS");
    assertThat(status.createdRecordId()).as("ResMan never returns the record id").isNull();
    assertThatThrownBy(() -> adapter.awaitSyncedResidentPayment(watch))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureKind.RECORD_NOT_SYNCED.name());
          assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
          assertThat(failure.isNonRetryable()).isFalse();
        });

    approve("posting-a1");
    assertThatThrownBy(() -> adapter.awaitSyncedResidentPayment(watch)).as("approved, not yet synced")
        .isInstanceOf(ApplicationFailure.class);
    clock.advance(SYNC);

    SyncedPaymentMatches found = adapter.awaitSyncedResidentPayment(watch);
    assertThat(found.recordIds()).hasSize(1);
    assertThat(adapter.readResidentPayment(new ResidentPaymentRef(found.recordIds().get(0))).payment()
        .referenceNumber()).isEqualTo("RM-1");
  }

  @Test
  void aResendWithTheSameBatchIdFailsAsADuplicate() {
    String resident = "res_" + UUID.randomUUID().toString().substring(0, 8);
    adapter.submitResmanPayment(payment(resident, "posting-d1", "RM-D", "Check"));
    PropexoJob resent = adapter.submitResmanPayment(payment(resident, "posting-d1", "RM-D", "Check"));
    clock.advance(Duration.ofSeconds(11));

    WriteStatus status = adapter.awaitWriteStatus(resent);

    assertThat(status.status()).isEqualTo("FAILURE");
    assertThat(status.errors()).containsExactly("Failed to write resident transaction: Duplicate transaction ID");
  }

  @Test
  void aPaymentTypeResmanDoesNotKnowIsRejected() {
    assertThatThrownBy(() -> adapter.submitResmanPayment(payment("res_x", "posting-x", "RM-X", "CHECK")))
        .isInstanceOfSatisfying(ApplicationFailure.class, failure -> {
          assertThat(failure.getType()).isEqualTo(FailureKind.REJECTED.name());
          assertThat(failure.getOriginalMessage()).contains("payment_type");
        });
  }
}
