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
import dev.postings.reversal.PostingReversalWorkflowImpl;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateHandle;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every posting closes, every handler finishes: two operators acting on one posting at once. The
 * posting ends in one named state, and every call gets an answer: a result, or a refusal from the validator.
 */
class OperatorRacesTest {

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
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    env.newWorker(PROPEXO_QUEUE).registerActivitiesImplementations(propexo);
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

  /** An update sent without waiting for its result; refused ones throw here. */
  private static WorkflowUpdateHandle<PostingStatus> send(PostingWorkflow workflow, String update, Object argument) {
    return WorkflowStub.fromTyped(workflow).startUpdate(UpdateOptions.newBuilder(PostingStatus.class)
        .setUpdateName(update).setWaitForStage(WorkflowUpdateStage.ACCEPTED).build(), argument);
  }

  private static PostingStatus answer(WorkflowUpdateHandle<PostingStatus> handle) throws Exception {
    return handle.getResultAsync().get(20, TimeUnit.SECONDS);
  }

  /** The refusal an update got from the posting's validator (its answer, when it was refused). */
  private static Throwable refusal(WorkflowUpdateHandle<PostingStatus> handle) throws Exception {
    try {
      handle.getResultAsync().get(20, TimeUnit.SECONDS);
      throw new AssertionError("accepted, not refused");
    } catch (java.util.concurrent.ExecutionException refused) {
      return refused.getCause();
    }
  }

  private static PostingStatus closed(PostingWorkflow workflow) throws Exception {
    return WorkflowStub.fromTyped(workflow).getResultAsync(PostingStatus.class).get(20, TimeUnit.SECONDS);
  }

