package dev.postings.acquaint;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.sandbox.ledger.LedgerEntry;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.acquaint.AcquaintLedger;
import dev.postings.workflow.AcquaintPolicy;
import dev.postings.workflow.ParkingPolicy;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.PostingRegistryUpdates;
import dev.postings.workflow.PostingWorkflowImpl;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.RecordResolution;
import dev.postings.workflow.ResmanPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.StoredgePolicy;
import dev.postings.workflow.acquaint.TransactionLookup;
import dev.postings.workflow.acquaint.TransactionRef;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Postings against an Acquaint that answers only what Acquaint documents (the sandbox's
 * {@code documented-fields-only}): the posting workflow with the real adapter over HTTP. A charge payment is confirmed
 * on the transaction id the write answered and the amount credited (its read-back has no ChargeID and no Reference);
 * a tenant payment on the rent item's documented fields; and an unclear charge payment, which no documented call can
 * look up, waits for an operator and is never sent twice.
 */
class AcquaintDocumentedFieldsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WORKFLOW_QUEUE = "documented-postings";
  private static final String ACQUAINT_QUEUE = "documented-acquaint";
  private static final Instant RECEIVED = Instant.parse("2026-03-13T12:39:00Z");

  private static ConfigurableApplicationContext sandbox;
  private static AcquaintLedger ledger;
  private static AcquaintAdapter adapter;
  private static TestWorkflowEnvironment temporal;
  private static WorkflowClient client;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.acquaint.credentials=DOC:doc-key",
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000", "--sandbox.acquaint.documented-fields-only=true");
    ledger = sandbox.getBean(AcquaintLedger.class);
    URI base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port")
        + "/acquaint");
    adapter = new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(base, Duration.ofSeconds(1),
        Duration.ofSeconds(5), RequestPacing.Settings.UNPACED), "doc-key", "DOC", Duration.ofMinutes(5)), JSON,
        Clock.systemUTC());
    // the real clock: the sandbox runs on it too; every wait of the policy is a fraction of a second
    temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
        .build());
    temporal.registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    temporal.registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker postings = temporal.newWorker(WORKFLOW_QUEUE);
    postings.registerWorkflowImplementationTypes(PostingWorkflowImpl.class);
    postings.registerActivitiesImplementations(new PostingRegistryUpdates.Unrecorded());
    temporal.newWorker(ACQUAINT_QUEUE).registerActivitiesImplementations(adapter);
    temporal.start();
    client = temporal.getWorkflowClient();
  }

  @AfterAll
  static void stop() {
    temporal.close();
    sandbox.close();
  }

  @Test
  void aChargePaymentIsConfirmedOnTheTransactionIdTheWriteAnsweredAndTheAmountCredited() {
    long charge = ledger.addCharge(301, new BigDecimal("120.00"), "End of tenancy cleaning");
    String reference = "BACS-" + UUID.randomUUID().toString().substring(0, 8);

    PostingStatus status = settled(post(charge(charge, 12_000, reference)));

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    TransactionLookup readBack = adapter.readTransaction(new TransactionRef(Long.parseLong(
        status.providerRecordId())));
    // what the read-back had to go on: no charge, no reference, the amount
    assertThat(readBack.transaction().chargeId()).isNull();
    assertThat(readBack.transaction().reference()).isNull();
    assertThat(readBack.transaction().creditMinor()).isEqualTo(12_000);
    assertThat(entriesOf(reference)).hasSize(1);
  }

  @Test
  void aChargePaymentAboveTheBalanceIsConfirmedWithItsOverpaymentTransaction() {
    long charge = ledger.addCharge(301, new BigDecimal("45.50"), "Replacement keys");
    String reference = "BACS-" + UUID.randomUUID().toString().substring(0, 8);

    PostingStatus status = settled(post(charge(charge, 5_000, reference)));

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    assertThat(entriesOf(reference)).extracting(LedgerEntry::amountMinor).containsExactlyInAnyOrder(4_550L, 450L);
  }

  @Test
  void aTenantPaymentIsConfirmedOnTheRentItemsDocumentedFields() {
    long item = ledger.addRentItem(311, 411L, new BigDecimal("950.00"), "2026-03-01T00:00");
    String reference = "BACS-" + UUID.randomUUID().toString().substring(0, 8);
    PostingRequest rent = new PostingRequest("aq-doc-" + UUID.randomUUID(), Provider.ACQUAINT,
        new Money(95_000, "GBP"), RECEIVED, "3", reference, "March rent",
        new AcquaintRentTarget(item, 311L, 1L, 411L, 4L, false));

    PostingStatus status = settled(post(rent));

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    assertThat(entriesOf(reference)).hasSize(1);
  }

  @Test
  void anUnclearChargePaymentCannotBeLookedUpSoItWaitsForAnOperatorAndIsNeverSentTwice() {
    long charge = ledger.addCharge(301, new BigDecimal("30.00"), "Late payment fee");
    // the sandbox applies a payment with this prefix, then answers 500: the write's outcome is unknown
    String reference = "LOST-" + UUID.randomUUID().toString().substring(0, 8);
    PostingWorkflow posting = post(charge(charge, 3_000, reference));

    await().atMost(Duration.ofSeconds(30)).until(() -> posting.status().state() == PostingState.NEEDS_ATTENTION);
    assertThat(posting.status().lastError()).contains("offers no search of a charge's transactions");
    List<LedgerEntry> landed = entriesOf(reference);
    assertThat(landed).hasSize(1);

    // the operator finds it in Acquaint and names it: read back by id, on the documented fields
    PostingStatus resolved = posting.resolve(new RecordResolution(landed.get(0).id(), "found in Acquaint"));
    assertThat(resolved.state()).as(resolved.lastError()).isEqualTo(PostingState.CONFIRMED);
    assertThat(entriesOf(reference)).hasSize(1);
  }

  private static PostingRequest charge(long chargeId, long minor, String reference) {
    return new PostingRequest("aq-doc-" + UUID.randomUUID(), Provider.ACQUAINT, new Money(minor, "GBP"), RECEIVED,
        "3", reference, "Charge", new AcquaintChargeTarget(chargeId, 1L, 401L, false));
  }

  private static PostingWorkflow post(PostingRequest request) {
    PostingWorkflow posting = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.workflowId()).setTaskQueue(WORKFLOW_QUEUE).build());
    WorkflowClient.start(posting::post, new PostingOrder(request, policy()));
    return posting;
  }

  /** The posting's end state, or the operator task it waits in. */
  private static PostingStatus settled(PostingWorkflow posting) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      PostingState state = posting.status().state();
      return state == PostingState.CONFIRMED || state == PostingState.NEEDS_ATTENTION
          || state == PostingState.REJECTED;
    });
    return posting.status().state() == PostingState.NEEDS_ATTENTION ? posting.status()
        : WorkflowStub.fromTyped(posting).getResult(PostingStatus.class);
  }

  private static List<LedgerEntry> entriesOf(String reference) {
    return ledger.entries().stream().filter(entry -> reference.equals(entry.reference())).toList();
  }

  private static PostingPolicy policy() {
    RetrySchedule quick = new RetrySchedule(Duration.ofMillis(200), 1.5, Duration.ofSeconds(1));
    return new PostingPolicy(
        new PostingLimits(100_000_000L, Duration.ofDays(36500), 2000, 64, 50, 255),
        new PropexoPolicy("unused-propexo", Duration.ofSeconds(10), quick, 2, quick, 3, quick,
            Duration.ofMinutes(1), Duration.ofMillis(800), Duration.ofDays(3), Duration.ofMinutes(10)),
        new ParkingPolicy(Duration.ofMinutes(5), 2.0, Duration.ofMinutes(10)),
        new ResmanPolicy(Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofMillis(500), Map.of()),
        new AcquaintPolicy(ACQUAINT_QUEUE, Duration.ofSeconds(10), quick, 2, quick, 3, Duration.ofMillis(300),
            Duration.ofMinutes(10)),
        new StoredgePolicy("unused-storedge", Duration.ofSeconds(10), quick, 2, quick, 3));
  }
}
