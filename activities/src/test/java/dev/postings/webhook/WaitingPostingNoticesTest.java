package dev.postings.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.directory.PostingDirectory;
import dev.postings.directory.PostingPage;
import dev.postings.directory.PostingQuery;
import dev.postings.directory.NoticeCandidate;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.workflow.JobFailureNotice;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingStep;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.RecordResolution;
import dev.postings.workflow.SyncNotice;
import dev.postings.workflow.propexo.ResidentPayment;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Which postings a notice reaches, against real workflows on Temporal's test server: a stand-in posting records every
 * update offered to it (its validator is where an offer is seen, accepted or not), so "only the posting it matches"
 * means no other posting was even asked.
 */
class WaitingPostingNoticesTest {

  private static final String QUEUE = "notices-test";
  /** Every update offered, as "workflowId update" (validators run for each offer, accepted or not). */
  static final List<String> OFFERED = new CopyOnWriteArrayList<>();

  /** A posting that waits forever in the state its provider gives it, reporting job "job-<postingId>". */
  public static class StandInPosting implements PostingWorkflow {
    private PostingOrder order;

    @Override
    public PostingStatus post(PostingOrder order) {
      this.order = order;
      Workflow.await(() -> false);
      return status();
    }

    @Override
    public PostingStatus status() {
      PostingRequest request = order.request();
      PostingState state = request.provider() == Provider.RESMAN && !request.referenceNumber().startsWith("JOB")
          ? PostingState.AWAITING_APPROVAL : PostingState.AWAITING_JOB;
      return new PostingStatus(request.postingId(), request.provider(), state, PostingStep.AWAIT_JOB,
          "job-" + request.postingId(), null, List.of(), null, null);
    }

    @Override
    public java.time.Instant scheduledRedriveFrom() {
      return null;
    }

    private void offered(String update) {
      OFFERED.add(Workflow.getInfo().getWorkflowId() + " " + update);
    }

    @Override
    public PostingStatus noticeSyncedRecords(SyncNotice notice) {
      return status();
    }

    @Override
    public void validateNoticeSyncedRecords(SyncNotice notice) {
      offered("noticeSyncedRecords");
    }

    @Override
    public PostingStatus noticeJobFailure(JobFailureNotice notice) {
      return status();
    }

    @Override
    public void validateNoticeJobFailure(JobFailureNotice notice) {
      offered("noticeJobFailure");
    }

    @Override
    public PostingStatus resolve(RecordResolution resolution) {
      return status();
    }

    @Override
    public void validateResolve(RecordResolution resolution) {
      offered("resolve");
    }

    @Override
    public PostingStatus retryNow(OperatorDecision decision) {
      return status();
    }

    @Override
    public void validateRetryNow(OperatorDecision decision) {
      offered("retryNow");
    }

    @Override
    public PostingStatus rejectedByPmc(OperatorDecision decision) {
      return status();
    }

    @Override
    public void validateRejectedByPmc(OperatorDecision decision) {
      offered("rejectedByPmc");
    }

    @Override
    public PostingStatus cancelWaiting(OperatorDecision decision) {
      return status();
    }

    @Override
    public void validateCancelWaiting(OperatorDecision decision) {
      offered("cancelWaiting");
    }
  }

  /** The directory as the starter's memo fills it, from the postings this test started. */
  private final Map<String, NoticeCandidate> waitingApproval = new ConcurrentHashMap<>();
  private final Map<String, NoticeCandidate> awaitingJob = new ConcurrentHashMap<>();
  private final Map<String, Provider> providers = new ConcurrentHashMap<>();

  private final PostingDirectory directory = new PostingDirectory() {
    @Override
    public PostingPage list(PostingQuery query) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<NoticeCandidate> noticeCandidates(PostingState state, Set<Provider> wanted) {
      Map<String, NoticeCandidate> source = state == PostingState.AWAITING_APPROVAL ? waitingApproval
          : state == PostingState.AWAITING_JOB ? awaitingJob : Map.of();
      return source.values().stream().filter(posting -> wanted.contains(providers.get(posting.workflowId())))
          .toList();
    }

    @Override
    public List<String> find(PostingState state, Provider provider) {
      return noticeCandidates(state, Set.of(provider)).stream().map(NoticeCandidate::workflowId).toList();
    }
  };

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private Instant startedAt;

