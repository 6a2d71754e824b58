package dev.postings.workflow;

import dev.postings.redrive.RedriveOrder;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.Objects;

/**
 * What operators and notices ask of a posting, from the moment an update is accepted until the steps act on it, and
 * the rules for accepting it. Every update is answered: a {@code resolve} once its record was read back, every other
 * decision when the posting ends, so no handler is left running when the workflow closes. Validators refuse without
 * history (replay does not run them), so tightening one needs no version.
 */
final class OperatorInbox {

  private RecordResolution pendingResolution;
  private int resolutionsReceived;
  private int resolutionsSettled;
  private boolean retryRequested;
  /** Who asked for the re-drive being waited for (null: nobody named, e.g. an update from before it carried one). */
  private OperatorDecision retryDecision;
  private OperatorDecision pmcRejection;
  private OperatorDecision operatorCancel;
  private int syncNotices;
  private int syncNoticesSeen;
  private JobFailureNotice jobFailureNotice;
  /** The approval wait that synced-record notices concern (null: the posting does not watch for one). */
  private ApprovalWait watchedApproval;
  private boolean ended;

  // ---- what the steps read and take

  RecordResolution pendingResolution() {
    return pendingResolution;
  }

  /** The named record, taken: the step acts on it and reads it back. */
  RecordResolution takeResolution() {
    RecordResolution resolution = pendingResolution;
    pendingResolution = null;
    return resolution;
  }

  /** Every named record so far was read back (it matched or not): their updates may answer. */
  void resolutionsAnswered() {
    resolutionsSettled = resolutionsReceived;
  }

  OperatorDecision pmcRejection() {
    return pmcRejection;
  }

  OperatorDecision operatorCancel() {
    return operatorCancel;
  }

  /** A record named, the PMC's rejection or a cancel: something that ends an operator's or an approval wait. */
  boolean decisionWaiting() {
    return pendingResolution != null || pmcRejection != null || operatorCancel != null;
  }

  /** An operator's action or a notice the posting has accepted and not yet acted on. */
  boolean actionWaiting() {
    return decisionWaiting() || retryRequested || jobFailureNotice != null;
  }

  JobFailureNotice jobFailureNotice() {
    return jobFailureNotice;
  }

  /** A synced-records notice was accepted and its look has not run yet. */
  boolean lookDue() {
    return syncNotices > syncNoticesSeen;
  }

  /** The look at the synced records runs now: it covers every notice so far. */
  void lookTaken() {
    syncNoticesSeen = syncNotices;
  }

  /** The approval wait begins ({@code carriedLookDue}: a notice the earlier run accepted and had not looked for yet). */
  void watchApproval(ApprovalWait wait, boolean carriedLookDue) {
    watchedApproval = wait;
    syncNoticesSeen = syncNotices;
    if (carriedLookDue) {
      syncNotices++;
    }
  }

  void approvalWaitOver() {
    watchedApproval = null;
  }

  /** A parking begins: only a re-drive asked from now on ends it early. */
  void parkingBegins() {
    retryRequested = false;
  }

  boolean retryRequested() {
    return retryRequested;
  }

  /** The parking is over: the re-drive that ended it (if any) is answered. Returns who asked (null: nobody named). */
  OperatorDecision parkingOver() {
    retryRequested = false;
    return retryDecision;
  }

  /** The posting has ended: every decision still waiting for its answer gets it. */
  void postingEnded() {
    ended = true;
  }

  // ---- the updates, answered by the workflow with the posting's status once these return

  void resolve(RecordResolution resolution) {
    pendingResolution = resolution;
    int ticket = ++resolutionsReceived;
    // Answered once the named record was read back, or when the posting ended otherwise (a decision taken in the same
    // moment won): an update that is never answered would also keep the posting from closing.
    Workflow.await(() -> resolutionsSettled >= ticket || ended);
  }

  void validateResolve(RecordResolution resolution, PostingJournal journal) {
    if (resolution == null || resolution.recordId() == null || resolution.recordId().isBlank()) {
      throw new IllegalArgumentException("recordId is required");
    }
    boolean waiting = journal != null && (journal.state() == PostingState.NEEDS_ATTENTION
        || journal.state() == PostingState.AWAITING_APPROVAL);
    if (!waiting || pendingResolution != null) {
      throw new IllegalStateException("posting is " + stateOf(journal)
          + ", not NEEDS_ATTENTION or AWAITING_APPROVAL: there is nothing to resolve");
    }
    // A cancel or the PMC's rejection was accepted and is being carried out (a compensation may be running): the
    // posting ends by that decision, so naming a record now would be an answer nobody acts on.
    if (operatorCancel != null || pmcRejection != null) {
      throw new IllegalStateException("posting is being " + (operatorCancel != null ? "cancelled" : "rejected")
          + " by an operator's decision: there is nothing to resolve");
    }
  }

  void rejectedByPmc(OperatorDecision decision) {
    pmcRejection = decision == null ? new OperatorDecision(null, null) : decision;
    Workflow.await(() -> ended);
  }

