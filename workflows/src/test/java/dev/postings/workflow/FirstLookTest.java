package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static dev.postings.workflow.PostingFixtures.recordOf;
import static dev.postings.workflow.PostingFixtures.resmanRecordOf;
import static dev.postings.workflow.PostingFixtures.resmanRequest;
import static org.assertj.core.api.Assertions.assertThat;
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
import dev.postings.workflow.propexo.SettledJob;
import dev.postings.workflow.propexo.SubmittedJob;
import dev.postings.workflow.propexo.SyncedPaymentMatches;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The first look at a Propexo job, taken in the write's own activity (docs/decisions/0027-first-look-at-the-job.md): a
 * job settled by then is neither polled nor shown AWAITING_JOB, and costs the posting a third fewer history events; a
 * job the look did not see settled leaves it to the poll as before, and the write is never sent again.
 */
class FirstLookTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  // The write with its look is the adapter's (tested over HTTP, a failed look included); here it answers what the look
  // saw, and the poll the interface composes runs on the stubbed calls.
  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));

  private WorkflowClient client;
  private WorkflowOptions options;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(PROPEXO_QUEUE);
    activityWorker.registerActivitiesImplementations(propexo);
    env.start();
  }

  private static PostingPolicy lookingFirst() {
    return PostingFixtures.policyLookingFirst();
  }

  private PostingStatus post(PostingRequest request, PostingPolicy policy) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy));
    return WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
  }

  private List<HistoryEvent> history(PostingRequest request) {
    return client.fetchHistory(request.workflowId()).getEvents();
  }

  private static List<String> activities(List<HistoryEvent> events) {
    return events.stream().filter(HistoryEvent::hasActivityTaskScheduledEventAttributes)
        .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
  }

  private static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message).build();
  }

  private void propertywareJobSettlesNaming(String recordId) {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_fl"));
    when(propexo.readResidentPayment(new ResidentPaymentRef(recordId)))
        .thenReturn(new ResidentPaymentLookup(recordId, recordOf(recordId, 125_000, "CHK20240115001")));
  }

  /** The write answered with {@code job}; the look saw it settled ({@code settled}) or not (null). */
  private void propertywareLookSaw(String job, SettledJob settled) {
    when(propexo.submitPropertywarePaymentAndLook(any())).thenReturn(new SubmittedJob(new PropexoJob(job), settled));
  }

  @Test
  void aJobSettledByTheFirstLookIsNeitherPolledNorAwaitedAndCostsFewerEvents() {
    propertywareJobSettlesNaming("rp_fl1");
    WriteStatus settled = new WriteStatus("SUCCESS", List.of(), "rp_fl1");
    when(propexo.awaitWriteStatus(any())).thenReturn(settled);
    propertywareLookSaw("job_fl", new SettledJob(settled,
        new ResidentPaymentLookup("rp_fl1", recordOf("rp_fl1", 125_000, "CHK20240115001"))));
    PostingRequest request = propertywareRequest("pw-fl1");

    PostingStatus status = post(request, lookingFirst());
    HistoryRecording.keep(client, request.workflowId(), "propertyware-first-look-settled-confirmed");

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerJobId()).isEqualTo("job_fl");
    assertThat(status.providerRecordId()).isEqualTo("rp_fl1");
    assertThat(status.timeline()).extracting(TimelineEntry::state).doesNotContain(PostingState.AWAITING_JOB);
    List<HistoryEvent> events = history(request);
    assertThat(activities(events)).containsExactly("SubmitPropertywarePaymentAndLook");
    verify(propexo, times(1)).submitPropertywarePaymentAndLook(any());
    // the record the look read back is the one verified: no read of its own
    verify(propexo, never()).readResidentPayment(any());
    verify(propexo, never()).submitPropertywarePayment(any());

    // the same posting without the look, for the figure: the poll's activity, its workflow task, AWAITING_JOB
    PostingRequest polled = propertywareRequest("pw-fl1-polled");
    assertThat(post(polled, policy()).state()).isEqualTo(PostingState.CONFIRMED);
    int withLook = events.size();
    int withPoll = history(polled).size();
    System.out.println("first look: a Propertyware posting whose job settled by the look: " + withLook
        + " history events, " + withPoll + " with the poll");
    assertThat(withLook).isLessThanOrEqualTo(18).isLessThan(withPoll);
  }

  @Test
  void aJobStillPendingAtTheFirstLookIsPolledAsBefore() {
    propertywareJobSettlesNaming("rp_fl2");
    propertywareLookSaw("job_fl", null);
    when(propexo.awaitWriteStatus(any()))
        .thenThrow(failure(FailureKind.JOB_PENDING, "job job_fl is PENDING"))
        .thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_fl2"));
    PostingRequest request = propertywareRequest("pw-fl2");

    PostingStatus status = post(request, lookingFirst());
    HistoryRecording.keep(client, request.workflowId(), "propertyware-first-look-pending-polled-confirmed");

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerJobId()).isEqualTo("job_fl");
    assertThat(status.timeline()).extracting(TimelineEntry::state).contains(PostingState.AWAITING_JOB);
    assertThat(activities(history(request)))
        .containsExactly("SubmitPropertywarePaymentAndLook", "AwaitWriteStatusAndReadRecord");
    verify(propexo, times(1)).submitPropertywarePaymentAndLook(any());
    verify(propexo, never()).submitPropertywarePayment(any());
  }

  @Test
  void aWriteWhoseLookSawNothingIsLeftToThePollEvenWhenThePollFailsAndIsNeverSentAgain() {
    propertywareJobSettlesNaming("rp_fl3");
    propertywareLookSaw("job_fl", null);
    when(propexo.awaitWriteStatus(any()))
        .thenThrow(failure(FailureKind.UNKNOWN_OUTCOME, "write-status answered 502"))
        .thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_fl3"));
    PostingRequest request = propertywareRequest("pw-fl3");

    PostingStatus status = post(request, lookingFirst());

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_fl3");
    verify(propexo, times(1)).submitPropertywarePaymentAndLook(any());
    verify(propexo, never()).submitPropertywarePayment(any());
    assertThat(activities(history(request)))
        .containsExactly("SubmitPropertywarePaymentAndLook", "AwaitWriteStatusAndReadRecord");
  }

  @Test
  void aResmanJobDeliveredByTheFirstLookGoesStraightToTheApprovalWait() {
    when(propexo.submitResmanPaymentAndLook(any())).thenReturn(new SubmittedJob(new PropexoJob("job_rm_fl"),
        new SettledJob(new WriteStatus("SUCCESS", List.of(), null), null)));
    when(propexo.awaitSyncedResidentPayment(any())).thenReturn(new SyncedPaymentMatches(List.of("rp_rm_fl"), 1));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rm_fl")))
        .thenReturn(new ResidentPaymentLookup("rp_rm_fl", resmanRecordOf("rp_rm_fl", 125_000, "RM20240615001")));
    PostingRequest request = resmanRequest("rm-fl");

    PostingStatus status = post(request, lookingFirst());
    HistoryRecording.keep(client, request.workflowId(), "resman-first-look-delivered-confirmed");

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).extracting(TimelineEntry::state)
        .doesNotContain(PostingState.AWAITING_JOB).contains(PostingState.AWAITING_APPROVAL);
    assertThat(activities(history(request)).get(0)).isEqualTo("SubmitResmanPaymentAndLook");
    assertThat(activities(history(request))).doesNotContain("AwaitWriteStatus");
    verify(propexo, never()).submitResmanPayment(any());
  }
}
