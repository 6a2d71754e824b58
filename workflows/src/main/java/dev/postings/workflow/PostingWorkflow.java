package dev.postings.workflow;

import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One payment posting: validate, submit, await job or approval, discover the record, confirm. Workflow id {@code
 * posting-<postingId>}; the result is the final {@link PostingStatus}.
 */
@WorkflowInterface
public interface PostingWorkflow {

  @WorkflowMethod
  PostingStatus post(PostingOrder order);

  /** The posting's state, step, ids and timeline; answered by open and closed postings alike. */
  @QueryMethod
  PostingStatus status();

  /**
   * A PARKED posting: from when the scheduled re-drive may resume it (its parking's own share of the back-off); null
   * when it is not parked. The re-drive asks before it sends {@code retryNow}, so a posting it may not resume yet is not
   * even offered the update.
   */
  @QueryMethod
  java.time.Instant scheduledRedriveFrom();

  /**
   * Operator: "the payment is on the ledger as this record". Accepted in NEEDS_ATTENTION and AWAITING_APPROVAL; the
   * posting reads the record back and confirms only if it matches. Returns the status after that read-back.
   */
  @UpdateMethod
  PostingStatus resolve(RecordResolution resolution);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(RecordResolution resolution);

  /**
   * Operator or re-drive: a PARKED posting tries again now instead of at the end of its back-off. The timeline notes
   * who asked ({@link OperatorDecision#operator()}: an operator's key name, or the scheduled re-drive).
   */
  @UpdateMethod
  PostingStatus retryNow(OperatorDecision decision);

  @UpdateValidatorMethod(updateName = "retryNow")
  void validateRetryNow(OperatorDecision decision);

  /**
   * Operator: the PMC rejected the payment in its approval queue (ResMan's Partner Transactions), so it will never be
   * posted. Accepted while the posting awaits approval, or in NEEDS_ATTENTION after that wait. Ends it REJECTED.
   */
  @UpdateMethod
  PostingStatus rejectedByPmc(OperatorDecision decision);

  @UpdateValidatorMethod(updateName = "rejectedByPmc")
  void validateRejectedByPmc(OperatorDecision decision);

  /**
   * Operator: stop waiting for approval and end the posting CANCELLED. Accepted while the posting awaits approval, or
   * in NEEDS_ATTENTION after that wait. The timeline says that a transaction still in the approval queue must be
   * rejected there.
   */
  @UpdateMethod
  PostingStatus cancelWaiting(OperatorDecision decision);

  @UpdateValidatorMethod(updateName = "cancelWaiting")
  void validateCancelWaiting(OperatorDecision decision);

  /**
   * Webhook: Propexo synced new records of this posting's integration ({@code DATA_NEW}); a posting awaiting approval
   * looks at once instead of at its next scheduled read. Refused (no history) for any other posting.
   */
  @UpdateMethod
  PostingStatus noticeSyncedRecords(SyncNotice notice);

  @UpdateValidatorMethod(updateName = "noticeSyncedRecords")
  void validateNoticeSyncedRecords(SyncNotice notice);

  /**
   * Webhook: Propexo reports this posting's job failed ({@code WRITE_OPERATION_FAILURE}); the job wait ends at once.
   * Refused (no history) unless the posting awaits exactly that job.
   */
  @UpdateMethod
  PostingStatus noticeJobFailure(JobFailureNotice notice);

  @UpdateValidatorMethod(updateName = "noticeJobFailure")
  void validateNoticeJobFailure(JobFailureNotice notice);
}
