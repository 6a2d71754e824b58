package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.policyLookingFirst;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static dev.postings.workflow.PostingFixtures.recordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.SettledJob;
import dev.postings.workflow.propexo.SubmittedJob;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.common.converter.DefaultDataConverter;
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

/**
 * The {@code PostingState} search attribute: published for every state something finds postings by, never for a
 * working state that follows RECEIVED (each upsert is a history event), and never left naming a wait that is over. A
 * posting the starter registered leaves its end to the registry unless it waited (decision 0028).
 */
class PostingStateAttributeTest {

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

  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(PROPEXO_QUEUE);
    activityWorker.registerActivitiesImplementations(propexo);
    env.start();
  }

  @org.junit.jupiter.api.AfterEach
  void keepHistory(org.junit.jupiter.api.TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("state-attribute", test.getTestMethod().orElseThrow().getName()));
  }

  /** As the starter starts a posting: the start options already say RECEIVED. */
  private PostingWorkflow start(PostingRequest request) {
    return start(request, new PostingOrder(request, policy()));
  }

  private PostingWorkflow start(PostingRequest request, PostingOrder order) {
    lastWorkflowId = request.workflowId();
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options)
            .setWorkflowId(request.workflowId())
            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                .set(PostingSearchAttributes.POSTING_STATE, PostingState.RECEIVED.name())
                .set(PostingSearchAttributes.POSTING_PROVIDER, request.provider().name())
                .build())
            .build());
    WorkflowClient.start(workflow::post, order);
    return workflow;
  }

  /** The values the workflow upserted into PostingState, in history order. */
  private List<String> published(String workflowId) {
    return client.fetchHistory(workflowId).getHistory().getEventsList().stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES)
        .map(HistoryEvent::getUpsertWorkflowSearchAttributesEventAttributes)
        .map(upsert -> upsert.getSearchAttributes().getIndexedFieldsMap().get("PostingState"))
        .map(payload -> DefaultDataConverter.STANDARD_INSTANCE.fromPayload(payload, String.class, String.class))
        .toList();
  }

  @Test
  void theHappyPathPublishesOnlyTheWaitAndTheEndNotTheWorkingStates() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_1"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_1"));
    when(propexo.readResidentPayment(any())).thenReturn(new ResidentPaymentLookup("rp_1",
        recordOf("rp_1", 125_000, "CHK20240115001")));

    PostingWorkflow workflow = start(propertywareRequest("attr-1"));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    // SUBMITTING is not published (RECEIVED stands for it); DISCOVERING_RECORD is, because it ends the job wait: the
    // webhook must not find the posting AWAITING_JOB any more
    assertThat(published("posting-attr-1")).containsExactly("AWAITING_JOB", "DISCOVERING_RECORD", "CONFIRMED");
    // the status query still shows every state
    assertThat(status.timeline()).extracting(TimelineEntry::state).containsSubsequence(PostingState.RECEIVED,
        PostingState.SUBMITTING, PostingState.AWAITING_JOB, PostingState.DISCOVERING_RECORD, PostingState.CONFIRMED);
  }

  /** The write's first look saw the job settled: the posting never waits. */
  private void propertywareSettlesAtTheFirstLook(String recordId) {
    ResidentPaymentLookup record = new ResidentPaymentLookup(recordId, recordOf(recordId, 125_000, "CHK20240115001"));
    when(propexo.submitPropertywarePaymentAndLook(any())).thenReturn(new SubmittedJob(new PropexoJob("job_" + recordId),
        new SettledJob(new WriteStatus("SUCCESS", List.of(), recordId), record)));
  }

  @Test
  void aRegisteredPostingThatNeverWaitedLeavesItsEndToTheRegistry() {
    propertywareSettlesAtTheFirstLook("rp_3");
    PostingRequest request = propertywareRequest("attr-3");

    PostingWorkflow workflow = start(request, PostingOrder.registeredAndJudged(request, policyLookingFirst(), null));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    // the attribute keeps RECEIVED from the start options: no upsert at all, the end is the registry's and the result's
    assertThat(published("posting-attr-3")).isEmpty();
    assertThat(status.timeline()).extracting(TimelineEntry::state).endsWith(PostingState.CONFIRMED);
  }

  @Test
  void theSamePostingNotRegisteredPublishesItsEnd() {
    propertywareSettlesAtTheFirstLook("rp_4");
    PostingRequest request = propertywareRequest("attr-4");

    PostingWorkflow workflow = start(request, PostingOrder.judgedValid(request, policyLookingFirst(), null));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(published("posting-attr-4")).containsExactly("CONFIRMED");
  }

  @Test
  void aRegisteredPostingThatWaitedPublishesItsEndSoThatNoWaitIsNamedAfterIt() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_5"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_5"));
    when(propexo.readResidentPayment(any())).thenReturn(new ResidentPaymentLookup("rp_5",
        recordOf("rp_5", 125_000, "CHK20240115001")));
    PostingRequest request = propertywareRequest("attr-5");

    PostingWorkflow workflow = start(request, PostingOrder.registeredAndJudged(request, policy(), null));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(published("posting-attr-5")).containsExactly("AWAITING_JOB", "DISCOVERING_RECORD", "CONFIRMED");
  }

  @Test
  void aPostingThatRunsAgainAfterParkingIsNoLongerFoundParked() {
    AtomicInteger reads = new AtomicInteger();
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_2"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_2"));
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      // the first read rides with the job's outcome (its failure is left to the workflow's own read-back), then the
      // workflow's read and its retries: four failures spend them all
      if (reads.incrementAndGet() <= 4) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.CREDENTIALS_REFUSED.name())
            .setMessage("401 from Propexo").build();
      }
      return new ResidentPaymentLookup("rp_2", recordOf("rp_2", 125_000, "CHK20240115001"));
    });

    PostingWorkflow workflow = start(propertywareRequest("attr-2"));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.PARKED);
    workflow.retryNow(new OperatorDecision(null, "ops-anna"));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    // the read-back runs again in DISCOVERING_RECORD: published, so that the re-drive no longer finds it PARKED
    assertThat(published("posting-attr-2")).containsExactly("AWAITING_JOB", "DISCOVERING_RECORD", "PARKED",
        "DISCOVERING_RECORD", "CONFIRMED");
  }
}
