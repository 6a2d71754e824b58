package dev.postings.reversal;

import dev.postings.workflow.AttentionNeeded;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingPaths;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.Reversal;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

public class PostingReversalWorkflowImpl implements PostingReversalWorkflow {

  private ReversalOrder order;
  private PostingState state = PostingState.RECEIVED;
  private String offsetRecordId;
  private String task;
  private OperatorDecision byHand;
  private final List<String> timeline = new ArrayList<>();

  @Override
  public ReversalStatus reverse(ReversalOrder order) {
    this.order = order;
    note("reversal requested" + (order.requestedBy() == null ? "" : " by " + order.requestedBy()) + ": "
        + order.reason());
    Reversal reversal = order.recordId() == null ? null
        : PostingPaths.forRequest(order.posting(), order.policy()).reversal();
    if (reversal != null) {
      state = PostingState.DISCOVERING_RECORD;
      note("reversing record " + order.recordId() + " with " + reversal.describe());
      try {
        offsetRecordId = reversal.reverse(order.recordId(), order.amountMinor(), order.reason());
        state = PostingState.REVERSED;
        note("reversed: offsetting entry " + offsetRecordId);
        return status();
      } catch (AttentionNeeded attention) {
        note("the provider's reversal did not complete: " + attention.getMessage());
      } catch (ActivityFailure failure) {
        note("the provider's reversal did not complete: " + FailureKind.describe(failure));
      }
    }
    state = PostingState.NEEDS_ATTENTION;
    task = manualTask(reversal != null);
    note("operator task: " + task);
    Workflow.await(() -> byHand != null);
    state = PostingState.REVERSED;
    note("reversed by hand" + (byHand.operator() == null ? "" : " by " + byHand.operator())
        + (byHand.reason() == null ? "" : ": " + byHand.reason()));
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status();
  }

  /** Everything an operator needs to reverse in the PMS by hand. */
  private String manualTask(boolean providerReversalFailed) {
    var posting = order.posting();
    return (order.recordId() == null
        ? "the posting's write may or may not have landed: look for it in " + posting.provider() + " and, if it is"
            + " there, reverse it"
        : "reverse record " + order.recordId() + " in " + posting.provider()
            + (providerReversalFailed ? " (the provider's reversal did not complete)" : " (no reversal API)"))
        + ": " + order.amountMinor() + " " + posting.amount().currency() + " minor units, reference "
        + posting.referenceNumber() + ", transaction date " + posting.transactionDate() + ", target " + posting.target()
        + ", posting " + posting.postingId() + ". Then record it with reversedByHand";
  }

  private void note(String detail) {
    timeline.add(Instant.ofEpochMilli(Workflow.currentTimeMillis()) + " " + detail);
  }

  @Override
  public ReversalStatus status() {
    return new ReversalStatus(order.posting().postingId(), order.posting().provider(), order.recordId(),
        order.amountMinor(), state, offsetRecordId, task, List.copyOf(timeline));
  }

  @Override
  public ReversalStatus reversedByHand(OperatorDecision decision) {
    byHand = decision == null ? new OperatorDecision(null, null) : decision;
    Workflow.await(() -> state == PostingState.REVERSED);
    return status();
  }

  @Override
  public void validateReversedByHand(OperatorDecision decision) {
    if (state != PostingState.NEEDS_ATTENTION || byHand != null) {
      throw new IllegalStateException("reversal is " + state + ", not NEEDS_ATTENTION: there is nothing to record");
    }
  }
}