  void validateRejectedByPmc(PostingJournal journal, PostingFacts facts) {
    requireApprovalDecisionPossible("the PMC's rejection", journal, facts);
  }

  void cancelWaiting(OperatorDecision decision) {
    operatorCancel = decision == null ? new OperatorDecision(null, null) : decision;
    Workflow.await(() -> ended);
  }

  void validateCancelWaiting(PostingJournal journal, PostingFacts facts) {
    // After the write, a posting waiting for an operator can also be cancelled: compensation undoes what landed
    PostingState state = journal == null ? null : journal.state();
    if (!facts.approvalStage && facts.compensationRegistered && state == PostingState.NEEDS_ATTENTION
        && operatorCancel == null && pendingResolution == null) {
      return;
    }
    requireApprovalDecisionPossible("a cancel", journal, facts);
  }

  /** Only a posting waiting for approval (or for an operator after that wait) can take these decisions. */
  private void requireApprovalDecisionPossible(String what, PostingJournal journal, PostingFacts facts) {
    PostingState state = journal == null ? null : journal.state();
    boolean possible = facts.approvalStage && (state == PostingState.AWAITING_APPROVAL
        || state == PostingState.NEEDS_ATTENTION);
    if (!possible || pmcRejection != null || operatorCancel != null || pendingResolution != null) {
      throw new IllegalStateException("posting is " + (state == null ? "starting" : state) + (facts.approvalStage
          ? "" : " and has no approval step") + ": " + what + " only applies to a posting awaiting approval");
    }
  }

  void noticeSyncedRecords(SyncNotice notice) {
    syncNotices++;
  }

  void validateNoticeSyncedRecords(SyncNotice notice, PostingJournal journal) {
    if (watchedApproval == null || journal.state() != PostingState.AWAITING_APPROVAL) {
      throw new IllegalStateException("posting is " + stateOf(journal)
          + ", not AWAITING_APPROVAL: synced records do not concern it");
    }
    // One look covers every record synced so far: a notice that comes while a look is still due adds nothing but
    // history (a flood of DATA_NEW at month end would otherwise queue one read each).
    if (lookDue()) {
      throw new IllegalStateException("a look at the synced records is already pending: this notice adds nothing");
    }
    if (notice == null || !watchedApproval.integrationId().equals(notice.integrationId())) {
      throw new IllegalArgumentException("posting waits on integration " + watchedApproval.integrationId() + ", not "
          + (notice == null ? null : notice.integrationId()));
    }
  }

  void noticeJobFailure(JobFailureNotice notice) {
    jobFailureNotice = notice;
  }

  void validateNoticeJobFailure(JobFailureNotice notice, PostingJournal journal) {
    if (journal == null || journal.state() != PostingState.AWAITING_JOB || jobFailureNotice != null) {
      throw new IllegalStateException("posting is " + stateOf(journal)
          + ", not AWAITING_JOB: a job failure does not concern it");
    }
    if (notice == null || !Objects.equals(journal.status().providerJobId(), notice.rootJobId())) {
      throw new IllegalArgumentException("posting awaits job " + journal.status().providerJobId() + ", not "
          + (notice == null ? null : notice.rootJobId()));
    }
    // Propexo's write_status FAILURE means "completely failed"; PARTIAL_SUCCESS means part of it was written, and any
    // other word is not a failure at all. Only a failure may end the wait as one: otherwise the poll reads the outcome.
    if (!JobFailureNotice.FAILURE.equals(notice.writeStatus())) {
      throw new IllegalArgumentException("write_status " + notice.writeStatus() + " is not " + JobFailureNotice.FAILURE
          + ": the job's outcome is read from its write-status");
    }
  }

  void retryNow(OperatorDecision decision) {
    retryDecision = decision;
    retryRequested = true;
    Workflow.await(() -> !retryRequested || ended);
  }

  /**
   * {@code scheduledFrom}: when the scheduled re-drive may end the current parking (null: not parked). The schedule runs
   * every few minutes whatever each posting's back-off: it may cut a parking short only once the parking's own share of
   * its wait has passed, so a posting that keeps failing is re-driven less and less often. An operator's retry is never
   * held back.
   */
  void validateRetryNow(OperatorDecision decision, PostingJournal journal, Instant parkedAt, Instant scheduledFrom) {
    if (journal == null || journal.state() != PostingState.PARKED) {
      throw new IllegalStateException("posting is " + stateOf(journal) + ", not PARKED: there is nothing to retry");
    }
    if (decision != null && RedriveOrder.SCHEDULED.equals(decision.operator()) && scheduledFrom != null
        && Waits.now().isBefore(scheduledFrom)) {
      throw new IllegalStateException("parked since " + parkedAt + ": the scheduled re-drive may resume it from "
          + scheduledFrom + " (its own back-off)");
    }
  }

  private static Object stateOf(PostingJournal journal) {
    return journal == null ? "starting" : journal.state();
  }
}
