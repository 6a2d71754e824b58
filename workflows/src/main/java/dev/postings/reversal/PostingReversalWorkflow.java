package dev.postings.reversal;

import dev.postings.workflow.OperatorDecision;
import io.temporal.workflow.QueryMethod;
import io.temporal.workflow.UpdateMethod;
import io.temporal.workflow.UpdateValidatorMethod;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * Undoes a posting that landed: after CONFIRMED (the payment was returned upstream), or as the compensation of a posting
 * cancelled after its write. Its own workflow, id {@code reversal-<postingId>}, so a posting is reversed at most once
 * and its history stays the posting's. Where the provider offers a reversal (Propexo: an offsetting resident charge)
 * it is made and read back; otherwise the workflow is an operator task in NEEDS_ATTENTION until an operator says the
 * reversal was done by hand.
 */
@WorkflowInterface
public interface PostingReversalWorkflow {

  @WorkflowMethod
  ReversalStatus reverse(ReversalOrder order);

  @QueryMethod
  ReversalStatus status();

  /** Operator: "reversed by hand in the PMS" (with a note: the entry's id, who did it). Ends it REVERSED. */
  @UpdateMethod
  ReversalStatus reversedByHand(OperatorDecision decision);

  @UpdateValidatorMethod(updateName = "reversedByHand")
  void validateReversedByHand(OperatorDecision decision);
}
