package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static dev.postings.workflow.PostingFixtures.recordOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.testing.WorkflowReplayer;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Continue-as-new: a posting whose run's history passes the policy's budget continues as new at its
 * next wait, carrying everything it knows (PostingCarry), and goes on where it was: in the submit loop, or waiting for
 * an operator. Every update is answered by the run that took it.
 */
class ContinueAsNewTest {

  /** A tiny budget, so that a few minutes of trouble make several runs. */
  static final int BUDGET = 80;

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

  static PostingPolicy withBudget(PostingPolicy policy, int budget) {
    return new PostingPolicy(policy.limits(), policy.propexo(), policy.parking(), policy.resman(), policy.acquaint(),
        policy.storedge(), policy.reversal(), budget);
  }

  private WorkflowExecution start(PostingRequest request, PostingWorkflow workflow) {
    return WorkflowClient.start(workflow::post, new PostingOrder(request, withBudget(policy(), BUDGET)));
  }

  private PostingWorkflow stub(PostingRequest request) {
    return client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
  }

  /** Every run of the posting, first to last, following ContinuedAsNew. */
  static List<WorkflowExecutionHistory> runs(WorkflowClient client, WorkflowExecution first) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecution run = first;
    while (run != null) {
      WorkflowExecutionHistory history = client.fetchHistory(run.getWorkflowId(), run.getRunId());
      runs.add(history);
      HistoryEvent last = history.getLastEvent();
      run = last.hasWorkflowExecutionContinuedAsNewEventAttributes() ? WorkflowExecution.newBuilder()
          .setWorkflowId(run.getWorkflowId())
          .setRunId(last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()).build() : null;
    }
    return runs;
  }

  @Test
  void aLongOperatorWaitContinuesAsNewAndEveryResolveIsAnswered() throws Exception {
    // an unclear write that is not found: the posting waits for an operator, who names wrong records many times
    when(propexo.submitPropertywarePayment(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.UNKNOWN_OUTCOME.name()).setMessage("timeout after the request was sent").build());
    when(propexo.findResidentPayments(any())).thenReturn(List.of());
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      String id = call.<ResidentPaymentRef>getArgument(0).id();
      return new ResidentPaymentLookup(id, id.equals("rp_right") ? recordOf(id, 125_000, "CHK20240115001")
          : recordOf(id, 99_000, "SOMEONE-ELSE"));
    });
    PostingRequest request = propertywareRequest("pw-can-operator");
    PostingWorkflow workflow = stub(request);
    // a job deadline of 15 minutes: two searches, then the operator
    PropexoPolicy propexoPolicy = policy().propexo();
    PostingPolicy quick = withBudget(new PostingPolicy(policy().limits(), new PropexoPolicy(propexoPolicy.taskQueue(),
        propexoPolicy.callTimeout(), propexoPolicy.readRetry(), propexoPolicy.readAttempts(), propexoPolicy.submitRetry(),
        propexoPolicy.submitAttempts(), propexoPolicy.jobPoll(), Duration.ofMinutes(15), propexoPolicy.unknownOutcomeSettle(),
        propexoPolicy.lookupWindow(), propexoPolicy.clockSkew()), policy().parking(), policy().resman(), policy().acquaint(),
        policy().storedge()), BUDGET);
    WorkflowExecution first = WorkflowClient.start(workflow::post, new PostingOrder(request, quick));
    env.sleep(Duration.ofMinutes(16));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.NEEDS_ATTENTION);

    for (int i = 0; i < 30; i++) {
      PostingStatus answer = workflow.resolve(new RecordResolution("rp_wrong_" + i, "try " + i));
      assertThat(answer.state()).as("resolve %d", i).isEqualTo(PostingState.NEEDS_ATTENTION);
      assertThat(answer.lastError()).contains("rp_wrong_" + i);
    }
    // a later run still says why it waits (the code travels with the journal)
    assertThat(runs(client, first).size()).isGreaterThan(1);
    assertThat(workflow.status().attention()).isEqualTo(Attention.of(AttentionCode.RECORD_MISMATCH));
    PostingStatus done = workflow.resolve(new RecordResolution("rp_right", "found it"));
    assertThat(done.state()).isEqualTo(PostingState.CONFIRMED);
    PostingStatus result = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
    assertThat(result.providerRecordId()).isEqualTo("rp_right");
    // the timeline reaches back to the first run
    assertThat(result.timeline().get(0).state()).isEqualTo(PostingState.RECEIVED);

    List<WorkflowExecutionHistory> runs = runs(client, first);
    assertThat(runs.size()).isGreaterThan(2);
    for (WorkflowExecutionHistory run : runs) {
      assertThat(run.getEvents().size()).isLessThan(BUDGET + 40);
      WorkflowReplayer.replayWorkflowExecution(run, PostingWorkflowImpl.class);
    }
    verify(propexo, times(1)).submitPropertywarePayment(any());
    HistoryRecording.keep(runs.get(0), "continue-as-new-the-first-run-of-a-long-operator-wait");
    HistoryRecording.keep(runs.get(runs.size() - 1), "continue-as-new-the-last-run-of-a-long-operator-wait");
  }

  @Test
  void aLongOutageOfWritesContinuesAsNewInTheSubmitLoopAndPostsOnce() throws Exception {
    AtomicBoolean down = new AtomicBoolean(true);
    when(propexo.submitPropertywarePayment(any())).thenAnswer(call -> {
      if (down.get()) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.PROVIDER_UNAVAILABLE.name()).setMessage("503")
            .build();
      }
      return new PropexoJob("job_can");
    });
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_can"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_can")))
        .thenReturn(new ResidentPaymentLookup("rp_can", recordOf("rp_can", 125_000, "CHK20240115001")));
    PostingRequest request = propertywareRequest("pw-can-outage");
    PostingWorkflow workflow = stub(request);
    WorkflowExecution first = start(request, workflow);

    env.sleep(Duration.ofDays(4));
    down.set(false);
    PostingStatus result = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);

    assertThat(result.state()).isEqualTo(PostingState.CONFIRMED);
    List<WorkflowExecutionHistory> runs = runs(client, first);
    assertThat(runs.size()).isGreaterThan(1);
    for (WorkflowExecutionHistory run : runs) {
      assertThat(run.getEvents().size()).isLessThan(BUDGET + 40);
    }
    assertThat(result.timeline()).extracting(TimelineEntry::detail).anyMatch(d -> d.startsWith("parked after"));
    verify(propexo, times(1)).readResidentPayment(any());
  }

  @Test
  void anApprovalWaitWithManyNoticesContinuesAsNewAndKeepsItsDeadline() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_rm_can"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.awaitSyncedResidentPayment(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.RECORD_NOT_SYNCED.name()).setMessage("not yet").build());
    when(propexo.findResidentPayments(any())).thenReturn(List.of());
    PostingRequest request = PostingFixtures.resmanRequest("rm-can");
    PostingWorkflow workflow = stub(request);
    WorkflowExecution first = start(request, workflow);
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.AWAITING_APPROVAL);

    int accepted = 0;
    for (int i = 0; i < 40; i++) {
      try {
        workflow.noticeSyncedRecords(new SyncNotice("intg_rm", "rp_other_" + i));
        accepted++;
      } catch (io.temporal.client.WorkflowUpdateException | io.temporal.client.WorkflowNotFoundException refused) {
        // a new run refuses notices until its approval wait is set up again, and the test server may answer "not
        // found" in the moment between two runs; the webhook path takes either as "moved on": webhooks are hints
      }
    }
    assertThat(accepted).isGreaterThan(20);
    // the approval deadline (7 days) counts from the first run's wait, not from the latest run's start
    env.sleep(Duration.ofDays(7).plusHours(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.NEEDS_ATTENTION);
    PostingStatus waiting = workflow.status();
    assertThat(waiting.lastError()).contains("approval deadline");
    TimelineEntry began = waiting.timeline().stream().filter(e -> e.state() == PostingState.AWAITING_APPROVAL)
        .findFirst().orElseThrow();
    TimelineEntry deadline = waiting.timeline().get(waiting.timeline().size() - 1);
    assertThat(Duration.between(began.at(), deadline.at())).isBetween(Duration.ofDays(7), Duration.ofDays(7)
        .plusMinutes(1));

    List<WorkflowExecutionHistory> runs = runs(client, first);
    assertThat(runs.size()).isGreaterThan(1);
    for (WorkflowExecutionHistory run : runs) {
      assertThat(run.getEvents().size()).isLessThan(BUDGET + 40);
      WorkflowReplayer.replayWorkflowExecution(run, PostingWorkflowImpl.class);
    }
  }
}
