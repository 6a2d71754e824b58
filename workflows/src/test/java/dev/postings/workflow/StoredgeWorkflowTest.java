package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.STOREDGE_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.model.StoredgeBillingAddress;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePath;
import dev.postings.workflow.storedge.StoredgePayment;
import dev.postings.workflow.storedge.StoredgePaymentResult;
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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/** The storEDGE path through the step machine, against mocked storEDGE activities. */
class StoredgeWorkflowTest {

  private static final String FACILITY = "fac_1";
  private static final String LEDGER = "led_1";
  private static final StoredgeLedgerRef REF = new StoredgeLedgerRef(FACILITY, LEDGER);
  private static final StoredgeBillingAddress ADDRESS =
      new StoredgeBillingAddress("123 Main", null, "Somecity", "AL", "12345", "US");

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private final StoredgeActivities storedge = mock(StoredgeActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @org.junit.jupiter.api.AfterEach
  void keepHistory(org.junit.jupiter.api.TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("storedge", test.getTestMethod().orElseThrow().getName()));
  }

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(STOREDGE_QUEUE);
    // the interface's own composition of the stubbed readLedger and makePayment, as every adapter inherits it
    when(storedge.readLedgerAndPay(any())).thenCallRealMethod();
    activityWorker.registerActivitiesImplementations(storedge);
    env.start();
  }

  private static PostingRequest request(String postingId, StoredgePaymentMethod method) {
    return new PostingRequest(postingId, Provider.STOREDGE, new Money(5_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), null, "SE-" + postingId, "Unit U25 rent",
        new StoredgeTarget(FACILITY, LEDGER, StoredgePaymentKind.CUSTOM, null, method));
  }

  private static StoredgePaymentMethod.NewCard newCard() {
    return new StoredgePaymentMethod.NewCard("John", "Doe", "visa", "10/49", "1111", "vault-ref-1", ADDRESS);
  }

  private static StoredgeLedger ledger(StoredgeLedgerPayment... payments) {
    return new StoredgeLedger(LEDGER, 6_103, 1_200, "2024-01-09", List.of(payments));
  }

  private static StoredgeLedgerPayment paid(String id, long cents) {
    return new StoredgeLedgerPayment(id, -cents, "Visa ****1111", "2024-01-15T09:31:00Z");
  }

  private PostingWorkflow start(PostingRequest request) {
    return start(request, policy());
  }

  private PostingWorkflow start(PostingRequest request, PostingPolicy policy) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy));
    lastWorkflowId = request.workflowId();
    return workflow;
  }

  private PostingStatus result(PostingWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
  }

  /**
   * storEDGE calls time out after {@code CALL_TIMEOUT_FOR_TIMEOUTS} (read-and-pay after three times that): the test
   * server does not skip time while an activity runs, so a test of a timed-out activity waits for it on the real clock.
   */
  private static PostingPolicy shortStoredgeCalls() {
    PostingPolicy policy = policy();
    StoredgePolicy storedge = policy.storedge();
    return new PostingPolicy(policy.limits(), policy.propexo(), policy.parking(), policy.resman(), policy.acquaint(),
        new StoredgePolicy(storedge.taskQueue(), CALL_TIMEOUT_FOR_TIMEOUTS, storedge.readRetry(),
            storedge.readAttempts(), storedge.submitRetry(), storedge.submitAttempts()));
  }

  private static final Duration CALL_TIMEOUT_FOR_TIMEOUTS = Duration.ofSeconds(1);

  private static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED).build();
  }

  @Test
  void aStoredMethodPaymentIsConfirmedOnTheLedgerReadBack() {
    StoredgeLedgerPayment older = paid("pay_old", 2_000);
    StoredgeLedgerPayment ours = paid("pay_new", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger(older), ledger(ours, older));
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_new", ledger(ours, older)));

    PostingStatus status = result(start(request("se-1", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("pay_new");
    assertThat(status.providerJobId()).isNull();
    ArgumentCaptor<StoredgePayment> sent = ArgumentCaptor.forClass(StoredgePayment.class);
    verify(storedge).makePayment(sent.capture());
    assertThat(sent.getValue().idempotencyKey()).isEqualTo("posting-se-1");
    assertThat(sent.getValue().amountMinor()).isEqualTo(5_000);
    assertThat(sent.getValue().kind()).isEqualTo(StoredgePaymentKind.CUSTOM);
    assertThat(sent.getValue().knownPaymentIds()).containsExactly("pay_old");
    assertThat(sent.getValue().method()).isEqualTo(new StoredgePaymentMethod.Stored("pm_1"));
  }

  @Test
  void makePaymentsAnswerIsTheReadBackSoTheLedgerIsReadOnlyBeforeTheWrite() {
    StoredgeLedgerPayment ours = paid("pay_once", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_once", ledger(ours)));

    PostingStatus status = result(start(request("se-one-read", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("pay_once");
    // two provider calls per posting: the ledger before the write (to tell the new payment apart), and make_payment
    verify(storedge, times(1)).readLedger(REF);
    verify(storedge, times(1)).makePayment(any());
  }

  @Test
  void aNewCardPaymentIsConfirmedAndNoCardholderDataEntersTheHistory() throws Exception {
    StoredgeLedgerPayment ours = paid("pay_card", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger(), ledger(ours));
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_card", ledger(ours)));

    PostingStatus status = result(start(request("se-2", newCard())));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("pay_card");
    ArgumentCaptor<StoredgePayment> sent = ArgumentCaptor.forClass(StoredgePayment.class);
    verify(storedge).makePayment(sent.capture());
    assertThat(sent.getValue().method()).isEqualTo(newCard());
    // The activity input names the card by last 4 and vault reference: nothing else of it can be in the history.
    String input = new ObjectMapper().registerModule(new JavaTimeModule()).writeValueAsString(sent.getValue());
    assertThat(input).contains("vault-ref-1", "\"last4\":\"1111\"").doesNotContain("cardNumber", "securityCode");
  }

  @Test
  void aRefusalEndsRejectedWithStoredgesReason() {
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any())).thenThrow(failure(FailureKind.REJECTED,
        "storEDGE POST make_payment: HTTP 403 AccessDenied: the facility does not accept partial payments"));

    PostingStatus status = result(start(request("se-3", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("AccessDenied");
    verify(storedge, times(1)).makePayment(any());
  }

  @Test
  void theLedgerIsReadAndThePaymentMadeInOneActivity() {
    StoredgeLedgerPayment ours = paid("pay_one", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_one", ledger(ours)));

    PostingStatus status = result(start(request("se-10", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(client.fetchHistory(lastWorkflowId).getHistory().getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_SCHEDULED)
        .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
        .containsExactly("ReadLedgerAndPay");
    // the write is told the payments that were there before it
    ArgumentCaptor<StoredgePayment> sent = ArgumentCaptor.forClass(StoredgePayment.class);
    verify(storedge).makePayment(sent.capture());
    assertThat(sent.getValue().knownPaymentIds()).isEqualTo(ledger().paymentIds());
  }

  @Test
  void aLedgerThatCannotBeReadBeforeTheWriteMeansNothingWasSentAndItIsSentAgain() {
    StoredgeLedgerPayment ours = paid("pay_later", 5_000);
    when(storedge.readLedger(REF)).thenThrow(failure(FailureKind.PROVIDER_UNAVAILABLE, "storEDGE GET ledger: 503"))
        .thenReturn(ledger());
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_later", ledger(ours)));

    PostingStatus status = result(start(request("se-11", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    verify(storedge, times(1)).makePayment(any());
    assertThat(status.timeline()).extracting(TimelineEntry::detail)
        .anySatisfy(detail -> assertThat(detail).contains("could not be read before the payment"));
  }

  @Test
  void aWriteWhoseActivityTimedOutIsLookedUpWithTheLedgerItsHeartbeatRecorded() throws Exception {
    // The worker "dies" mid-write: make_payment never answers and Temporal times the activity out (time skipping).
    // The ids read before the write reach the workflow only through the activity's heartbeat.
    StoredgeLedgerPayment older = paid("pay_older", 5_000);
    StoredgeLedgerPayment ours = paid("pay_timed_out", 5_000);
    CountDownLatch workerGone = new CountDownLatch(1);
    when(storedge.readLedger(REF)).thenReturn(ledger(older), ledger(ours, older));
    when(storedge.makePayment(any())).thenAnswer(call -> {
      workerGone.await();
      throw failure(FailureKind.UNKNOWN_OUTCOME, "too late: the activity timed out");
    });
    try {
      PostingStatus status = result(start(request("se-12", new StoredgePaymentMethod.Stored("pm_1")),
          shortStoredgeCalls()));

      // Found as the one new payment of the amount beside the older one of the same amount, which only the recorded
      // snapshot tells apart; never sent again.
      assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
      assertThat(status.providerRecordId()).isEqualTo("pay_timed_out");
      verify(storedge, times(1)).makePayment(any());
      assertThat(status.timeline()).extracting(TimelineEntry::detail)
          .anySatisfy(detail -> assertThat(detail).contains("timed out"));
    } finally {
      workerGone.countDown();
    }
  }

  @Test
  void aReadAndPayActivityThatTimedOutBeforeItsHeartbeatSentNothingAndIsSentWithTheSameKey() throws Exception {
    // The ledger read never answers (the worker died before the write): no heartbeat, so no write went out.
    StoredgeLedgerPayment ours = paid("pay_after_timeout", 5_000);
    CountDownLatch workerGone = new CountDownLatch(1);
    AtomicInteger reads = new AtomicInteger();
    when(storedge.readLedger(REF)).thenAnswer(call -> {
      int read = reads.incrementAndGet();
      if (read == 1) {
        workerGone.await();
        throw failure(FailureKind.PROVIDER_UNAVAILABLE, "too late: the activity timed out");
      }
      // the look-up finds nothing; the confirmation reads the payment the re-send made
      return read == 2 ? ledger() : ledger(ours);
    });
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_after_timeout", ledger(ours)));
    try {
      PostingStatus status = result(start(request("se-13", new StoredgePaymentMethod.Stored("pm_1")),
          shortStoredgeCalls()));

      assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
      assertThat(status.providerRecordId()).isEqualTo("pay_after_timeout");
      ArgumentCaptor<StoredgePayment> sent = ArgumentCaptor.forClass(StoredgePayment.class);
      verify(storedge, times(1)).makePayment(sent.capture());
      assertThat(sent.getValue().idempotencyKey()).isEqualTo(StoredgePath.idempotencyKey(
          request("se-13", new StoredgePaymentMethod.Stored("pm_1"))));
    } finally {
      workerGone.countDown();
    }
  }

  @Test
  void anUnclearWriteThatLandedIsFoundOnTheLedgerAndNotSentAgain() {
    StoredgeLedgerPayment ours = paid("pay_landed", 5_000);
    // before the write; after the unclear write (lookup); confirm
    when(storedge.readLedger(REF)).thenReturn(ledger(), ledger(ours), ledger(ours));
    when(storedge.makePayment(any())).thenThrow(failure(FailureKind.UNKNOWN_OUTCOME,
        "storEDGE POST make_payment sent but no answer"));

    PostingStatus status = result(start(request("se-4", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("pay_landed");
    verify(storedge, times(1)).makePayment(any());
    assertThat(status.timeline()).extracting(TimelineEntry::detail)
        .anySatisfy(detail -> assertThat(detail).contains("found payment pay_landed"));
  }

  @Test
  void anUnclearWriteNotOnTheLedgerIsSentAgainWithTheSameIdempotencyKey() {
    StoredgeLedgerPayment ours = paid("pay_once", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger(), ledger(), ledger(ours));
    when(storedge.makePayment(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "storEDGE POST make_payment: HTTP 502"))
        .thenReturn(new StoredgePaymentResult("pay_once", ledger(ours)));

    PostingStatus status = result(start(request("se-5", new StoredgePaymentMethod.Stored("pm_1"))));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("pay_once");
    ArgumentCaptor<StoredgePayment> sent = ArgumentCaptor.forClass(StoredgePayment.class);
    verify(storedge, times(2)).makePayment(sent.capture());
    assertThat(sent.getAllValues()).extracting(StoredgePayment::idempotencyKey)
        .containsExactly("posting-se-5", "posting-se-5");
    assertThat(sent.getAllValues().get(1)).isEqualTo(sent.getAllValues().get(0));
  }

  @Test
  void anUnclearNewCardWriteWhoseCardDataIsGoneWaitsForAnOperatorInsteadOfGuessing() {
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "storEDGE POST make_payment sent but no answer"))
        .thenThrow(failure(FailureKind.REJECTED, "card data expired before it was sent; nothing charged"));

    PostingWorkflow workflow = start(request("se-6", newCard()));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.NEEDS_ATTENTION);

    assertThat(workflow.status().lastError()).contains("sending again with idempotency key posting-se-6 failed")
        .contains("card data expired").doesNotContain("vault-ref-1");
    verify(storedge, times(2)).makePayment(any());
  }

  @Test
  void aPaymentOfAnotherAmountOnTheLedgerIsNotConfirmed() {
    StoredgeLedgerPayment wrong = paid("pay_wrong", 4_000);
    when(storedge.readLedger(REF)).thenReturn(ledger(), ledger(wrong));
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_wrong", ledger(wrong)));

    PostingWorkflow workflow = start(request("se-7", new StoredgePaymentMethod.Stored("pm_1")));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.NEEDS_ATTENTION);

    assertThat(workflow.status().lastError()).contains("paid 4000 cents, not 5000");
  }
}
