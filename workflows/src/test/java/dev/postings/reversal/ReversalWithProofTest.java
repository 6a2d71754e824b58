package dev.postings.reversal;

import static dev.postings.reversal.ReversalFixtures.MAX_SENDS;
import static dev.postings.reversal.ReversalFixtures.SETTLE;
import static dev.postings.reversal.ReversalFixtures.failure;
import static dev.postings.reversal.ReversalFixtures.policy;
import static dev.postings.reversal.ReversalFixtures.propertyware;
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

import dev.postings.model.PostingRequest;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.HistoryRecording;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.PostingRegistryUpdates;
import dev.postings.workflow.PostingWorkflowImpl;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentChargeRecord;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Never two reversals: an offsetting charge whose outcome is unclear is searched for only after the provider's settle
 * time, a search that finds it ends the reversal REVERSED, and only a settled search that finds nothing lets the
 * reversal send again (at most {@code maxSends} times). Propexo's lists come from its cache, so a charge that landed
 * may show up hours later: these tests make it. Time skipping; the searches record the test server's clock.
 */
class ReversalWithProofTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = ReversalFixtures.temporal()
      .setWorkflowTypes(PostingWorkflowImpl.class, PostingReversalWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .build();

  private static final String RECORD = "rp_1";
  private static final long AMOUNT = 125_000;
  private static final ResidentChargeRecord OFFSET = new ResidentChargeRecord("rc_late", AMOUNT, "REV-" + RECORD);

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;
  /** Test-server time of every charge search and every charge sent. */
  private final List<Instant> searches = new CopyOnWriteArrayList<>();
  private final List<Instant> sends = new CopyOnWriteArrayList<>();
  /** From this moment on the offsetting charge is listed (null: never). */
  private final AtomicReference<Instant> listedFrom = new AtomicReference<>();

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    env.newWorker(PostingPolicy.PROPEXO_TASK_QUEUE).registerActivitiesImplementations(propexo);
    when(propexo.findResidentCharges(any())).thenAnswer(call -> {
      Instant now = now();
      searches.add(now);
      Instant from = listedFrom.get();
      return from != null && !now.isBefore(from) ? List.of(OFFSET) : List.of();
    });
    env.start();
  }

  @AfterEach
  void keepHistory(TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("reversal", test.getTestMethod().orElseThrow().getName()));
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  /** Every charge sent is recorded; its outcome is unknown (the answer was lost). */
  private void everyChargeIsUnclear() {
    when(propexo.submitResidentCharge(any())).thenAnswer(call -> {
      sends.add(now());
      throw failure(FailureKind.UNKNOWN_OUTCOME, "read timed out after the request was sent");
    });
  }

  private PostingReversalWorkflow start(String postingId) {
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf(postingId)).build());
    lastWorkflowId = ReversalOrder.workflowIdOf(postingId);
    WorkflowClient.start(reversal::reverse, new ReversalOrder(propertyware(postingId), RECORD, AMOUNT,
        "payment returned by the bank (R01)", "ops-alice", policy()));
    return reversal;
  }

  private ReversalStatus result(PostingReversalWorkflow reversal) {
    return WorkflowStub.fromTyped(reversal).getResult(ReversalStatus.class);
  }

  @Test
  void anUnclearChargeIsSearchedForOnlyAfterTheSettleTimeAndAFoundOneEndsTheReversal() {
    everyChargeIsUnclear();
    // the charge did land; Propexo lists it once its next sync has run, a day later
    listedFrom.set(Instant.MAX);

    PostingReversalWorkflow reversal = start("rev-1");
    await().until(() -> reversal.status().state() == ReversalState.SETTLING);
    listedFrom.set(sends.get(0).plus(Duration.ofDays(1)));
    ReversalStatus done = result(reversal);

    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.offsetRecordId()).isEqualTo("rc_late");
    assertThat(sends).hasSize(1);
    // one search before the charge was sent, the next only once the settle time had passed
    assertThat(searches).hasSize(2);
    assertThat(searches.get(1)).isAfterOrEqualTo(sends.get(0).plus(SETTLE));
    assertThat(done.timeline()).anyMatch(line -> line.contains("unknown outcome")
        && line.contains("searching for it after " + SETTLE));
  }

  @Test
  void aChargeWhoseJobOutlivesItsDeadlineAndLandsLateIsFoundNotSentAgain() {
    when(propexo.submitResidentCharge(any())).thenAnswer(call -> {
      sends.add(now());
      return new PropexoJob("job_rc");
    });
    // the job stays PENDING past the poll's deadline; the charge lands two days later
    when(propexo.awaitWriteStatus(new PropexoJob("job_rc"))).thenThrow(failure(FailureKind.JOB_PENDING, "PENDING"));
    listedFrom.set(Instant.MAX);

    PostingReversalWorkflow reversal = start("rev-2");
    // the test server's clock moves only when told (or while a result is awaited): past the poll's deadline
    env.sleep(policy().propexo().jobDeadline().plusMinutes(10));
    await().until(() -> reversal.status().state() == ReversalState.SETTLING);
    listedFrom.set(sends.get(0).plus(Duration.ofDays(2)));
    ReversalStatus done = result(reversal);

    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.offsetRecordId()).isEqualTo("rc_late");
    verify(propexo, times(1)).submitResidentCharge(any());
    assertThat(done.timeline()).anyMatch(line -> line.contains("job_rc has no outcome by its deadline"));
  }

  @Test
  void aSettledSearchThatFindsNothingLetsTheChargeBeSentAgainOnce() {
    when(propexo.submitResidentCharge(any())).thenAnswer(call -> {
      sends.add(now());
      if (sends.size() == 1) {
        throw failure(FailureKind.UNKNOWN_OUTCOME, "connection reset after the request was sent");
      }
      return new PropexoJob("job_rc2");
    });
    when(propexo.awaitWriteStatus(new PropexoJob("job_rc2")))
        .thenReturn(new WriteStatus(WriteStatus.SUCCESS, List.of(), "rc_2"));

    ReversalStatus done = result(start("rev-3"));

    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.offsetRecordId()).isEqualTo("rc_2");
    assertThat(sends).hasSize(2);
    assertThat(sends.get(1)).isAfterOrEqualTo(sends.get(0).plus(SETTLE));
    // the search that allowed the second charge came after the settle time, and just before it
    assertThat(searches).filteredOn(search -> search.isAfter(sends.get(0)))
        .singleElement().satisfies(search -> assertThat(search).isBetween(sends.get(0).plus(SETTLE), sends.get(1)));
  }

  @Test
  void chargesThatStayUnclearAreSentAtMostMaxSendsTimesThenAnOperatorTakesOver() {
    everyChargeIsUnclear();

    PostingReversalWorkflow reversal = start("rev-4");
    env.sleep(SETTLE.multipliedBy(MAX_SENDS).plusHours(1));
    await().until(() -> reversal.status().state() == ReversalState.NEEDS_ATTENTION);

    assertThat(sends).hasSize(MAX_SENDS);
    for (int i = 1; i < sends.size(); i++) {
      assertThat(sends.get(i)).isAfterOrEqualTo(sends.get(i - 1).plus(SETTLE));
    }
    ReversalStatus open = reversal.status();
    assertThat(open.task()).contains("reverse record " + RECORD, MAX_SENDS + " offsetting entries were sent",
        "not sent again");
    // an operator can now mark it done; nothing else is sent
    reversal.reversedByHand(new OperatorDecision("found REV-rp_1 twice in Propertyware, voided one", "ops-bob"));
    assertThat(result(reversal).state()).isEqualTo(ReversalState.REVERSED);
    verify(propexo, times(MAX_SENDS)).submitResidentCharge(any());
  }

  @Test
  void aRefusedChargeGoesToAnOperatorWithoutBeingSentAgain() {
    when(propexo.submitResidentCharge(any())).thenThrow(failure(FailureKind.REJECTED, "400 lease_id is closed"));

    PostingReversalWorkflow reversal = start("rev-5");
    await().until(() -> reversal.status().state() == ReversalState.NEEDS_ATTENTION);

    assertThat(reversal.status().task()).contains("Propexo refused the offsetting charge", "lease_id is closed");
    verify(propexo, times(1)).submitResidentCharge(any());
  }

  @Test
  void anOperatorCannotMarkAReversalDoneWhileItsChargeSettlesAndTheRefusalRecordsNoUpdate() {
    everyChargeIsUnclear();
    PostingReversalWorkflow reversal = start("rev-6");
    await().until(() -> reversal.status().state() == ReversalState.SETTLING);

    assertThatThrownBy(() -> reversal.reversedByHand(new OperatorDecision("did it", "ops-eve")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("SETTLING");
    // refused in the validator: no update is recorded (a cluster drops even the workflow task it ran in)
    assertThat(client.fetchHistory(lastWorkflowId).getHistory().getEventsList())
        .noneMatch(event -> event.getEventType().name().contains("UPDATE"));
  }

  /**
   * The posting's own compensation sends an offsetting charge (a cancel came while the payment was being posted); its
   * outcome is unclear, so the posting opens the reversal. That reversal sends nothing until a search after the settle
   * time: here it finds the posting's charge, which Propexo listed only a day later.
   */
  @Test
  void aReversalOpenedByItsPostingSearchesAfterTheSettleTimeBeforeSendingAnything() {
    everyChargeIsUnclear();
    listedFrom.set(Instant.MAX);
    AtomicBoolean jobDone = new AtomicBoolean();
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_pay"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_pay"))).thenAnswer(call -> {
      if (!jobDone.get()) {
        throw failure(FailureKind.JOB_PENDING, "PENDING");
      }
      return new WriteStatus(WriteStatus.SUCCESS, List.of(), RECORD);
    });
    PostingRequest request = propertyware("rev-7");
    when(propexo.readResidentPayment(any())).thenReturn(new ResidentPaymentLookup(RECORD, new ResidentPayment(RECORD,
        "intg_1", "res_1", "lease_1", AMOUNT, request.referenceNumber(), "2024-01-15T09:30:00.000Z", "January rent",
        null)));
    PostingWorkflow posting = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(posting::post, new PostingOrder(request, policy()));
    await().until(() -> posting.status().state() == PostingState.AWAITING_JOB);

    WorkflowStub.fromTyped(posting).cancel();
    jobDone.set(true);
    // the next look at the job (the poll's back-off) and everything after it
    env.sleep(Duration.ofMinutes(1));
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        ReversalOrder.workflowIdOf("rev-7"));
    lastWorkflowId = ReversalOrder.workflowIdOf("rev-7");
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions()
        .until(() -> reversal.status().state() == ReversalState.SETTLING);
    assertThat(sends).as("the posting's own charge").hasSize(1);
    listedFrom.set(sends.get(0).plus(Duration.ofDays(1)));
    ReversalStatus done = result(reversal);

    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.offsetRecordId()).isEqualTo("rc_late");
    verify(propexo, times(1)).submitResidentCharge(any());
    assertThat(searches.get(searches.size() - 1)).isAfterOrEqualTo(sends.get(0).plus(SETTLE));
    assertThat(done.timeline()).anyMatch(line -> line.contains("opened by posting rev-7"));
    assertThat(WorkflowStub.fromTyped(posting).describe().getStatus().name()).doesNotContain("RUNNING");
    // the posting's own history takes the compensate-on-cancel branch: it joins the replay corpus too
    HistoryRecording.keep(client, request.workflowId(),
        "compensation-a-cancel-while-the-payment-was-being-posted-compensates-once-the-record-is-confirmed");
  }

  @Test
  void aReversalAskedForAfterConfirmedThatFindsItsChargeAlreadyListedSendsNothing() {
    listedFrom.set(Instant.EPOCH);

    ReversalStatus done = result(start("rev-8"));

    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.offsetRecordId()).isEqualTo("rc_late");
    verify(propexo, never()).submitResidentCharge(any());
  }
}
