package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.ReversalOrder;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.workflow.Workflow;

/**
 * How a posting undoes what landed for it, and the operator decisions that end it (docs/failures.md#compensation). The
 * way to undo is registered before the first write; a cancel after the write, or a record of ours that landed wrong, is
 * reversed by the provider's own reversal where one exists, and otherwise becomes an operator task of its own
 * ({@code reversal-<postingId>}) carrying what to check and reverse by hand.
 */
final class Compensation {

  private final PostingRequest request;
  private final PostingPolicy policy;
  private final PostingJournal journal;
  private final PostingFacts facts;
  private final OperatorInbox inbox;
  /** Registered before the first write: how what lands can be undone (null: by an operator's hands). */
  private Reversal reversal;

  Compensation(PostingRequest request, PostingPolicy policy, PostingJournal journal, PostingFacts facts,
      OperatorInbox inbox) {
    this.request = request;
    this.policy = policy;
    this.journal = journal;
    this.facts = facts;
    this.inbox = inbox;
  }

  /** The provider's way to undo a landed payment (null: none, an operator reverses it by hand). */
  void register(Reversal providersReversal) {
    this.reversal = providersReversal;
  }

  /** In words, for the timeline: what undoes this payment if it must be undone. */
  String describe() {
    return reversal == null ? "an operator reverses it by hand (no reversal API)" : reversal.describe();
  }

  /**
   * An operator said the PMC rejected the payment, or cancelled the posting: it ends here, by that decision. Before a
   * record was named nothing was posted; after, what landed is undone.
   */
  void stopOnOperatorDecision() {
    OperatorDecision rejection = inbox.pmcRejection();
    OperatorDecision cancel = inbox.operatorCancel();
    if (rejection != null) {
      throw new PostingStop(PostingState.REJECTED, "the PMC rejected the payment" + describe(rejection)
          + ": nothing was posted");
    }
    if (cancel != null && facts.approvalStage) {
      throw new PostingStop(PostingState.CANCELLED, "cancelled by an operator" + describe(cancel)
          + ". If the transaction is still waiting in the PMC's approval queue, it must be rejected there");
    }
    if (cancel != null && facts.alreadyReversedBy != null) {
      throw new PostingStop(PostingState.COMPENSATED, "cancelled by an operator" + describe(cancel)
          + ": what landed was already reversed by " + facts.alreadyReversedBy + "; nothing of this posting stands");
    }
    if (cancel != null) {
      throw afterCancel("cancelled by an operator" + describe(cancel), facts.landedRecordId, facts.landedAmountMinor);
    }
  }

  /**
   * A cancel after the write: what landed is reversed where the provider allows it (COMPENSATED); otherwise, or when
   * nobody knows whether it landed, an operator task is opened as its own workflow ({@code reversal-<postingId>})
   * carrying everything needed, and the posting ends CANCELLED naming it.
   */
  PostingStop afterCancel(String why, String recordId, long amountMinor) {
    if (recordId != null && reversal != null) {
      String offset = reverse(recordId, amountMinor, why);
      if (offset != null) {
        return new PostingStop(PostingState.COMPENSATED, why + ": record " + recordId + " was reversed by " + offset);
      }
    }
    String task = ReversalOrder.workflowIdOf(request.postingId());
    PostingReversalWorkflow byHand = Workflow.newChildWorkflowStub(PostingReversalWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(task)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build());
    OperatorDecision cancel = inbox.operatorCancel();
    Async.function(byHand::reverse, new ReversalOrder(request, recordId,
        recordId == null ? request.amount().minor() : amountMinor, why,
        cancel == null ? null : cancel.operator(), policy));
    Workflow.getWorkflowExecution(byHand).get();
    return new PostingStop(PostingState.CANCELLED, why + " after the payment was sent. "
        + (recordId == null ? "Whether it landed is not known" : "Record " + recordId + " landed")
        + ": operator task " + task + " carries what to check and reverse by hand");
  }

  /**
   * The record the provider made for this posting landed wrong (our reference, another amount): it must not stand.
   * Reversed at once where the provider allows it; otherwise the operator task says how to reverse it by hand. Either
   * way the payment is then not recorded, so the posting waits for an operator to name the right record or cancel.
   */
  AttentionNeeded wrongRecord(String recordId, Verification verification) {
    String mismatch = "read-back of record " + recordId + " does not match: " + verification.detail();
    if (reversal == null) {
      facts.landedWrong(recordId, verification.landedAmountMinor());
      return new AttentionNeeded(AttentionCode.REVERSE_BY_HAND, mismatch + ". It is this posting's record and must be"
          + " reversed by hand in " + journal.status().provider() + " (" + verification.landedAmountMinor()
          + " minor units on record " + recordId + "); then name the right record, or cancel");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, mismatch + "; it is this posting's record:"
        + " reversing it with " + reversal.describe());
    String offset = reverse(recordId, verification.landedAmountMinor(), "landed with the wrong amount");
    if (offset == null) {
      facts.landedWrong(recordId, verification.landedAmountMinor());
      return new AttentionNeeded(AttentionCode.COMPENSATION_FAILED,
          mismatch + ". Reversing it failed (see the timeline): reverse record " + recordId + " by hand");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "record " + recordId + " reversed by "
        + offset);
    facts.alreadyReversedBy = offset;
    return new AttentionNeeded(AttentionCode.RECORD_MISMATCH, mismatch + ". It was reversed by " + offset
        + ", so the payment is not recorded: post it by hand and name the record, or cancel");
  }

  /**
   * Runs the registered reversal in a detached scope (a cancel must not cut a reversal in half). Returns the
   * offsetting entry's id, or null when it could not be done (the reason is on the timeline).
   */
  private String reverse(String recordId, long amountMinor, String reason) {
    String[] offset = new String[1];
    try {
      Workflow.newDetachedCancellationScope(() -> offset[0] = reversal.reverse(recordId, amountMinor, reason)).run();
      return offset[0];
    } catch (AttentionNeeded attention) {
      journal.moveTo(journal.state(), journal.step(), "compensation failed: " + attention.getMessage());
    } catch (ActivityFailure failure) {
      journal.moveTo(journal.state(), journal.step(), "compensation failed: " + FailureKind.describe(failure));
    }
    return null;
  }

  private static String describe(OperatorDecision decision) {
    return (decision.operator() == null ? "" : " (" + decision.operator() + ")")
        + (decision.reason() == null ? "" : ": " + decision.reason());
  }
}