  /** Propertyware: the job names rp_x, whose read-back is someone else's payment: NEEDS_ATTENTION after the write. */
  private void landsOnSomeoneElsesRecord() {
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_race"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_race"))).thenReturn(new WriteStatus("SUCCESS", List.of(),
        "rp_x"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_x")))
        .thenReturn(new ResidentPaymentLookup("rp_x", recordOf("rp_x", 99_000, "SOMEONE-ELSE")));
  }

  @Test
  void aResolveWhileACancelsCompensationRunsIsAnsweredAndThePostingCloses() throws Exception {
    // the job's record is ours but of another amount; its reversal is refused first, so it waits for an operator
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_cc"));
    when(propexo.awaitWriteStatus(new PropexoJob("job_cc"))).thenReturn(new WriteStatus("SUCCESS", List.of(),
        "rp_cc"));
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_cc")))
        .thenReturn(new ResidentPaymentLookup("rp_cc", recordOf("rp_cc", 99_000, "CHK20240115001")));
    AtomicInteger charges = new AtomicInteger();
    when(propexo.submitResidentCharge(any())).thenAnswer(call -> {
      if (charges.incrementAndGet() == 1) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.REJECTED.name()).setMessage("400")
            .setNonRetryable(true).build();
      }
      return new PropexoJob("job_rc");
    });
    when(propexo.awaitWriteStatus(new PropexoJob("job_rc"))).thenReturn(new WriteStatus("SUCCESS", List.of(),
        "rc_cc"));
    CountDownLatch compensating = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicInteger searches = new AtomicInteger();
    when(propexo.findResidentCharges(any())).thenAnswer(call -> {
      if (searches.incrementAndGet() == 2) {
        compensating.countDown();
        release.await(10, TimeUnit.SECONDS);
      }
      return List.of();
    });
    PostingWorkflow workflow = start(propertywareRequest("race-cc"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);

    WorkflowUpdateHandle<PostingStatus> cancel = send(workflow, "cancelWaiting",
        new OperatorDecision("resident paid twice", "ops-a"));
    assertThat(compensating.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(refusal(send(workflow, "resolve", new RecordResolution("rp_cc", "ops-b saw it"))))
        .isInstanceOf(WorkflowUpdateException.class).rootCause().hasMessageContaining("being cancelled");
    release.countDown();

    assertThat(answer(cancel).state()).isEqualTo(PostingState.COMPENSATED);
    assertThat(closed(workflow).state()).isEqualTo(PostingState.COMPENSATED);
  }

  @Test
  void aResolveAndAPmcRejectionAtOnceEndInOneStateAndBothAreAnswered() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_rr"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.awaitSyncedResidentPayment(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.RECORD_NOT_SYNCED.name()).setMessage("not yet").build());
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_rr"))).thenAnswer(call -> {
      reading.countDown();
      release.await(10, TimeUnit.SECONDS);
      return new ResidentPaymentLookup("rp_rr", resmanRecordOf("rp_rr", 125_000, "RM20240615001"));
    });
    PostingWorkflow workflow = start(resmanRequest("race-rr"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);

    WorkflowUpdateHandle<PostingStatus> resolve = send(workflow, "resolve",
        new RecordResolution("rp_rr", "approved, seen in ResMan"));
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(refusal(send(workflow, "rejectedByPmc", new OperatorDecision("rejected", "ops-b"))))
        .isInstanceOf(WorkflowUpdateException.class);
    release.countDown();

    assertThat(answer(resolve).state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(closed(workflow).state()).isEqualTo(PostingState.CONFIRMED);
  }

  @Test
  void aPmcRejectionThenAResolveEndsRejectedAndTheResolveIsRefused() throws Exception {
    when(propexo.submitResmanPayment(any())).thenReturn(new PropexoJob("job_rj"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    when(propexo.awaitSyncedResidentPayment(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.RECORD_NOT_SYNCED.name()).setMessage("not yet").build());
    PostingWorkflow workflow = start(resmanRequest("race-rj"));
    awaitState(workflow, PostingState.AWAITING_APPROVAL);

    // both in the same moment: the rejection is accepted, the resolve comes before the posting acted on it
    WorkflowUpdateHandle<PostingStatus> reject = send(workflow, "rejectedByPmc",
        new OperatorDecision("rejected in the queue", "ops-a"));
    PostingStatus resolved;
    try {
      resolved = answer(send(workflow, "resolve", new RecordResolution("rp_rj", "ops-b")));
    } catch (java.util.concurrent.ExecutionException | io.temporal.client.WorkflowNotFoundException refused) {
      // refused by the validator, or the posting had already closed: either way an answer
      resolved = null;
    }

    assertThat(answer(reject).state()).isEqualTo(PostingState.REJECTED);
    assertThat(closed(workflow).state()).isEqualTo(PostingState.REJECTED);
    if (resolved != null) {
      assertThat(resolved.state()).isEqualTo(PostingState.REJECTED);
    }
  }

  @Test
  void aRetryAndACancelOfAParkedPostingAreBothAnswered() throws Exception {
    AtomicInteger reads = new AtomicInteger();
    when(propexo.submitPropertywarePayment(any())).thenReturn(new PropexoJob("job_rt"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), "rp_rt"));
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      // the first read rides with the job's outcome (its failure is left to the workflow's own read-back), then the
      // workflow's read and its retries: four failures spend them all
      if (reads.incrementAndGet() <= 4) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.CREDENTIALS_REFUSED.name()).setMessage("401")
            .build();
      }
      return new ResidentPaymentLookup("rp_rt", recordOf("rp_rt", 125_000, "CHK20240115001"));
    });
    PostingWorkflow workflow = start(propertywareRequest("race-rt"));
    awaitState(workflow, PostingState.PARKED);

    WorkflowUpdateHandle<PostingStatus> retry = send(workflow, "retryNow", new OperatorDecision(null, "ops-a"));
    assertThat(refusal(send(workflow, "cancelWaiting", new OperatorDecision("stop", "ops-b"))))
        .isInstanceOf(WorkflowUpdateException.class);

    assertThat(answer(retry)).isNotNull();
    assertThat(closed(workflow).state()).isEqualTo(PostingState.CONFIRMED);
  }

  @Test
  void twoResolvesAtOnceOneIsReadBackTheOtherRefused() throws Exception {
    landsOnSomeoneElsesRecord();
    CountDownLatch reading = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_a"))).thenAnswer(call -> {
      reading.countDown();
      release.await(10, TimeUnit.SECONDS);
      return new ResidentPaymentLookup("rp_a", recordOf("rp_a", 125_000, "CHK20240115001"));
    });
    PostingWorkflow workflow = start(propertywareRequest("race-two"));
    awaitState(workflow, PostingState.NEEDS_ATTENTION);

    WorkflowUpdateHandle<PostingStatus> first = send(workflow, "resolve", new RecordResolution("rp_a", "ops-a"));
    assertThat(reading.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(refusal(send(workflow, "resolve", new RecordResolution("rp_b", "ops-b"))))
        .isInstanceOf(WorkflowUpdateException.class);
    release.countDown();

    assertThat(answer(first).state()).isEqualTo(PostingState.CONFIRMED);
    PostingStatus end = closed(workflow);
    assertThat(end.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(end.providerRecordId()).isEqualTo("rp_a");
  }
}
