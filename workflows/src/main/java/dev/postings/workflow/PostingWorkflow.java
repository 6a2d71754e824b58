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
   * Operator: "the payment is on the ledger as this record". Accepted only in NEEDS_ATTENTION; the posting reads the
   * record back and confirms only if it matches. Returns the status after that read-back.
   */
  @UpdateMethod
  PostingStatus resolve(RecordResolution resolution);

  @UpdateValidatorMethod(updateName = "resolve")
  void validateResolve(RecordResolution resolution);

  /** Operator or scheduled re-drive: a PARKED posting tries again now instead of at the end of its back-off. */
  @UpdateMethod
  PostingStatus retryNow();

  @UpdateValidatorMethod(updateName = "retryNow")
  void validateRetryNow();
}
