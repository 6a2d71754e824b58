package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.PostingLimits;
import dev.postings.model.PostingRequest;
import dev.postings.model.PostingValidator;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Validation out of replay: a rule changed after a posting started must not change what the posting
 * replays. The verdict of the workflow's own check is kept in the history (change id {@code validate-once}).
 */
class ValidationOutOfReplayTest {

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

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.client = client;
    this.options = options;
    Worker activityWorker = env.newWorker(PROPEXO_QUEUE);
    activityWorker.registerActivitiesImplementations(propexo);
    env.start();
  }

  /** Today's workflow after a deploy that tightened a rule: no payment above one dollar. */
  public static class StricterRulesPostingWorkflow extends PostingWorkflowImpl {
    @io.temporal.workflow.WorkflowInit
    public StricterRulesPostingWorkflow(PostingOrder order) {
      super(order);
    }

    @Override
    protected PostingValidator rules() {
      PostingLimits today = policy().limits();
      return new PostingValidator(new PostingLimits(100, today.maxFutureDate(), today.earliestYear(),
          today.maxIdLength(), today.maxReferenceLength(), today.maxDescriptionLength()));
    }
  }

  @Test
  void aRunningPostingReplaysAfterAValidationRuleChanged() throws Exception {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_v1"));
    when(propexo.awaitWriteStatus(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.JOB_PENDING.name()).setMessage("PENDING").build());
    PostingRequest request = propertywareRequest("pw-validate-once");
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.AWAITING_JOB);

    // the stricter rule refuses this posting's 1,250.00 today
    assertThat(new StricterRulesPostingWorkflow(null).rules().validate(request, Instant.now())).isNotEmpty();
    WorkflowExecutionHistory running = client.fetchHistory(request.workflowId());
    HistoryRecording.keep(client, request.workflowId(), "validation-a-running-posting-keeps-its-verdict");

    WorkflowReplayer.replayWorkflowExecution(running, StricterRulesPostingWorkflow.class);
  }

  @Test
  void anInvalidRequestIsStillRejectedWithItsFields() {
    PostingRequest valid = propertywareRequest("pw-invalid-once");
    PostingRequest invalid = new PostingRequest(valid.postingId(), valid.provider(), valid.amount(),
        valid.transactionDate(), valid.paymentType(), "", valid.description(), valid.target());
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(invalid.workflowId()).build());

    PostingStatus status = workflow.post(new PostingOrder(invalid, policy()));

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).startsWith("invalid request: ").contains("referenceNumber");
    assertThat(client.fetchHistory(invalid.workflowId()).getEvents()).anyMatch(event -> event.hasMarkerRecordedEventAttributes()
        && event.getMarkerRecordedEventAttributes().getMarkerName().equals("SideEffect"));
  }

  @Test
  void aRequestTheStarterJudgedValidIsNotJudgedAgain() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_judged"));
    when(propexo.awaitWriteStatus(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.JOB_PENDING.name()).setMessage("PENDING").build());
    PostingRequest request = propertywareRequest("pw-judged-once");
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, PostingOrder.judgedValid(request, policy(), null));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.AWAITING_JOB);

    HistoryRecording.keep(client, request.workflowId(), "validation-a-posting-the-starter-judged-valid-is-not-judged-again");
    // the verdict is in the input, already in the history: no side effect judges it again
    assertThat(client.fetchHistory(request.workflowId()).getEvents()).noneMatch(event ->
        event.hasMarkerRecordedEventAttributes());
  }
}
