package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.ACQUAINT_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doReturn;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.workflow.acquaint.AcquaintActivities;
import dev.postings.workflow.acquaint.AcquaintTransaction;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.acquaint.ChargePaymentReadBack;
import dev.postings.workflow.acquaint.ChargePaymentReceipt;
import dev.postings.workflow.acquaint.ChargeTransactionSearch;
import dev.postings.workflow.acquaint.RentItem;
import dev.postings.workflow.acquaint.RentItemLookup;
import dev.postings.workflow.acquaint.RentItemRef;
import dev.postings.workflow.acquaint.RentPayment;
import dev.postings.workflow.acquaint.RentPaymentAccepted;
import dev.postings.workflow.acquaint.TransactionLookup;
import dev.postings.workflow.acquaint.TransactionRef;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** The posting workflow's Acquaint paths (tenant payment and charge payment) with mocked Acquaint activities. */
class AcquaintWorkflowTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private static final String REFERENCE = "BACS-2026-03-001";
  private static final RentItemRef ITEM = new RentItemRef(301, 5001);

  private final AcquaintActivities acquaint = mock(AcquaintActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @org.junit.jupiter.api.AfterEach
  void keepHistory(org.junit.jupiter.api.TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("acquaint", test.getTestMethod().orElseThrow().getName()));
  }

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(ACQUAINT_QUEUE);
    activityWorker.registerActivitiesImplementations(acquaint);
    // as the adapter does it: the write (failing as payCharge fails), then one read of the transaction it made
    when(acquaint.payChargeAndReadBack(any())).thenAnswer(call -> {
      ChargePaymentReceipt receipt = acquaint.payCharge(call.getArgument(0));
      return new ChargePaymentReadBack(receipt, acquaint.readTransaction(new TransactionRef(receipt.transactionId())),
          null);
    });
    env.start();
  }

  static PostingRequest rentRequest(String postingId) {
    return new PostingRequest(postingId, Provider.ACQUAINT, new Money(95_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", REFERENCE, "March rent",
        new AcquaintRentTarget(5001L, 301L, 1L, 401L, 4L, false));
  }

  static PostingRequest chargeRequest(String postingId, long minor) {
    return new PostingRequest(postingId, Provider.ACQUAINT, new Money(minor, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", REFERENCE, "Cleaning after check-out",
        new AcquaintChargeTarget(7001L, 1L, 401L, false));
  }

  private static RentItemLookup item(long receivedMinor, String reference) {
    return new RentItemLookup(5001, new RentItem(5001, 301L, 95_000L, receivedMinor, "2026-03-01T00:00",
        reference == null ? null : "2026-03-13T12:39", reference));
  }

  private static AcquaintTransaction transaction(long id, String type, long creditMinor, String createdAt) {
    return new AcquaintTransaction(id, type, 7001L, 301L, 0L, creditMinor, 3L, 1L, REFERENCE, "Payment for charge",
        "Cleaning after check-out", "Posted", "2026-03-13T12:39", createdAt);
  }

  private PostingWorkflow start(PostingRequest request) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    lastWorkflowId = request.workflowId();
    return workflow;
  }

  private PostingStatus result(PostingWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
  }

  private void awaitState(PostingWorkflow workflow, PostingState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == state);
  }

  private static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED || kind == FailureKind.UNKNOWN_OUTCOME).build();
  }

  @Test
  void aTenantPaymentIsConfirmedWhenTheRentItemShowsItOnTopOfWhatItHadReceived() {
    when(acquaint.readRentItem(ITEM)).thenReturn(item(0, null), item(95_000, REFERENCE));
    when(acquaint.payRentItem(any())).thenReturn(new RentPaymentAccepted(5001));

    PostingStatus status = result(start(rentRequest("aq-rent-1")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("5001");
    assertThat(status.providerJobId()).isNull();
    assertThat(status.timeline()).extracting(TimelineEntry::state).containsSubsequence(
        PostingState.RECEIVED, PostingState.SUBMITTING, PostingState.DISCOVERING_RECORD, PostingState.CONFIRMED);
    assertThat(status.timeline()).extracting(TimelineEntry::state).doesNotContain(PostingState.AWAITING_JOB);
    ArgumentCaptor<RentPayment> sent = ArgumentCaptor.forClass(RentPayment.class);
    verify(acquaint).payRentItem(sent.capture());
    assertThat(sent.getValue()).isEqualTo(new RentPayment(5001, 1, 3, false,
        Instant.parse("2026-03-13T12:39:00Z"), 95_000, 4L, REFERENCE, 401L));
  }

  @Test
  void aPartlyPaidItemIsConfirmedOnlyByTheIncreaseThisPaymentMade() {
    // 300.00 was received before; the posting pays 950.00 more: the item must then show 1250.00, not just >= 950.00
    when(acquaint.readRentItem(ITEM)).thenReturn(item(30_000, "OLD-REF"), item(95_000, REFERENCE));
    when(acquaint.payRentItem(any())).thenReturn(new RentPaymentAccepted(5001));

    PostingWorkflow workflow = start(rentRequest("aq-rent-2"));

    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("Received went from 300.00 to 950.00, not by 950.00");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.RECORD_MISMATCH));
  }

  @Test
  void aChargePaymentWithAnOverpaymentIsConfirmedByReadingBothTransactionsBack() {
    when(acquaint.payCharge(any())).thenReturn(new ChargePaymentReceipt(9001, 9002L));
    when(acquaint.readTransaction(new TransactionRef(9001)))
        .thenReturn(new TransactionLookup(9001, transaction(9001, "Receipt", 12_000, null)));
    when(acquaint.readTransaction(new TransactionRef(9002)))
        .thenReturn(new TransactionLookup(9002, transaction(9002, AcquaintTransaction.OVERPAYMENT, 999, null)));

    PostingStatus status = result(start(chargeRequest("aq-charge-1", 12_999)));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("9001");
    // 120.00 on the charge + 9.99 overpayment = the 129.99 posted
    verify(acquaint).readTransaction(new TransactionRef(9002));
    ArgumentCaptor<ChargePayment> sent = ArgumentCaptor.forClass(ChargePayment.class);
    verify(acquaint).payCharge(sent.capture());
    assertThat(sent.getValue().amountMinor()).isEqualTo(12_999);
    assertThat(sent.getValue().paymentReference()).isEqualTo(REFERENCE);
    assertThat(sent.getValue().landlordStatementNotes()).isEqualTo("Cleaning after check-out");
    verify(acquaint, never()).findChargeTransactions(any());
  }

  @Test
  void aChargePaymentIsReadBackInTheWritesOwnActivity() {
    doReturn(new ChargePaymentReadBack(new ChargePaymentReceipt(9021, null),
        new TransactionLookup(9021, transaction(9021, "Receipt", 4_500, null)), null))
        .when(acquaint).payChargeAndReadBack(any());

    PostingStatus status = result(start(chargeRequest("aq-charge-5", 4_500)));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("9021");
    verify(acquaint, never()).readTransaction(any());
    // one activity for the posting's two calls
    assertThat(client.fetchHistory(lastWorkflowId).getHistory().getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
        .containsExactly("PayChargeAndReadBack");
  }

  @Test
  void aReadBackThatFailedInTheWritesActivityIsReadAgainNotSentAgain() {
    doReturn(new ChargePaymentReadBack(new ChargePaymentReceipt(9022, null), null, "Acquaint answered 503"))
        .when(acquaint).payChargeAndReadBack(any());
    when(acquaint.readTransaction(new TransactionRef(9022)))
        .thenReturn(new TransactionLookup(9022, transaction(9022, "Receipt", 4_500, null)));

    PostingStatus status = result(start(chargeRequest("aq-charge-6", 4_500)));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    verify(acquaint).readTransaction(new TransactionRef(9022));
    verify(acquaint, times(1)).payChargeAndReadBack(any());
    verify(acquaint, never()).findChargeTransactions(any());
  }

  @Test
  void aTransactionThatReadsBackWithAnotherAmountIsNotConfirmed() {
    when(acquaint.payCharge(any())).thenReturn(new ChargePaymentReceipt(9003, null));
    when(acquaint.readTransaction(new TransactionRef(9003)))
        .thenReturn(new TransactionLookup(9003, transaction(9003, "Receipt", 1_200, null)));

    PostingWorkflow workflow = start(chargeRequest("aq-charge-2", 12_000));

    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("Credit 12.00 != 120.00");
  }

  @Test
  void whatAcquaintRefusesIsRejectedWithoutSendingAgain() {
    when(acquaint.readRentItem(ITEM)).thenReturn(item(95_000, "PAID"));
    when(acquaint.payRentItem(any()))
        .thenThrow(failure(FailureKind.REJECTED, "Acquaint tenantpayments answered false for rent item 5001"));

    PostingStatus status = result(start(rentRequest("aq-rent-3")));

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("answered false");
    verify(acquaint, times(1)).payRentItem(any());
  }

  @Test
  void anInvalidAcquaintRequestIsRejectedBeforeAnyCall() {
    PostingRequest valid = chargeRequest("aq-charge-3", 100);
    PostingRequest invalid = new PostingRequest(valid.postingId(), valid.provider(), new Money(100, "USD"),
        valid.transactionDate(), "Card", valid.referenceNumber(), valid.description(),
        new AcquaintChargeTarget(null, 0L, null, null));

    PostingStatus status = result(start(invalid));

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("amount.currency", "paymentType", "target.chargeId",
        "target.bankAccountId");
    verify(acquaint, never()).payCharge(any());
  }

  @Test
  void anUnclearChargePaymentIsFoundByReadingTheChargesTransactionsNotByPostingAgain() {
    when(acquaint.payCharge(any())).thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "500 An error has occurred."));
    String createdNow = Instant.ofEpochMilli(env.currentTimeMillis()).toString();
    when(acquaint.findChargeTransactions(new ChargeTransactionSearch(7001))).thenReturn(List.of(
        transaction(8000, "Receipt", 12_000, "2020-01-01T00:00:00Z"), // same reference, years ago: not ours
        transaction(9011, "Receipt", 12_000, createdNow),
        transaction(9012, AcquaintTransaction.OVERPAYMENT, 999, createdNow)));
    when(acquaint.readTransaction(new TransactionRef(9011)))
        .thenReturn(new TransactionLookup(9011, transaction(9011, "Receipt", 12_000, createdNow)));
    when(acquaint.readTransaction(new TransactionRef(9012)))
        .thenReturn(new TransactionLookup(9012, transaction(9012, AcquaintTransaction.OVERPAYMENT, 999, createdNow)));

    PostingStatus status = result(start(chargeRequest("aq-charge-4", 12_999)));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("9011");
    assertThat(status.timeline()).extracting(TimelineEntry::detail)
        .anyMatch(detail -> detail.contains("the unclear write did land"));
    verify(acquaint, times(1)).payCharge(any());
  }

  @Test
  void anUnclearTenantPaymentIsFoundByReadingTheRentItemBack() {
    when(acquaint.readRentItem(ITEM)).thenReturn(item(0, null), item(95_000, REFERENCE));
    when(acquaint.payRentItem(any())).thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "read timed out"));

    PostingStatus status = result(start(rentRequest("aq-rent-4")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("5001");
    verify(acquaint, times(1)).payRentItem(any());
  }

  /** The item received something else meanwhile (another payment): that proves nothing about ours. */
  @Test
  void anUnclearTenantPaymentThatIsNotOnTheItemWaitsForAnOperatorAndIsNeverSentAgain() {
    when(acquaint.readRentItem(ITEM)).thenReturn(item(0, null), item(40_000, "SOMEONE-ELSE"));
    when(acquaint.payRentItem(any())).thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "502 Bad Gateway"));

    PostingWorkflow workflow = start(rentRequest("aq-rent-5"));
    env.sleep(policy().acquaint().unknownOutcomeSettle().plusSeconds(1));

    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("unknown", "not sent again", "the payment is not on it");
    verify(acquaint, times(1)).payRentItem(any());
  }

  /**
   * Acquaint answers a payment within its request: an item read after the settle time that received nothing since the
   * read just before the write proves the write did not land, so it is sent again, once, after a fresh baseline.
   */
  @Test
  void anUnclearTenantPaymentThatTheItemProvesDidNotLandIsSentAgainAndConfirmed() {
    when(acquaint.readRentItem(ITEM)).thenReturn(item(0, null), item(0, null), item(0, null),
        item(95_000, REFERENCE));
    when(acquaint.payRentItem(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "502 Bad Gateway"))
        .thenReturn(new RentPaymentAccepted(5001));

    PostingStatus status = result(start(rentRequest("aq-rent-8")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).extracting(TimelineEntry::detail)
        .anyMatch(detail -> detail.contains("did not land") && detail.contains("received nothing since"));
    verify(acquaint, times(2)).payRentItem(any());
    verify(acquaint, times(4)).readRentItem(ITEM);
  }

  @Test
  void aTenantPaymentThatWasNotSentIsSentAgainAfterAFreshBaseline() {
    when(acquaint.readRentItem(ITEM)).thenReturn(item(0, null), item(0, null), item(95_000, REFERENCE));
    when(acquaint.payRentItem(any()))
        .thenThrow(failure(FailureKind.NOT_SENT, "connection refused"))
        .thenReturn(new RentPaymentAccepted(5001));

    PostingStatus status = result(start(rentRequest("aq-rent-6")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    verify(acquaint, times(2)).payRentItem(any());
    verify(acquaint, times(3)).readRentItem(ITEM);
  }
}
