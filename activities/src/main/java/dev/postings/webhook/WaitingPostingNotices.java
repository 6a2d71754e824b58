package dev.postings.webhook;

import dev.postings.directory.PostingDirectory;
import dev.postings.directory.NoticeCandidate;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.workflow.JobFailureNotice;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.SyncNotice;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.SyncedPaymentWatch;
import io.temporal.client.UpdateOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.client.WorkflowUpdateStage;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers Propexo notices to the one posting each concerns, found through the directory of waiting postings: the
 * candidates' memo (integration, reference, amount) narrows them without asking any posting; for a synced record,
 * the few left are judged by the rule their own watch applies ({@link SyncedPaymentWatch#covers}, built from the
 * posting's start input); for a failed job, by the job id the posting reports. The update carries the notice's id, so
 * an attempt retried after a timeout is the same update, not a second one.
 */
public class WaitingPostingNotices implements PropexoNotices {

  private static final Logger log = LoggerFactory.getLogger(WaitingPostingNotices.class);
  static final String NOT_DELIVERED = "NoticeNotDelivered";

  private final WorkflowClient client;
  private final PostingDirectory directory;
  private final PostingStarts starts;

  public WaitingPostingNotices(WorkflowClient client, PostingDirectory directory) {
    this.client = client;
    this.directory = directory;
    this.starts = new PostingStarts(client);
  }

  @Override
  public int awaitingSync(PropexoNotice notice) {
    return onIntegration(notice, PostingState.AWAITING_APPROVAL, Set.of(Provider.RESMAN)).size();
  }

  @Override
  public NoticeOutcome wakeOwnerOf(PropexoNotice notice, ResidentPayment record) {
    List<String> woken = new ArrayList<>();
    int judged = 0;
    for (NoticeCandidate candidate : onIntegration(notice, PostingState.AWAITING_APPROVAL, Set.of(Provider.RESMAN))) {
      // the memo says reference and amount without asking the posting: most candidates end here
      if ((candidate.referenceNumber() != null && !candidate.referenceNumber().equals(record.referenceNumber()))
          || (candidate.amountMinor() != null && !candidate.amountMinor().equals(record.amountInCents()))) {
        continue;
      }
      Optional<PostingStarts.Started> started = starts.of(candidate.workflowId(), candidate.runId());
      if (started.isEmpty() || !(started.get().order().request().target() instanceof ResmanTarget target)) {
        continue;
      }
      judged++;
      SyncedPaymentWatch watch = SyncedPaymentWatch.of(started.get().order().request(), target,
          started.get().order().policyOrDefaults().propexo(), started.get().at());
      if (watch.covers(record) && deliver(candidate.workflowId(), "noticeSyncedRecords", notice,
          new SyncNotice(notice.integrationId(), notice.recordId()))) {
        woken.add(candidate.workflowId());
      }
    }
    log.info("DATA_NEW {} for record {} of integration {}: {} posting(s) judged, woken: {}", notice.digest(),
        notice.recordId(), notice.integrationId(), judged, woken);
    return woken.isEmpty() ? NoticeOutcome.nobody("no posting awaiting approval is waiting for record "
        + notice.recordId()) : new NoticeOutcome(woken, null);
  }

  @Override
  public NoticeOutcome endJobWait(PropexoNotice notice) {
    boolean someDidNotAnswer = false;
    for (NoticeCandidate candidate : onIntegration(notice, PostingState.AWAITING_JOB,
        Set.of(Provider.PROPERTYWARE, Provider.RESMAN))) {
      PostingStatus status;
      try {
        status = client.newWorkflowStub(PostingWorkflow.class, candidate.workflowId()).status();
      } catch (RuntimeException notAnswered) {
        someDidNotAnswer = true;
        continue;
      }
      if (notice.rootJobId() != null && notice.rootJobId().equals(status.providerJobId())) {
        boolean delivered = deliver(candidate.workflowId(), "noticeJobFailure", notice, new JobFailureNotice(
            notice.rootJobId(), notice.writeStatus(), notice.errors() == null ? List.of() : notice.errors()));
        log.info("WRITE_OPERATION_FAILURE {} for job {}: {}", notice.digest(), notice.rootJobId(),
            delivered ? "ended the wait of " + candidate.workflowId() : candidate.workflowId() + " moved on meanwhile");
        return delivered ? new NoticeOutcome(List.of(candidate.workflowId()), null)
            : NoticeOutcome.nobody(candidate.workflowId() + " no longer awaits job " + notice.rootJobId());
      }
    }
    if (someDidNotAnswer) {
      // the posting awaiting this job may be one that could not answer now: try again (never lose the notice)
      throw ApplicationFailure.newFailure("not every posting awaiting a job answered; trying again", NOT_DELIVERED);
    }
    return NoticeOutcome.nobody("no posting awaits job " + notice.rootJobId());
  }

  /** The open postings of these providers in this state whose integration is the notice's (or not in their memo). */
  private List<NoticeCandidate> onIntegration(PropexoNotice notice, PostingState state, Set<Provider> providers) {
    return directory.noticeCandidates(state, providers).stream()
        .filter(posting -> posting.integrationId() == null
            || Objects.equals(posting.integrationId(), notice.integrationId()))
        .toList();
  }

  /**
   * Sends the update, identified by the notice (a retried attempt is the same update); false when the posting's
   * validator refused it or the posting is gone (it moved on: nothing to do). It returns once the posting accepted it.
   */
  private boolean deliver(String workflowId, String update, PropexoNotice notice, Object argument) {
    try {
      client.newUntypedWorkflowStub(workflowId).startUpdate(UpdateOptions.newBuilder(PostingStatus.class)
          .setUpdateName(update)
          .setUpdateId(notice.workflowId())
          .setWaitForStage(WorkflowUpdateStage.ACCEPTED)
          .build(), argument);
      return true;
    } catch (WorkflowUpdateException | WorkflowNotFoundException movedOn) {
      return false;
    }
  }
}
