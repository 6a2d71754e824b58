package dev.postings.propexo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentCharge;
import dev.postings.workflow.propexo.ResidentChargeRecord;
import dev.postings.workflow.propexo.ResidentChargeSearch;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The offsetting resident charge, Propexo's reversal of a payment, through the adapter and the sandbox over HTTP:
 * {@code POST /v1/resident-charges/} answers a job (shape {@code {"job_id", "data"}}), the job names the charge, and
 * the charge is listed with the reference that finds it again.
 */
class ResidentChargeAdapterTest {

  private static final String TOKEN = "test-propexo-token";
  private static final Duration PENDING = Duration.ofSeconds(30);

  private static ConfigurableApplicationContext sandbox;
  private static SandboxClock clock;
  private static PropexoAdapter adapter;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=" + TOKEN,
        "--sandbox.propexo.job-pending-for=" + PENDING.toSeconds() + "s",
        "--sandbox.propexo.rate-limit.requests-per-minute=10000",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s");
    clock = sandbox.getBean(SandboxClock.class);
    URI baseUrl = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    adapter = PropexoAdapterTest.adapterWith(baseUrl, TOKEN, 2);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @Test
  void anOffsettingChargeIsAJobThatNamesTheChargeWhichIsThenListedByItsReference() {
    PropexoJob job = adapter.submitResidentCharge(new ResidentCharge("intg_1", "lease_1", "res_rc", 12_500,
        Instant.parse("2026-11-21T10:00:00Z"), "Reversal of payment rp_1: returned", "REV-rp_1", "reversal-p1"));

    assertThatThrownBy(() -> adapter.awaitWriteStatus(job))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            pending -> assertThat(pending.getType()).isEqualTo(FailureKind.JOB_PENDING.name()));
    clock.advance(PENDING.plusSeconds(1));
    WriteStatus status = adapter.awaitWriteStatus(job);
    assertThat(status.status()).isEqualTo(WriteStatus.SUCCESS);
    assertThat(status.createdRecordId()).startsWith("rc_");

    // three more charges, so the listing pages (page size 2)
    for (int i = 0; i < 3; i++) {
      adapter.submitResidentCharge(new ResidentCharge("intg_1", null, "res_rc", 100 + i,
          Instant.parse("2026-11-21T10:00:00Z"), "other", "OTHER-" + i, "b-" + i));
    }
    clock.advance(PENDING.plusSeconds(1));
    List<ResidentChargeRecord> charges = adapter.findResidentCharges(new ResidentChargeSearch("intg_1", "res_rc"));

    assertThat(charges).hasSize(4);
    assertThat(charges).contains(new ResidentChargeRecord(status.createdRecordId(), 12_500L, "REV-rp_1"));
    assertThat(adapter.findResidentCharges(new ResidentChargeSearch("intg_1", "res_other"))).isEmpty();
  }

  @Test
  void aChargeWithoutAnAmountIsRefusedAsInvalid() {
    assertThatThrownBy(() -> adapter.submitResidentCharge(new ResidentCharge("intg_1", null, null, 0,
        Instant.parse("2026-11-21T10:00:00Z"), "x", "REV-x", "b")))
        .isInstanceOfSatisfying(ApplicationFailure.class,
            refused -> assertThat(refused.getType()).isEqualTo(FailureKind.REJECTED.name()));
  }
}
