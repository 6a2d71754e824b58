package dev.postings.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.verifyNoInteractions;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.acquaint.AcquaintSettings;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.propexo.PropexoSettings;
import dev.postings.providers.CallTally;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.RequestPacing;
import dev.postings.reconciliation.LedgerPayment;
import dev.postings.reconciliation.LedgerScope;
import dev.postings.reconciliation.PostingOnRecord;
import dev.postings.reconciliation.Reconciliation;
import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import dev.postings.sandbox.acquaint.AcquaintLedger;
import dev.postings.sandbox.propexo.PropexoLedger;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The reconciliation's ledger reads over HTTP against the sandbox: Propexo's day of one integration, paged and nothing
 * else; Acquaint's charge payments by their transaction. Then what the PMS's people did is found by the comparison.
 */
class ProviderLedgersTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "ledger-test-token";
  private static final String KEY = "ledger-test-key";
  private static final LocalDate DAY = LocalDate.parse("2026-12-03");

  private static ConfigurableApplicationContext sandbox;
  private static PropexoLedger propexoLedger;
  private static AcquaintLedger acquaintLedger;
  private static ProviderLedgers ledgers;
  private static AcquaintAdapter acquaint;
  private static StoredgeActivities storedge;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.propexo.tokens=" + TOKEN,
        "--sandbox.propexo.rate-limit.requests-per-minute=10000", "--sandbox.propexo.rate-limit.slowdown-delay=0s",
        "--sandbox.acquaint.credentials=TEST:" + KEY, "--sandbox.acquaint.rate-limit.requests-per-minute=10000");
    propexoLedger = sandbox.getBean(PropexoLedger.class);
    acquaintLedger = sandbox.getBean(AcquaintLedger.class);
    URI base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    ProviderConnection connection = new ProviderConnection(base, Duration.ofSeconds(2), Duration.ofSeconds(10),
        RequestPacing.Settings.UNPACED);
    // two a page, so that a day of five payments takes three reads
    PropexoAdapter propexo = new PropexoAdapter(new PropexoSettings(connection, TOKEN, 2, 10), JSON);
    acquaint = new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(base.resolve("/acquaint"),
        Duration.ofSeconds(2), Duration.ofSeconds(10), RequestPacing.Settings.UNPACED), KEY, "TEST",
        Duration.ofMinutes(2)), JSON, sandbox.getBean(SandboxClock.class));
    storedge = mock(StoredgeActivities.class);
    ledgers = new ProviderLedgers(propexo, acquaint, storedge, 3);
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static String keyedIn(String integration, String day, long cents, String reference) {
    ObjectNode body = JSON.createObjectNode()
        .put("integration_id", integration).put("resident_id", "res_1").put("lease_id", "lease_1")
        .put("amount_in_cents", cents).put("reference_number", reference).put("transaction_date", day)
        .put("payment_type", "Check");
    return (String) propexoLedger.addByHand("propertyware", body).get("id");
  }

  private static PostingOnRecord confirmed(String postingId, String recordId, long amount, String reference,
      LedgerScope scope) {
    return new PostingOnRecord(postingId, "CONFIRMED", recordId, amount, reference, scope.wire());
  }

  private static List<String> notMatched(List<ReconciliationItem> items) {
    List<String> found = new ArrayList<>();
    items.stream().filter(item -> item.outcome() != dev.postings.reconciliation.ReconciliationOutcome.MATCHED)
        .forEach(item -> found.add(item.outcome() + " " + item.postingId() + " " + item.recordId()));
    return found;
  }

  @Test
  void propexoIsReadAPageAtATimeForTheIntegrationsDayAndNothingElse() {
    LedgerScope scope = new LedgerScope(LedgerScope.Kind.PROPEXO_INTEGRATION, "intg_recon", null);
    List<PostingOnRecord> postings = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      String id = keyedIn("intg_recon", DAY.toString(), 1_000 + i, "RECON-" + i);
      ids.add(id);
      postings.add(confirmed("p-" + i, id, 1_000 + i, "RECON-" + i, scope));
    }
    String nextDay = keyedIn("intg_recon", DAY.plusDays(1).toString(), 999, "RECON-1");
    String otherIntegration = keyedIn("intg_other", DAY.toString(), 999, "RECON-2");
    // a posting still on its way is compared with nothing
    postings.add(new PostingOnRecord("p-pending", "AWAITING_JOB", null, 5_000, "RECON-6", scope.wire()));

    CallTally.Counted<List<LedgerPayment>> read = CallTally.counting(() -> ledgers.read(postings, DAY));
    assertThat(read.result()).extracting(LedgerPayment::recordId).containsExactlyInAnyOrderElementsOf(ids)
        .doesNotContain(nextDay, otherIntegration);
    assertThat(read.calls()).as("5 payments, 2 a page").isEqualTo(3);
    assertThat(notMatched(Reconciliation.compare(postings, read.result()))).containsExactly("PENDING p-pending null");

    // the PMS's people: one payment deleted, one amount edited, one keyed in with one of the day's references
    propexoLedger.deleteByHand(ids.get(0));
    propexoLedger.changeAmountByHand(ids.get(1), 1);
    String stranger = keyedIn("intg_recon", DAY.toString(), 4_200, "RECON-3");
    List<ReconciliationItem> items = Reconciliation.compare(postings, ledgers.read(postings, DAY));
    assertThat(notMatched(items)).containsExactlyInAnyOrder("MISSING p-1 " + ids.get(0), "CHANGED p-2 " + ids.get(1),
        "UNEXPECTED null " + stranger, "PENDING p-pending null");
    verifyNoInteractions(storedge);
  }

  @Test
  void acquaintChargePaymentsAreReadByTheirTransactionOneReadEach() {
    LedgerScope scope = new LedgerScope(LedgerScope.Kind.ACQUAINT_CHARGE, "0", null);
    List<PostingOnRecord> postings = new ArrayList<>();
    List<Long> transactions = new ArrayList<>();
    for (int i = 1; i <= 3; i++) {
      long charge = acquaintLedger.addCharge(301, new BigDecimal("20.00"), "Keys " + i);
      long transaction = acquaint.payCharge(new ChargePayment(charge, Instant.parse("2026-12-03T10:00:00Z"), 3,
          2_000, "CHG-" + i, null, null, 1, false)).transactionId();
      transactions.add(transaction);
      postings.add(confirmed("c-" + i, String.valueOf(transaction), 2_000, "CHG-" + i,
          new LedgerScope(LedgerScope.Kind.ACQUAINT_CHARGE, String.valueOf(charge), null)));
    }
    // not confirmed: no transaction to read
    postings.add(new PostingOnRecord("c-pending", "PARKED", null, 2_000, "CHG-4", scope.wire()));

    CallTally.Counted<List<LedgerPayment>> read = CallTally.counting(() -> ledgers.read(postings, DAY));
    assertThat(read.calls()).as("one read per confirmed charge payment").isEqualTo(3);
    assertThat(read.result()).extracting(LedgerPayment::amountMinor).containsOnly(2_000L);
    assertThat(notMatched(Reconciliation.compare(postings, read.result()))).containsExactly("PENDING c-pending null");

    acquaintLedger.deleteByHand(transactions.get(0));
    acquaintLedger.changeAmountByHand(transactions.get(1), new BigDecimal("19.99"));
    assertThat(notMatched(Reconciliation.compare(postings, ledgers.read(postings, DAY)))).containsExactlyInAnyOrder(
        "MISSING c-1 " + transactions.get(0), "CHANGED c-2 " + transactions.get(1), "PENDING c-pending null");
  }

  @Test
  void aReadRefusedForTheRateLimitWaitsForItsSlotAndIsSentAgainWithinItsBound() {
    StoredgeActivities limited = mock(StoredgeActivities.class);
    ApplicationFailure noSlot = ProviderFailures.failure(FailureKind.RATE_LIMITED, "no slot", Duration.ofMillis(20),
        null);
    StoredgeLedger ledger = new StoredgeLedger("ledger-1", 0, 5_000, null,
        List.of(new StoredgeLedgerPayment("pay-1", -5_000, "Payment", "2026-12-03")));
    when(limited.readLedger(any())).thenThrow(noSlot, noSlot).thenReturn(ledger);
    LedgerScope scope = new LedgerScope(LedgerScope.Kind.STOREDGE_LEDGER, "facility-1", "ledger-1");
    List<PostingOnRecord> postings = List.of(confirmed("s-1", "pay-1", 5_000, "SE-1", scope));

    List<LedgerPayment> read = new ProviderLedgers(mock(PropexoActivities.class), acquaint, limited, 3)
        .read(postings, DAY);
    assertThat(read).containsExactly(new LedgerPayment("pay-1", 5_000, null));
    verify(limited, times(3)).readLedger(any());

    // past its bound the run fails with the provider's refusal, for Temporal to retry later
    StoredgeActivities alwaysLimited = mock(StoredgeActivities.class);
    when(alwaysLimited.readLedger(any())).thenThrow(noSlot);
    assertThatThrownBy(() -> new ProviderLedgers(mock(PropexoActivities.class), acquaint, alwaysLimited, 3)
        .read(postings, DAY)).isSameAs(noSlot);
    verify(alwaysLimited, times(4)).readLedger(any());
  }
}
