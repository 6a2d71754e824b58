package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.ACQUAINT_QUEUE;
import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.STOREDGE_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static dev.postings.workflow.PostingFixtures.recordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.PostingReversalWorkflowImpl;
import dev.postings.reversal.ReversalOrder;
import dev.postings.reversal.ReversalState;
import dev.postings.reversal.ReversalStatus;
import dev.postings.workflow.acquaint.AcquaintActivities;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentCharge;
import dev.postings.workflow.propexo.ResidentChargeRecord;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.WriteStatus;
import dev.postings.workflow.storedge.StoredgeActivities;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * Compensation (docs/failures.md#compensation): registered before the write, run in a detached scope. A record that
 * landed wrong is reversed with Propexo's offsetting resident charge; a cancel after the write reverses what landed, or
 * opens an operator task (the reversal workflow) where the provider has no reversal or nobody knows whether it landed;
 * a reversal after CONFIRMED is its own workflow.
 */
class CompensationTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("ReversalState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class, PostingReversalWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private final AcquaintActivities acquaint = mock(AcquaintActivities.class, withSettings().withoutAnnotations());

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    env.newWorker(PROPEXO_QUEUE).registerActivitiesImplementations(propexo);
    env.newWorker(ACQUAINT_QUEUE).registerActivitiesImplementations(acquaint);
    env.newWorker(STOREDGE_QUEUE).registerActivitiesImplementations(
        mock(StoredgeActivities.class, withSettings().withoutAnnotations()));
    env.start();
  }

  @AfterEach
  void keepHistory(TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("compensation", test.getTestMethod().orElseThrow().getName()));
  }

  private PostingWorkflow start(PostingRequest request) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    lastWorkflowId = request.workflowId();
    return workflow;
  }

  private void awaitState(PostingWorkflow workflow, PostingState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == state);
  }

  /** The job's record carries our reference but a tenth of the amount: it is ours, and it landed wrong. */
  private void theJobsRecordLandsWrong(String jobId) {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob(jobId));
    when(propexo.awaitWriteStatus(new PropexoJob(jobId))).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_wrong"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_wrong")))
        .thenReturn(new ResidentPaymentLookup("rp_wrong", recordOf("rp_wrong", 12_500, "CHK20240115001")));
  }

  private void chargesLand(String chargeId) {
    when(propexo.submitResidentCharge(any())).thenReturn(new PropexoJob("job_rc"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_rc"))).thenReturn(new WriteStatus("SUCCESS", List.of(), chargeId));
  }

  @Test
  void aRecordThatLandedWrongIsReversedByAnOffsettingChargeThenCancelledWithNothingStanding() {
    theJobsRecordLandsWrong("job_1");
    chargesLand("rc_1");

    PostingWorkflow workflow = start(propertywareRequest("cmp-1"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);

    ArgumentCaptor<ResidentCharge> charge = ArgumentCaptor.forClass(ResidentCharge.class);
    verify(propexo).submitResidentCharge(charge.capture());
    // the amount that landed, not the one requested; found again by its reference
    assertThat(charge.getValue().amountInCents()).isEqualTo(12_500);
    assertThat(charge.getValue().referenceNumber()).isEqualTo("REV-rp_wrong");
    assertThat(charge.getValue().residentId()).isEqualTo("res_1");
    assertThat(charge.getValue().batchId()).isEqualTo("reversal-cmp-1");
    assertThat(workflow.status().lastError()).contains("amount_in_cents 12500 != 125000", "reversed by rc_1");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.RECORD_MISMATCH));
    assertThat(workflow.status().timeline()).extracting(TimelineEntry::detail)
        .anyMatch(detail -> detail.contains("if it must be undone: an offsetting resident charge"));

    PostingStatus cancelled = workflow.cancelWaiting(new OperatorDecision("customer asked", "ops-alice"));

    assertThat(cancelled.state()).isEqualTo(PostingState.COMPENSATED);
    assertThat(cancelled.lastError()).contains("already reversed by rc_1", "nothing of this posting stands");
    verify(propexo, times(1)).submitResidentCharge(any());
  }

  @Test
  void aReversalThatAlreadyLandedIsFoundByItsReferenceAndNotWrittenAgain() {
    theJobsRecordLandsWrong("job_2");
    when(propexo.findResidentCharges(any())).thenReturn(List.of(new ResidentChargeRecord("rc_early", 12_500L,
        "REV-rp_wrong")));

    PostingWorkflow workflow = start(propertywareRequest("cmp-2"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);

    assertThat(workflow.status().lastError()).contains("reversed by rc_early");
    verify(propexo, never()).submitResidentCharge(any());
  }

  @Test
  void anUnclearOffsettingChargeThatIsNotListedIsNotWrittenAgain() {
    theJobsRecordLandsWrong("job_3");
    when(propexo.submitResidentCharge(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.UNKNOWN_OUTCOME.name()).setMessage("read timed out").setNonRetryable(true).build());

    PostingWorkflow workflow = start(propertywareRequest("cmp-3"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);

    assertThat(workflow.status().lastError()).contains("Reversing it failed", "reverse record rp_wrong by hand");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.COMPENSATION_FAILED));
    assertThat(workflow.status().timeline()).extracting(TimelineEntry::detail)
        .anyMatch(detail -> detail.contains("unknown outcome") && detail.contains("not sent again"));
    verify(propexo, times(1)).submitResidentCharge(any());
  }

  @Test
  void aCancelAfterAnUnclearWriteOpensAnOperatorTaskCarryingWhatToCheck() {
    when(propexo.submitPropertywarePayment(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.UNKNOWN_OUTCOME.name()).setMessage("connection reset after the request was sent")
        .build());
    when(propexo.findResidentPayments(any())).thenReturn(List.of());

    PostingWorkflow workflow = start(propertywareRequest("cmp-4"));
    // the record is searched for until the job's deadline before an operator is asked
    env.sleep(policy().propexo().jobDeadline().plusMinutes(1));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);

    PostingStatus cancelled = workflow.cancelWaiting(new OperatorDecision("duplicate of another posting", "ops-bob"));

    assertThat(cancelled.state()).isEqualTo(PostingState.CANCELLED);
    assertThat(cancelled.lastError()).contains("operator task reversal-cmp-4");
    PostingReversalWorkflow task = client.newWorkflowStub(PostingReversalWorkflow.class, "reversal-cmp-4");
    await().atMost(Duration.ofSeconds(10)).until(() -> task.status().state() == ReversalState.NEEDS_ATTENTION);
    ReversalStatus open = task.status();
    assertThat(open.task()).contains("may or may not have landed", "CHK20240115001", "res_1", "125000");
    verify(propexo, never()).submitResidentCharge(any());

    ReversalStatus done = task.reversedByHand(new OperatorDecision("not in Propertyware: nothing to do", "ops-bob"));
    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
  }

  @Test
  void aCancelIsRefusedWhileTheWriteIsStillUnderway() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_5"));
    when(propexo.awaitWriteStatus(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.JOB_PENDING.name()).setMessage("PENDING").build());

    PostingWorkflow workflow = start(propertywareRequest("cmp-5"));
    awaitState(workflow, PostingState.AWAITING_JOB);

    assertThatThrownBy(() -> workflow.cancelWaiting(new OperatorDecision(null, null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("AWAITING_JOB");
  }

  @Test
  void aConfirmedPropertywarePaymentIsReversedAsItsOwnWorkflow() {
    when(propexo.findResidentCharges(any())).thenReturn(List.of());
    chargesLand("rc_9");
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf("cmp-6")).build());
    lastWorkflowId = ReversalOrder.workflowIdOf("cmp-6");

    ReversalStatus status = reversal.reverse(new ReversalOrder(propertywareRequest("cmp-6"), "rp_6", 125_000,
        "payment returned by the bank (R01)", "ops-alice", policy()));

    assertThat(status.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(status.offsetRecordId()).isEqualTo("rc_9");
    ArgumentCaptor<ResidentCharge> charge = ArgumentCaptor.forClass(ResidentCharge.class);
    verify(propexo).submitResidentCharge(charge.capture());
    assertThat(charge.getValue().amountInCents()).isEqualTo(125_000);
    assertThat(charge.getValue().description()).contains("rp_6", "R01");
  }

  @Test
  void aConfirmedAcquaintPaymentBecomesAnOperatorTaskBecauseAcquaintHasNoReversal() {
    PostingRequest charge = new PostingRequest("cmp-7", Provider.ACQUAINT, new Money(12_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "Card", "AQ-REF-7", "Cleaning",
        new AcquaintChargeTarget(7001L, 401L, 4L, null));
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf("cmp-7")).build());
    lastWorkflowId = ReversalOrder.workflowIdOf("cmp-7");
    WorkflowClient.start(reversal::reverse, new ReversalOrder(charge, "9001", 12_000, "chargeback", "ops", policy()));

    await().atMost(Duration.ofSeconds(10)).until(() -> reversal.status().state() == ReversalState.NEEDS_ATTENTION);
    assertThat(reversal.status().task()).contains("reverse record 9001 in ACQUAINT", "no reversal API", "AQ-REF-7");

    reversal.reversedByHand(new OperatorDecision("reversed as transaction 9100", "ops"));

    ReversalStatus done = WorkflowStub.fromTyped(reversal).getResult(ReversalStatus.class);
    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.timeline()).anyMatch(line -> line.contains("reversed by hand by ops: reversed as transaction 9100"));
  }
}
