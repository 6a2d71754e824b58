package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static dev.postings.workflow.PostingFixtures.resmanRecordOf;
import static dev.postings.workflow.PostingFixtures.resmanRequest;
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
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.ResmanPayment;
import dev.postings.workflow.propexo.SyncedPaymentMatches;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

/**
 * ResMan: after the job, the posting waits for the PMC's approval and Propexo's next sync, for days, on time-skipped
 * timers. The synced-records watch is mocked as Propexo would answer at each moment of the skipped clock.
 */
class ResmanWorkflowTest {

  private static final Duration SYNC = Duration.ofHours(12);

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private final AtomicInteger listCalls = new AtomicInteger();

  private final CompletionCallbacks callbacks = mock(CompletionCallbacks.class, withSettings().withoutAnnotations());

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options, Worker workflowWorker) {
    this.env = env;
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(PROPEXO_QUEUE);
    activityWorker.registerActivitiesImplementations(propexo);
    // completion callbacks run on the workflow's own queue
    workflowWorker.registerActivitiesImplementations(callbacks);
    env.start();
  }

  private PostingWorkflow start(PostingRequest request) {
    return start(request, policy());
  }

  private PostingWorkflow start(PostingRequest request, PostingPolicy policy) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy));
    return workflow;
  }

  private PostingStatus result(PostingWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
  }

  private void record(String name, PostingWorkflow workflow) {
    HistoryRecording.keep(client, WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId(), name);
  }

  private void awaitState(PostingWorkflow workflow, PostingState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == state);
  }

  private static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED).build();
  }

  /** The job is delivered to Partner Transactions at once, and the record reads back as posted. */
  private void jobDelivers(String recordId) {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_rm"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.readResidentPayment(new ResidentPaymentRef(recordId)))
        .thenReturn(new ResidentPaymentLookup(recordId, resmanRecordOf(recordId, 125_000, "RM20240615001")));
  }

  /** Propexo's synced list: the record appears at {@code syncedAt} of the skipped clock, never when null. */
  private void recordSyncsAt(Instant syncedAt, String recordId) {
    when(propexo.awaitSyncedResidentPayment(any())).thenAnswer(call -> {
      listCalls.incrementAndGet();
      if (syncedAt == null || env.currentTimeMillis() < syncedAt.toEpochMilli()) {
        throw failure(FailureKind.RECORD_NOT_SYNCED, "not among the synced records yet");
      }
      return new SyncedPaymentMatches(List.of(recordId), 1);
    });
  }

  /**
   * From the start of the approval wait to confirmation, by the workflow's own clock (the test server's clock may jump
   * once nothing is left to run, so the test's clock is no measure).
   */
  private static Duration waitedForApproval(PostingStatus status) {
    Instant waiting = status.timeline().stream().filter(entry -> entry.state() == PostingState.AWAITING_APPROVAL)
        .findFirst().orElseThrow().at();
    return Duration.between(waiting, status.timeline().get(status.timeline().size() - 1).at());
  }

  private Instant now() {
    return Instant.ofEpochMilli(env.currentTimeMillis());
  }

  @Test
  void confirmsWhenThePmcApprovesAfterThreeDaysReadingOncePerSync() throws Exception {
    jobDelivers("rp_rm1");
    recordSyncsAt(now().plus(Duration.ofDays(3)), "rp_rm1");

    PostingWorkflow workflow = start(resmanRequest("rm-1"));
    PostingStatus status = result(workflow);
    record("resman-approved-after-3-days-confirmed", workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_rm1");
    assertThat(status.timeline()).extracting(TimelineEntry::state).containsSubsequence(PostingState.SUBMITTING,
        PostingState.AWAITING_JOB, PostingState.AWAITING_APPROVAL, PostingState.DISCOVERING_RECORD,
        PostingState.CONFIRMED);
    assertThat(waitedForApproval(status)).isBetween(Duration.ofDays(3).minusMinutes(1), Duration.ofDays(3).plus(SYNC));
    // one read at once, then one per 12 h sync interval: 7 reads for 3 days (at most one per interval)
    assertThat(listCalls.get()).isBetween(6, 7);
    ArgumentCaptor<ResmanPayment> sent = ArgumentCaptor.forClass(ResmanPayment.class);
    verify(propexo).submitResmanPayment(sent.capture());
    assertThat(sent.getValue().batchId()).isEqualTo("posting-rm-1");
    assertThat(sent.getValue().notes()).isEqualTo("posted by payments");
    assertThat(sent.getValue().paymentType()).isEqualTo("Check");
  }

  @Test
  void notesAReminderAtItsAgeAndKeepsWaiting() {
    jobDelivers("rp_rm2");
    recordSyncsAt(now().plus(Duration.ofDays(5)), "rp_rm2");

    PostingStatus status = result(start(resmanRequest("rm-2")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    List<TimelineEntry> reminders = status.timeline().stream()
        .filter(entry -> entry.detail().startsWith("reminder: not approved after PT48H")).toList();
    assertThat(reminders).hasSize(1);
    TimelineEntry waiting = status.timeline().stream()
        .filter(entry -> entry.state() == PostingState.AWAITING_APPROVAL).findFirst().orElseThrow();
    assertThat(Duration.between(waiting.at(), reminders.get(0).at()))
        .isBetween(Duration.ofDays(2), Duration.ofDays(2).plusMinutes(1));
  }

  @Test
  void goesToAnOperatorAtTheDeadlineWhoNamesTheRecordThenConfirms() throws Exception {
    jobDelivers("rp_rm3");
    recordSyncsAt(null, "never");

    PostingWorkflow workflow = start(resmanRequest("rm-3"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);
    env.sleep(Duration.ofDays(7).plusHours(1));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("approval deadline", "posting-rm-3", "Partner Transactions");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.APPROVAL_OVERDUE));
    assertThat(listCalls.get()).isBetween(14, 15);

    PostingStatus resolved = workflow.resolve(new RecordResolution("rp_rm3", "approved late, seen in ResMan"));

    assertThat(resolved.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(result(workflow).providerRecordId()).isEqualTo("rp_rm3");
    record("resman-deadline-resolved-confirmed", workflow);
  }

  @Test
  void thePmcRejectingThePaymentEndsItRejectedWithNothingPosted() throws Exception {
    jobDelivers("rp_rm4");
    recordSyncsAt(null, "never");

    PostingWorkflow workflow = start(resmanRequest("rm-4"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);
    PostingStatus status = workflow.rejectedByPmc(new OperatorDecision("rejected in Partner Transactions", "ops"));

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("PMC rejected", "nothing was posted", "ops");
    assertThat(result(workflow).state()).isEqualTo(PostingState.REJECTED);
    verify(propexo, never()).readResidentPayment(any());
    record("resman-pmc-rejected", workflow);
  }

  @Test
  void anOperatorMayCancelTheWaitAndIsToldToRejectItInTheQueue() {
    jobDelivers("rp_rm5");
    recordSyncsAt(null, "never");

    PostingWorkflow workflow = start(resmanRequest("rm-5"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);
    PostingStatus status = workflow.cancelWaiting(new OperatorDecision("resident paid twice", "ops"));

    assertThat(status.state()).isEqualTo(PostingState.CANCELLED);
    assertThat(status.lastError()).contains("must be rejected there");
  }

  @Test
  void approvalDecisionsAndSyncNoticesAreRefusedWhenThePostingIsNotWaitingForThem() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_pw"));
    when(propexo.awaitWriteStatus(any())).thenThrow(failure(FailureKind.JOB_PENDING, "PENDING"));
    PostingWorkflow propertyware = start(propertywareRequest("pw-rm6"));
    awaitState(propertyware, PostingState.AWAITING_JOB);

    assertThatThrownBy(() -> propertyware.rejectedByPmc(new OperatorDecision("x", "ops")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("has no approval step");
    assertThatThrownBy(() -> propertyware.noticeSyncedRecords(new SyncNotice("intg_1", "rp_1")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("not AWAITING_APPROVAL");
    assertThatThrownBy(() -> propertyware.noticeJobFailure(new JobFailureNotice("job_other", "FAILURE", List.of())))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("not job_other");
  }

  @Test
  void aDataNewWebhookFindsTheRecordAtOnceWithoutWaitingForTheNextRead() throws Exception {
    jobDelivers("rp_rm7");
    recordSyncsAt(null, "never");
    when(propexo.findResidentPayments(any())).thenReturn(List.of(
        resmanRecordOf("rp_other", 99_000, "OTHER"), resmanRecordOf("rp_rm7", 125_000, "RM20240615001")));

    PostingWorkflow workflow = start(resmanRequest("rm-7"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);
    Instant waitingSince = now();

    assertThatThrownBy(() -> workflow.noticeSyncedRecords(new SyncNotice("intg_elsewhere", "rp_x")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("intg_rm");
    workflow.noticeSyncedRecords(new SyncNotice("intg_rm", "rp_rm7"));
    PostingStatus status = result(workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_rm7");
    TimelineEntry confirmed = status.timeline().get(status.timeline().size() - 1);
    assertThat(Duration.between(waitingSince, confirmed.at())).isLessThan(Duration.ofMinutes(1));
    assertThat(listCalls.get()).as("only the watch's first read ran").isEqualTo(1);
    // the watch is left to end by itself (leave-watch-on-decision): no cancel that could race its attempt
    assertThat(client.fetchHistory(WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId()).getEvents())
        .extracting(HistoryEvent::getEventType).doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
    record("resman-webhook-found-confirmed-leaving-the-watch-running", workflow);
  }

  @Test
  void aDuplicateOnTheResendAfterAnUnclearWriteMeansTheFirstLanded() throws Exception {
    AtomicInteger submits = new AtomicInteger();
    when(propexo.submitResmanPayment(any())).thenAnswer(call -> {
      if (submits.incrementAndGet() == 1) {
        throw failure(FailureKind.UNKNOWN_OUTCOME, "503 from Propexo after the request was sent");
      }
      return new PropexoJob("job_resent");
    });
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("FAILURE",
        List.of("Failed to write resident transaction: Duplicate transaction ID"), null));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rm8")))
        .thenReturn(new ResidentPaymentLookup("rp_rm8", resmanRecordOf("rp_rm8", 125_000, "RM20240615001")));
    recordSyncsAt(now().plus(Duration.ofDays(1)), "rp_rm8");

    PostingWorkflow workflow = start(resmanRequest("rm-8"));
    PostingStatus status = result(workflow);
    record("resman-duplicate-on-resend-confirmed", workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).anyMatch(entry -> entry.detail().contains("proves that the earlier attempt landed"));
    ArgumentCaptor<ResmanPayment> sent = ArgumentCaptor.forClass(ResmanPayment.class);
    verify(propexo, times(2)).submitResmanPayment(sent.capture());
    assertThat(sent.getAllValues()).extracting(ResmanPayment::batchId).containsOnly("posting-rm-8");
    verify(propexo, never()).findResidentPayments(any());
  }

  @Test
  void aDuplicateOnAFirstTryIsARejection() {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_dup"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("FAILURE",
        List.of("Failed to write resident transaction: Duplicate transaction ID"), null));

    PostingStatus status = result(start(resmanRequest("rm-9")));

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("Duplicate transaction ID");
  }

  @Test
  void aWriteFailureWebhookEndsTheJobWaitEarly() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_slow"));
    when(propexo.awaitWriteStatus(any())).thenThrow(failure(FailureKind.JOB_PENDING, "PENDING"));

    PostingWorkflow workflow = start(resmanRequest("rm-10"));
    awaitState(workflow, PostingState.AWAITING_JOB);
    workflow.noticeJobFailure(new JobFailureNotice("job_slow", "FAILURE",
        List.of("{\"Message\":\"Resident is not active\"}")));
    PostingStatus status = result(workflow);
    record("resman-job-failure-webhook-rejected", workflow);

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("job_slow", "Resident is not active");
    assertThat(status.timeline()).anyMatch(entry -> entry.detail().contains("WRITE_OPERATION_FAILURE webhook"));
  }

  @Test
  void aWriteFailureWebhookWhileThePollWaitsForItsNextTryLeavesThePollAndTheHistoryReplays() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_slow"));
    when(propexo.awaitWriteStatus(any())).thenThrow(failure(FailureKind.JOB_PENDING, "PENDING"));
    PostingRequest request = resmanRequest("rm-10b");
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    // a callback, so that a Workflow.getVersion (the callback's) follows in the workflow task of the webhook
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy(), new CompletionCallback(
        "https://billing.example.com/postings/done", new RetrySchedule(Duration.ofSeconds(1), 2.0,
        Duration.ofSeconds(10)), Duration.ofMinutes(1), Duration.ofSeconds(10))));
    awaitState(workflow, PostingState.AWAITING_JOB);

    workflow.noticeJobFailure(new JobFailureNotice("job_slow", "FAILURE",
        List.of("{\"Message\":\"Resident is not active\"}")));
    PostingStatus status = result(workflow);
    record("resman-job-failure-webhook-with-a-callback-leaves-the-poll-to-end-by-itself", workflow);

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    verify(callbacks).deliver(any());
    WorkflowExecutionHistory history = client.fetchHistory(request.workflowId());
    assertThat(history.getEvents()).extracting(HistoryEvent::getEventType)
        .doesNotContain(EventType.EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED);
    // A cancel of the waiting poll made the server write ActivityTaskCanceled among the task's own events, and the
    // callback's version marker after it failed the replay ("Version is already set to -1").
    WorkflowReplayer.replayWorkflowExecution(history, PostingWorkflowImpl.class);
  }

  @Test
  void aFourteenDayWaitKeepsTheHistoryBounded() throws Exception {
    jobDelivers("rp_rm11");
    recordSyncsAt(now().plus(Duration.ofDays(14)), "rp_rm11");
    PostingPolicy patient = policy();
    patient = new PostingPolicy(patient.limits(), patient.propexo(), patient.parking(),
        new ResmanPolicy(Duration.ofDays(2), Duration.ofDays(15), SYNC, Map.of()), patient.acquaint(),
        patient.storedge());

    PostingWorkflow workflow = start(resmanRequest("rm-11"), patient);
    PostingStatus status = result(workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    Duration waited = waitedForApproval(status);
    int events = client.fetchHistory("posting-rm-11").getEvents().size();
    System.out.printf("resman wait of %s: %d synced-list reads, %d history events%n", waited, listCalls.get(), events);
    assertThat(waited).isGreaterThanOrEqualTo(Duration.ofDays(14).minusMinutes(1));
    // at most one list read per sync interval, plus the first look
    assertThat(listCalls.get()).isLessThanOrEqualTo((int) (waited.toMillis() / SYNC.toMillis()) + 1);
    assertThat(events).isLessThanOrEqualTo(60);
  }

  // Landed but called REJECTED or CANCELLED: every path where an earlier attempt may have landed ends
  // in NEEDS_ATTENTION with the evidence, or CONFIRMED.

  @Test
  void aResendAfterAnUnclearWriteThatFailsForAnotherReasonWaitsForAnOperatorNotRejected() throws Exception {
    AtomicInteger submits = new AtomicInteger();
    when(propexo.submitResmanPayment(any())).thenAnswer(call -> {
      if (submits.incrementAndGet() == 1) {
        throw failure(FailureKind.UNKNOWN_OUTCOME, "503 from Propexo after the request was sent");
      }
      return new PropexoJob("job_resent");
    });
    // the second copy is refused for a reason of its own: it says nothing about the first
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("FAILURE",
        List.of("{\"Message\":\"Resident is not active\"}"), null));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rm12")))
        .thenReturn(new ResidentPaymentLookup("rp_rm12", resmanRecordOf("rp_rm12", 125_000, "RM20240615001")));

    PostingWorkflow workflow = start(resmanRequest("rm-12"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    PostingStatus waiting = workflow.status();
    assertThat(waiting.lastError()).contains("job_resent", "Resident is not active", "re-send after an unclear",
        "may have landed", "Partner Transactions", "posting-rm-12");
    verify(propexo, times(2)).submitResmanPayment(any());

    // the operator finds the first attempt approved in ResMan and names it
    PostingStatus resolved = workflow.resolve(new RecordResolution("rp_rm12", "first attempt approved in ResMan"));
    assertThat(resolved.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(result(workflow).state()).isEqualTo(PostingState.CONFIRMED);
    verify(propexo, times(2)).submitResmanPayment(any());
    record("resman-a-failed-resend-after-an-unclear-write-waits-for-an-operator", workflow);
  }

  @Test
  void aJobNoticeWhoseWriteStatusIsNotFailureDoesNotEndTheWait() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_part"));
    AtomicInteger polls = new AtomicInteger();
    Instant succeedsAt = now().plus(Duration.ofMinutes(30));
    when(propexo.awaitWriteStatus(any())).thenAnswer(call -> {
      polls.incrementAndGet();
      if (env.currentTimeMillis() < succeedsAt.toEpochMilli()) {
        throw failure(FailureKind.JOB_PENDING, "PENDING");
      }
      return new WriteStatus("PARTIAL_SUCCESS", List.of("one of two lines written"), null);
    });
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rm13")))
        .thenReturn(new ResidentPaymentLookup("rp_rm13", resmanRecordOf("rp_rm13", 125_000, "RM20240615001")));
    recordSyncsAt(now().plus(Duration.ofDays(1)), "rp_rm13");

    PostingWorkflow workflow = start(resmanRequest("rm-13"));
    awaitState(workflow, PostingState.AWAITING_JOB);
    for (String notFailure : List.of("PARTIAL_SUCCESS", "SUCCESS", "PENDING")) {
      assertThatThrownBy(() -> workflow.noticeJobFailure(new JobFailureNotice("job_part", notFailure,
          List.of("one of two lines written"))))
          .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("is not FAILURE");
    }
    assertThat(workflow.status().state()).isEqualTo(PostingState.AWAITING_JOB);

    PostingStatus status = result(workflow);
    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_rm13");
    assertThat(status.timeline()).noneMatch(entry -> entry.detail().contains("WRITE_OPERATION_FAILURE webhook"));
  }

  @Test
  void aNamedRecordCannotBeCalledRejectedByThePmcNorCancelledAsIfNothingWasPosted() throws Exception {
    // the synced record is this posting's (its reference) but ResMan kept another amount: it landed, wrongly
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_rm14"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_rm14"))).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rm14")))
        .thenReturn(new ResidentPaymentLookup("rp_rm14", resmanRecordOf("rp_rm14", 99_000, "RM20240615001")));
    when(propexo.submitResidentCharge(any())).thenReturn(new PropexoJob("job_rc14"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_rc14")))
        .thenReturn(new WriteStatus("SUCCESS", List.of(), "rc_rm14"));
    recordSyncsAt(now().plus(Duration.ofHours(12)), "rp_rm14");

    PostingWorkflow workflow = start(resmanRequest("rm-14"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);
    env.sleep(Duration.ofHours(13));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("rp_rm14", "reversed by rc_rm14");

    assertThatThrownBy(() -> workflow.rejectedByPmc(new OperatorDecision("rejected in the queue", "ops")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("has no approval step");
    PostingStatus cancelled = workflow.cancelWaiting(new OperatorDecision("resident paid twice", "ops"));

    assertThat(cancelled.state()).isEqualTo(PostingState.COMPENSATED);
    assertThat(cancelled.lastError()).contains("already reversed by rc_rm14").doesNotContain("must be rejected there");
    assertThat(result(workflow).state()).isEqualTo(PostingState.COMPENSATED);
    record("resman-a-named-record-is-no-longer-in-the-approval-stage", workflow);
  }
}