  @BeforeEach
  void setUp() {
    OFFERED.clear();
    env = TestWorkflowEnvironment.newInstance();
    env.newWorker(QUEUE).registerWorkflowImplementationTypes(StandInPosting.class);
    env.start();
    client = env.getWorkflowClient();
  }

  @AfterEach
  void tearDown() {
    env.close();
  }

  private String start(PostingRequest request, Map<String, NoticeCandidate> listedIn, String memoIntegration) {
    PostingWorkflow posting = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(QUEUE).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(posting::post, new PostingOrder(request, PostingPolicy.defaults()));
    String runId = WorkflowStub.fromTyped(posting).getExecution().getRunId();
    startedAt = Instant.ofEpochMilli(env.currentTimeMillis());
    providers.put(request.workflowId(), request.provider());
    listedIn.put(request.workflowId(), new NoticeCandidate(request.workflowId(), runId, request.referenceNumber(),
        request.amount().minor(), memoIntegration));
    return request.workflowId();
  }

  private static PostingRequest resman(String postingId, String residentId, long minor, String reference) {
    return new PostingRequest(postingId, Provider.RESMAN, new Money(minor, "USD"),
        Instant.parse("2024-06-15T14:45:00Z"), "Check", reference, "June rent",
        new ResmanTarget("intg_rm", residentId, "posted by payments"));
  }

