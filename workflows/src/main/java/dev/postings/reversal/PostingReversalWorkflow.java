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
 * it is made and read back, and never made twice: after an unclear outcome it is searched for once the provider had
 * time to show it, and sent again only when that search finds nothing. Otherwise the workflow is an operator task
 * (NEEDS_ATTENTION, ESCALATED past its deadline) until an operator says the reversal was done by hand. Operators find
 * reversals by the {@code ReversalState} search attribute.
 */
@WorkflowInterface
public interface PostingReversalWorkflow {

  @WorkflowMethod
  ReversalStatus reverse(ReversalOrder order);

  @QueryMethod
  ReversalStatus status();

  /**
   * Operator: "reversed by hand in the PMS" (the note says how, e.g. the entry's id; the operator is who did it, the
   * API key's name). Ends it REVERSED. Refused unless the reversal is an operator task (NEEDS_ATTENTION, ESCALATED).
   */
  @UpdateMethod
  ReversalStatus reversedByHand(OperatorDecision decision);

  @UpdateValidatorMethod(updateName = "reversedByHand")
  void validateReversedByHand(OperatorDecision decision);
}
