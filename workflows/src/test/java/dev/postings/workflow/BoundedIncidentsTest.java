package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static dev.postings.workflow.PostingFixtures.recordOf;
import static dev.postings.workflow.PostingFixtures.resmanRecordOf;
import static dev.postings.workflow.PostingFixtures.resmanRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.PostingRequest;
import dev.postings.redrive.RedriveOrder;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Incidents cost bounded history, on the posting's side: a long 429 loop parks after its budget, the
 * scheduled re-drive waits out a parking's own share of its back-off, a notice already pending is not queued twice,
 * and a wait that ended by its condition cancels its timer.
 */
class BoundedIncidentsTest {

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

  private void awaitState(PostingWorkflow workflow, PostingState state) {
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == state);
  }

  private List<EventType> events(PostingRequest request) {
    return client.fetchHistory(request.workflowId()).getEvents().stream().map(HistoryEvent::getEventType).toList();
  }

  private static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED).build();
  }

  @Test
  void writesAnswered429ForLongerThanTheBudgetPark() {
    AtomicInteger sent = new AtomicInteger();
    when(propexo.submitPropertywarePayment(any())).thenAnswer(call -> {
      sent.incrementAndGet();
      throw ApplicationFailure.newBuilder().setType(FailureKind.RATE_LIMITED.name()).setMessage("429 from Propexo")
          .setNextRetryDelay(Duration.ofMinutes(1)).build();
    });
    PostingRequest request = propertywareRequest("pw-429");

    PostingWorkflow workflow = start(request);
    awaitState(workflow, PostingState.SUBMITTING);
    env.sleep(ParkingPolicy.DEFAULT_RATE_LIMIT_BUDGET.plusMinutes(2));
    awaitState(workflow, PostingState.PARKED);

    assertThat(workflow.status().lastError()).contains("answered 429 for", "budget PT15M");
    // one write a minute for the 15 minutes of the budget, then nothing until the parking ends
    assertThat(sent.get()).isBetween(15, 17);
    HistoryRecording.keep(client, request.workflowId(), "bounded-writes-answered-429-past-the-budget-park");
  }

  @Test
  void theScheduledRedriveWaitsOutTheParkingsOwnShareOfItsBackOffAnOperatorDoesNot() {
    when(propexo.submitPropertywarePayment(any())).thenThrow(failure(FailureKind.PROVIDER_UNAVAILABLE, "503"));
    PostingRequest request = propertywareRequest("pw-spacing");
    PostingWorkflow workflow = start(request);
    env.sleep(Duration.ofMinutes(5));
    awaitState(workflow, PostingState.PARKED);

    // the first parking waits 1 h; the schedule may end it after half of that
    assertThatThrownBy(() -> workflow.retryNow(new OperatorDecision(null, RedriveOrder.SCHEDULED)))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("its own back-off");
    env.sleep(Duration.ofMinutes(31));
    assertThat(workflow.status().state()).isEqualTo(PostingState.PARKED);
    workflow.retryNow(new OperatorDecision(null, RedriveOrder.SCHEDULED));
    assertThat(workflow.status().timeline()).extracting(TimelineEntry::detail)
        .contains("re-driven by " + RedriveOrder.SCHEDULED);

    // parked again (the provider is still down): an operator is never held back
    env.sleep(Duration.ofMinutes(2));
    awaitState(workflow, PostingState.PARKED);
    workflow.retryNow(new OperatorDecision(null, "ops-anna"));
    assertThat(workflow.status().timeline()).extracting(TimelineEntry::detail).contains("re-driven by ops-anna");
  }

  @Test
  void aParkingEndedByARetryCancelsItsTimer() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_t"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_t"));
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      // the first read rides with the job's outcome (its failure is left to the workflow's own read-back), then the
      // workflow's read and its retries: four failures spend them all
      if (reads.incrementAndGet() <= 4) {
        throw failure(FailureKind.CREDENTIALS_REFUSED, "401 from Propexo");
      }
      return new ResidentPaymentLookup("rp_t", recordOf("rp_t", 125_000, "CHK20240115001"));
    });
    PostingRequest request = propertywareRequest("pw-timer");
    PostingWorkflow workflow = start(request);
    awaitState(workflow, PostingState.PARKED);
    workflow.retryNow(new OperatorDecision(null, "ops-anna"));
    assertThat(WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class).state())
        .isEqualTo(PostingState.CONFIRMED);

    List<EventType> events = events(request);
    assertThat(events).contains(EventType.EVENT_TYPE_TIMER_STARTED, EventType.EVENT_TYPE_TIMER_CANCELED)
        .doesNotContain(EventType.EVENT_TYPE_TIMER_FIRED);
    HistoryRecording.keep(client, request.workflowId(), "bounded-a-parking-ended-by-a-retry-cancels-its-timer");
  }

  @Test
  void aSyncNoticeThatComesWhileALookIsAlreadyDueIsRefused() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_rmn"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.awaitSyncedResidentPayment(any())).thenThrow(failure(FailureKind.RECORD_NOT_SYNCED, "not yet"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rmn")))
        .thenReturn(new ResidentPaymentLookup("rp_rmn", resmanRecordOf("rp_rmn", 125_000, "RM20240615001")));
    CountDownLatch lookStarted = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger looks = new AtomicInteger();
    when(propexo.findResidentPayments(any())).thenAnswer(call -> {
      if (looks.incrementAndGet() == 1) {
        lookStarted.countDown();
        release.await(10, TimeUnit.SECONDS);
        return List.of();
      }
      return List.of(resmanRecordOf("rp_rmn", 125_000, "RM20240615001"));
    });
    PostingRequest request = resmanRequest("rm-notices");
    PostingWorkflow workflow = start(request);
    awaitState(workflow, PostingState.AWAITING_APPROVAL);

    workflow.noticeSyncedRecords(new SyncNotice("intg_rm", "rp_other"));
    assertThat(lookStarted.await(10, TimeUnit.SECONDS)).isTrue();
    // while the first look runs, a second notice is accepted: it may be about a record synced after the look began
    WorkflowStub.fromTyped(workflow).startUpdate(UpdateOptions.newBuilder(PostingStatus.class)
        .setUpdateName("noticeSyncedRecords").setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(),
        new SyncNotice("intg_rm", "rp_rmn"));
    // a third adds nothing to the look the second already asked for
    assertThatThrownBy(() -> workflow.noticeSyncedRecords(new SyncNotice("intg_rm", "rp_third")))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("already pending");
    release.countDown();

    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(looks.get()).isEqualTo(2);
  }
}