  private static PostingRequest propertyware(String postingId, String integrationId) {
    return new PostingRequest(postingId, Provider.PROPERTYWARE, new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), "CHECK", "CHK-" + postingId, "January rent",
        new PropertywareTarget(integrationId, "lease_1", "res_1", "fa_1"));
  }

  private static PropexoNotice dataNew(String recordId) {
    return new PropexoNotice("d1", PropexoNotice.Kind.DATA_NEW, "intg_rm", recordId, null, null, List.of(),
        Instant.parse("2026-01-01T00:00:00Z"));
  }

  /** A synced ResMan record as Propexo reads it back. */
  private ResidentPayment record(String residentId, long minor, String reference, String transactionDate) {
    return new ResidentPayment("rp_9", "intg_rm", residentId, null, minor, reference, transactionDate, "June rent",
        startedAt.plusSeconds(60).toString());
  }

  @Test
  void aSyncedRecordIsOfferedToItsOwnerOnlyAndAnotherResidentsOrAmountsRecordToNobody() {
    PostingRequest mine = resman("rm-1", "res_1", 98_000, "RM-1");
    start(mine, waitingApproval, "intg_rm");
    start(resman("rm-2", "res_2", 98_000, "RM-1"), waitingApproval, "intg_rm"); // same reference, other resident
    start(resman("rm-3", "res_1", 97_000, "RM-3"), waitingApproval, "intg_rm"); // same resident, other amount
    start(resman("rm-4", "res_1", 98_000, "RM-1"), waitingApproval, "intg_other"); // another integration
    WaitingPostingNotices notices = new WaitingPostingNotices(client, directory);

    NoticeOutcome outcome = notices.wakeOwnerOf(dataNew("rp_9"),
        record("res_1", 98_000, "RM-1", "2024-06-15T14:45:00.000Z"));

    assertThat(outcome.woken()).containsExactly(mine.workflowId());
    assertThat(OFFERED).containsExactly(mine.workflowId() + " noticeSyncedRecords");

    OFFERED.clear();
    for (ResidentPayment other : List.of(record("res_5", 98_000, "RM-1", "2024-06-15T14:45:00.000Z"),
        record("res_1", 12_345, "RM-1", "2024-06-15T14:45:00.000Z"),
        record("res_1", 98_000, "RM-OTHER", "2024-06-15T14:45:00.000Z"),
        record("res_1", 98_000, "RM-1", "2024-06-16T14:45:00.000Z"))) {
      assertThat(notices.wakeOwnerOf(dataNew("rp_9"), other).woken()).as(other.toString()).isEmpty();
    }
    assertThat(OFFERED).isEmpty();
  }

  @Test
  void aRecordCreatedBeforeThePostingStartedIsAnotherPayment() {
    start(resman("rm-5", "res_1", 98_000, "RM-5"), waitingApproval, "intg_rm");
    ResidentPayment older = new ResidentPayment("rp_old", "intg_rm", "res_1", null, 98_000L, "RM-5",
        "2024-06-15T14:45:00.000Z", "June rent", startedAt.minusSeconds(3600).toString());

    assertThat(new WaitingPostingNotices(client, directory).wakeOwnerOf(dataNew("rp_old"), older).woken()).isEmpty();
    assertThat(OFFERED).isEmpty();
  }

  @Test
  void aFailedJobIsOfferedToThePostingAwaitingItOnly() {
    String mine = start(propertyware("pw-1", "intg_1"), awaitingJob, "intg_1");
    start(propertyware("pw-2", "intg_1"), awaitingJob, "intg_1");
    start(resman("rm-6", "res_1", 98_000, "JOB-6"), awaitingJob, "intg_rm");
    start(propertyware("pw-3", "intg_2"), awaitingJob, "intg_2");
    PropexoNotice failure = new PropexoNotice("d2", PropexoNotice.Kind.WRITE_OPERATION_FAILURE, "intg_1", null,
        "job-pw-1", "FAILURE", List.of("ResidentNotActive"), Instant.parse("2026-01-01T00:00:00Z"));

    NoticeOutcome outcome = new WaitingPostingNotices(client, directory).endJobWait(failure);

    assertThat(outcome.woken()).containsExactly(mine);
    assertThat(OFFERED).containsExactly(mine + " noticeJobFailure");
  }

  @Test
  void aJobNoPostingAwaitsIsOfferedToNobodyAndAPostingThatCannotAnswerMeansTryAgain() {
    start(propertyware("pw-7", "intg_1"), awaitingJob, "intg_1");
    PropexoNotice failure = new PropexoNotice("d3", PropexoNotice.Kind.WRITE_OPERATION_FAILURE, "intg_1", null,
        "job-unknown", "FAILURE", List.of(), Instant.parse("2026-01-01T00:00:00Z"));
    WaitingPostingNotices notices = new WaitingPostingNotices(client, directory);

    assertThat(notices.endJobWait(failure).woken()).isEmpty();
    assertThat(OFFERED).isEmpty();

    // a listed posting that no worker answers for (here: none exists): the notice is tried again, not dropped
    awaitingJob.put("posting-ghost", new NoticeCandidate("posting-ghost", null, null, null, "intg_1"));
    providers.put("posting-ghost", Provider.PROPERTYWARE);
    assertThatThrownBy(() -> notices.endJobWait(failure)).isInstanceOf(ApplicationFailure.class);
  }

  @Test
  void aRetriedDeliveryIsTheSameUpdate() {
    PostingRequest mine = resman("rm-8", "res_1", 98_000, "RM-8");
    start(mine, waitingApproval, "intg_rm");
    WaitingPostingNotices notices = new WaitingPostingNotices(client, directory);
    ResidentPayment record = record("res_1", 98_000, "RM-8", "2024-06-15T14:45:00.000Z");

    notices.wakeOwnerOf(dataNew("rp_9"), record);
    notices.wakeOwnerOf(dataNew("rp_9"), record);

    List<String> accepted = new ArrayList<>();
    client.fetchHistory(mine.workflowId()).getHistory().getEventsList().forEach(event -> {
      if (event.hasWorkflowExecutionUpdateAcceptedEventAttributes()) {
        accepted.add(event.getWorkflowExecutionUpdateAcceptedEventAttributes().getProtocolInstanceId());
      }
    });
    assertThat(accepted).containsExactly("propexo-webhook-d1");
  }
}
