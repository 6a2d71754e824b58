package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
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

import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.workflow.propexo.PropertywarePayment;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.mockito.ArgumentCaptor;

class PostingWorkflowTest {

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

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(PROPEXO_QUEUE);
    activityWorker.registerActivitiesImplementations(propexo);
    env.start();
  }

  private PostingWorkflow start(PostingRequest request) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    return workflow;
  }

  private PostingStatus result(PostingWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
  }

  /**
   * With {@code -Dhistories.record=<dir>}, keeps the history of this run as {@code <dir>/<name>.json} for {@link
   * PostingWorkflowReplayTest}: histories recorded before a workflow change prove the change replays.
   */
  private void record(String name, PostingWorkflow workflow) {
    HistoryRecording.keep(client, WorkflowStub.fromTyped(workflow).getExecution().getWorkflowId(), name);
  }

  private void awaitState(PostingWorkflow workflow, PostingState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == state);
  }

  /** The record {@code id} exists and matches the request (amount and reference of propertywareRequest). */
  private void readsBack(String id) {
    when(propexo.readResidentPayment(new ResidentPaymentRef(id))).thenReturn(matching(id));
  }

  private static ResidentPaymentLookup matching(String id) {
    return new ResidentPaymentLookup(id, recordOf(id, 125_000, "CHK20240115001"));
  }

  private static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED).build();
  }

  /**
   * The created record is read back in the job's own activity: one activity, one workflow task fewer, and still exactly
   * one read of the record.
   */
  @Test
  void theCreatedRecordIsReadBackWithTheJobsOutcomeNotInAnActivityOfItsOwn() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_rw"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_rw"));
    readsBack("rp_rw");

    PostingWorkflow workflow = start(propertywareRequest("pw-rw"));
    assertThat(result(workflow).state()).isEqualTo(PostingState.CONFIRMED);

    assertThat(client.fetchHistory("posting-pw-rw").getEvents().stream()
        .filter(event -> event.hasActivityTaskScheduledEventAttributes())
        .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()))
        .containsExactly("SubmitPropertywarePayment", "AwaitWriteStatusAndReadRecord");
    verify(propexo, times(1)).readResidentPayment(new ResidentPaymentRef("rp_rw"));
  }

  /** A record that did not match is read again when an operator names it again (corrected in the PMS meanwhile). */
  @Test
  void aRecordNamedAgainAfterAMismatchIsReadAgainNotTakenFromTheJob() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_ra"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_ra"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_ra")))
        .thenReturn(new ResidentPaymentLookup("rp_ra", recordOf("rp_ra", 125_000, "SOMEONE-ELSE")))
        .thenReturn(matching("rp_ra"));

    PostingWorkflow workflow = start(propertywareRequest("pw-ra"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    workflow.resolve(new RecordResolution("rp_ra", "reference corrected in Propertyware"));

    awaitState(workflow, PostingState.CONFIRMED);
    verify(propexo, times(2)).readResidentPayment(new ResidentPaymentRef("rp_ra"));
  }

  @Test
  void confirmsWhenTheJobSucceedsAndTheRecordReadsBack() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_1"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_1"));
    readsBack("rp_1");

    PostingWorkflow workflow = start(propertywareRequest("pw-1"));
    PostingStatus status = result(workflow);
    record("propertyware-confirmed", workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerJobId()).isEqualTo("job_1");
    assertThat(status.providerRecordId()).isEqualTo("rp_1");
    assertThat(status.timeline()).extracting(TimelineEntry::state).containsSubsequence(
        PostingState.RECEIVED, PostingState.SUBMITTING, PostingState.AWAITING_JOB,
        PostingState.DISCOVERING_RECORD, PostingState.CONFIRMED);
    ArgumentCaptor<PropertywarePayment> sent = ArgumentCaptor.forClass(PropertywarePayment.class);
    verify(propexo).submitPropertywarePayment(sent.capture());
    assertThat(sent.getValue().amountInCents()).isEqualTo(125_000);
    assertThat(sent.getValue().referenceNumber()).isEqualTo("CHK20240115001");
    assertThat(client.newUntypedWorkflowStub("posting-pw-1").describe().getTypedSearchAttributes()
        .get(PostingSearchAttributes.POSTING_STATE)).isEqualTo("CONFIRMED");
  }

  @Test
  void rejectsWithThePmsErrorsWhenTheJobFails() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_2"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("FAILURE",
        List.of("{\"ErrorCode\":\"InvalidTenant\",\"Message\":\"Resident is not on the lease\"}"), null));

    PostingWorkflow workflow = start(propertywareRequest("pw-2"));
    PostingStatus status = result(workflow);
    record("propertyware-job-failure-rejected", workflow);

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("job_2", "FAILURE", "InvalidTenant");
    verify(propexo, never()).readResidentPayment(any());
    verify(propexo, never()).findResidentPayments(any());
  }

  @Test
  void waitsForAJobPendingForHoursWithoutGrowingTheHistory() throws Exception {
    long pendingUntil = env.currentTimeMillis() + Duration.ofHours(5).toMillis();
    AtomicInteger polls = new AtomicInteger();
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_3"));
    when(propexo.awaitWriteStatus(any())).thenAnswer(call -> {
      polls.incrementAndGet();
      if (env.currentTimeMillis() < pendingUntil) {
        throw failure(FailureKind.JOB_PENDING, "job job_3 is PENDING");
      }
      return new WriteStatus("SUCCESS", List.of(), "rp_3");
    });
    readsBack("rp_3");

    PostingWorkflow workflow = start(propertywareRequest("pw-3"));
    PostingStatus status = result(workflow);
    record("propertyware-job-pending-hours-confirmed", workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(env.currentTimeMillis()).isGreaterThanOrEqualTo(pendingUntil);
    int events = client.fetchHistory("posting-pw-3").getEvents().size();
    System.out.printf("job pending 5 hours: %d write-status polls, %d history events%n", polls.get(), events);
    // Every poll is a retry of one activity: the history holds the same events whether it took 1 poll or 40.
    assertThat(polls.get()).isGreaterThan(20);
    // 32, the same as a job that succeeds at once: 30, and the registry's 2 (its version marker, the end told)
    assertThat(events).isLessThanOrEqualTo(32);
  }

  @Test
  void needsAttentionWhenTheReadBackDoesNotMatchThenConfirmsTheRecordAnOperatorNames() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_4"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_wrong"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_wrong")))
        .thenReturn(new ResidentPaymentLookup("rp_wrong", recordOf("rp_wrong", 12_500, "CHK20240115001")));
    readsBack("rp_right");

    PostingWorkflow workflow = start(propertywareRequest("pw-4"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("rp_wrong", "amount_in_cents 12500 != 125000");
    assertThat(workflow.status().providerRecordId()).isNull();

    PostingStatus afterResolve = workflow.resolve(new RecordResolution("rp_right", "found in Propertyware"));

    assertThat(afterResolve.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(result(workflow).providerRecordId()).isEqualTo("rp_right");
    record("propertyware-mismatch-resolved-confirmed", workflow);
  }

  @Test
  void aRecordIdOfAnotherModelIsNotConfirmed() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_5"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "chg_1"));
    when(propexo.readResidentPayment(any())).thenReturn(new ResidentPaymentLookup("chg_1", null));

    PostingWorkflow workflow = start(propertywareRequest("pw-5"));

    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("no resident payment chg_1");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.RECORD_MISMATCH));
  }

  @Test
  void searchesByResidentAndReferenceWhenTheJobGivesNoRecordId() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_6"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.findResidentPayments(any())).thenReturn(List.of(
        recordOf("rp_other", 125_000, "CHK-OTHER"),
        recordOf("rp_6", 125_000, "CHK20240115001")));
    readsBack("rp_6");

    PostingWorkflow workflow = start(propertywareRequest("pw-6"));
    PostingStatus status = result(workflow);
    record("propertyware-no-record-id-searched-confirmed", workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_6");
  }

  @Test
  void aSearchDoesNotTakeAnotherPaymentThatSharesReferenceAndAmount() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_14"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    ResidentPayment sameReferenceOtherDay = new ResidentPayment("rp_day", "intg_1", "res_1", "lease_1", 125_000L,
        "CHK20240115001", "2024-01-16T09:30:00Z", "rent", null);
    ResidentPayment createdLastYear = new ResidentPayment("rp_old", "intg_1", "res_1", "lease_1", 125_000L,
        "CHK20240115001", "2024-01-15T09:30:00Z", "rent", "2020-01-01T00:00:00Z");
    when(propexo.findResidentPayments(any())).thenReturn(List.of(sameReferenceOtherDay, createdLastYear));

    PostingWorkflow workflow = start(propertywareRequest("pw-14"));

    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("none matched");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.RECORD_NOT_FOUND));
    verify(propexo, never()).readResidentPayment(any());
  }

  @Test
  void aCancelBeforeAnythingWasSentCancels() throws Exception {
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(failure(FailureKind.NOT_SENT, "connection refused"));

    PostingWorkflow workflow = start(propertywareRequest("pw-15"));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().timeline().stream()
        .anyMatch(entry -> entry.detail().startsWith("not sent")));
    WorkflowStub.fromTyped(workflow).cancel();

    // Temporal closes a workflow whose cancel was requested as "canceled" even when it returns normally: the posting's
    // own outcome is what the query (and the PostingState search attribute) tell.
    awaitState(workflow, PostingState.CANCELLED);
    PostingStatus status = workflow.status();
    assertThat(status.lastError()).contains("nothing was posted");
  }

  @Test
  void aCancelAfterTheWriteWasSentFinishesThePostingThenReversesWhatLanded() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_16"));
    long pendingUntil = env.currentTimeMillis() + Duration.ofMinutes(1).toMillis();
    when(propexo.awaitWriteStatus(new PropexoJob("job_16"))).thenAnswer(call -> {
      if (env.currentTimeMillis() < pendingUntil) {
        throw failure(FailureKind.JOB_PENDING, "PENDING");
      }
      return new WriteStatus("SUCCESS", List.of(), "rp_16");
    });
    readsBack("rp_16");
    when(propexo.submitResidentCharge(any())).thenReturn(new PropexoJob("job_rc16"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_rc16"))).thenReturn(new WriteStatus("SUCCESS", List.of(), "rc_16"));

    PostingWorkflow workflow = start(propertywareRequest("pw-16"));
    awaitState(workflow, PostingState.AWAITING_JOB);
    WorkflowStub.fromTyped(workflow).cancel();
    env.sleep(Duration.ofMinutes(2));

    // The cancel did not cut the posting short (its outcome is known: rp_16), and then what landed was reversed
    awaitState(workflow, PostingState.COMPENSATED);
    PostingStatus status = workflow.status();
    assertThat(status.providerRecordId()).isEqualTo("rp_16");
    assertThat(status.timeline()).extracting(TimelineEntry::state).contains(PostingState.CONFIRMED);
    assertThat(status.lastError()).contains("record rp_16 was reversed by rc_16");
    verify(propexo, times(1)).submitResidentCharge(any());
  }

  @Test
  void rejectsWhatTheProviderRefusesAndWhatIsInvalidWithoutRetrying() throws Exception {
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(failure(FailureKind.REJECTED, "400 invalid_request: payment_type"));
    assertThat(result(start(propertywareRequest("pw-7"))).state()).isEqualTo(PostingState.REJECTED);
    verify(propexo, times(1)).submitPropertywarePayment(any());

    PostingRequest valid = propertywareRequest("pw-8");
    PostingRequest invalid = new PostingRequest(valid.postingId(), valid.provider(), new Money(-5, "GBP"),
        valid.transactionDate(), "BITCOIN", valid.referenceNumber(), valid.description(), valid.target());
    PostingWorkflow invalidWorkflow = start(invalid);
    PostingStatus status = result(invalidWorkflow);
    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("amount.minor", "amount.currency", "paymentType");
    verify(propexo, times(1)).submitPropertywarePayment(any());
    record("invalid-request-rejected", invalidWorkflow);
  }

  @Test
  void anUnclearWriteIsLookedUpNotSentAgain() throws Exception {
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "502 after the request was sent"));
    when(propexo.findResidentPayments(any())).thenReturn(List.of(recordOf("rp_9", 125_000, "CHK20240115001")));
    readsBack("rp_9");

    PostingWorkflow workflow = start(propertywareRequest("pw-9"));
    PostingStatus landed = result(workflow);
    record("propertyware-unclear-write-found-confirmed", workflow);

    assertThat(landed.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(landed.providerRecordId()).isEqualTo("rp_9");
    verify(propexo, times(1)).submitPropertywarePayment(any());
  }

  @Test
  void anUnclearWriteThatCannotBeFoundWaitsForAnOperator() throws Exception {
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "read timed out after the request was sent"));
    when(propexo.findResidentPayments(any())).thenReturn(List.of());

    PostingWorkflow workflow = start(propertywareRequest("pw-10"));
    // The workflow gives any job the write started until the job's deadline to show up; an operator before that could
    // post by hand what the job then posts too.
    env.sleep(policy().propexo().jobDeadline().minusHours(1));
    assertThat(workflow.status().state()).isEqualTo(PostingState.SUBMITTING);
    env.sleep(Duration.ofHours(1).plusMinutes(1));

    awaitState(workflow, PostingState.NEEDS_ATTENTION);
    assertThat(workflow.status().lastError()).contains("unknown", "not sent again", "until the job's deadline (PT48H");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.UNKNOWN_OUTCOME));
    verify(propexo, times(1)).submitPropertywarePayment(any());
    // the settle time, then doubling up to an hour: some fifty searches in two days, not one per poll
    int searches = org.mockito.Mockito.mockingDetails(propexo).getInvocations().stream()
        .filter(call -> call.getMethod().getName().equals("findResidentPayments")).toList().size();
    assertThat(searches).isBetween(40, 60);
    record("propertyware-unclear-write-searched-until-the-job-deadline-needs-attention", workflow);
  }

  @Test
  void anUnclearWriteWhoseJobLandsHoursLaterIsFoundWithoutAnOperator() throws Exception {
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "read timed out after the request was sent"));
    long landsAt = env.currentTimeMillis() + Duration.ofHours(6).toMillis();
    when(propexo.findResidentPayments(any())).thenAnswer(call -> env.currentTimeMillis() < landsAt ? List.of()
        : List.of(recordOf("rp_late", 125_000, "CHK20240115001")));
    readsBack("rp_late");

    PostingWorkflow workflow = start(propertywareRequest("pw-10-late"));
    PostingStatus status = result(workflow);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_late");
    assertThat(status.timeline()).extracting(TimelineEntry::state).doesNotContain(PostingState.NEEDS_ATTENTION);
    verify(propexo, times(1)).submitPropertywarePayment(any());
    record("propertyware-unclear-write-found-hours-later-confirmed", workflow);
  }

  @Test
  void aWriteThatWasNotSentIsSentAgain() throws Exception {
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(failure(FailureKind.NOT_SENT, "connection refused"))
        .thenReturn(new PropexoJob("job_11"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_11"));
    readsBack("rp_11");

    PostingWorkflow workflow = start(propertywareRequest("pw-11"));
    assertThat(result(workflow).state()).isEqualTo(PostingState.CONFIRMED);
    record("propertyware-not-sent-resent-confirmed", workflow);
    verify(propexo, times(2)).submitPropertywarePayment(any());
  }

  @Test
  void rateLimitedWritesWaitForRetryAfterAndDoNotUseUpTheAttempts() throws Exception {
    ApplicationFailure limited = ApplicationFailure.newBuilder().setType(FailureKind.RATE_LIMITED.name())
        .setMessage("429 from Propexo").setNextRetryDelay(Duration.ofSeconds(37)).build();
    // more 429s in a row than the policy's 3 attempts: none of them may park the posting
    when(propexo.submitPropertywarePayment(any()))
        .thenThrow(limited, limited, limited, limited, limited)
        .thenReturn(new PropexoJob("job_17"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_17"));
    readsBack("rp_17");

    PostingStatus status = result(start(propertywareRequest("pw-17")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).extracting(TimelineEntry::state).doesNotContain(PostingState.PARKED);
    assertThat(status.timeline()).extracting(TimelineEntry::detail)
        .filteredOn(detail -> detail.endsWith("sending again in 37s")).hasSize(5);
    verify(propexo, times(6)).submitPropertywarePayment(any());
  }

  @Test
  void parksWhenReadsKeepFailingAndResumesOnRetryNow() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_12"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_12"));
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      // the first read rides with the job's outcome (its failure is left to the workflow's own read-back), then the
      // workflow's read and its retries: four failures spend them all
      if (reads.incrementAndGet() <= 4) {
        throw failure(FailureKind.CREDENTIALS_REFUSED, "401 from Propexo");
      }
      return matching("rp_12");
    });

    PostingWorkflow workflow = start(propertywareRequest("pw-12"));
    awaitState(workflow, PostingState.PARKED);
    assertThat(workflow.status().lastError()).contains("401");
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.PARKED_CREDENTIALS_REFUSED));

    workflow.retryNow(new OperatorDecision(null, "ops-anna"));

    PostingStatus done = result(workflow);
    assertThat(done.state()).isEqualTo(PostingState.CONFIRMED);
    // who asked for the re-drive is on the timeline
    assertThat(done.timeline()).extracting(TimelineEntry::detail).contains("re-driven by ops-anna");
    record("propertyware-parked-retried-confirmed", workflow);
  }

  @Test
  void operatorActionsAreRefusedWhenThePostingIsNotWaitingForThem() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_13"));
    when(propexo.awaitWriteStatus(any())).thenThrow(failure(FailureKind.JOB_PENDING, "PENDING"));

    PostingWorkflow workflow = start(propertywareRequest("pw-13"));
    awaitState(workflow, PostingState.AWAITING_JOB);

    assertThatThrownBy(() -> workflow.resolve(new RecordResolution("rp_x", null)))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("not NEEDS_ATTENTION");
    assertThatThrownBy(() -> workflow.retryNow(new OperatorDecision(null, "ops-anna")))
        .isInstanceOf(WorkflowUpdateException.class)
        .rootCause().hasMessageContaining("not PARKED");
  }
}
