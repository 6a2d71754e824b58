package dev.postings.reversal;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.Attention;
import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.AttentionNeeded;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingPaths;
import dev.postings.workflow.Reversal;
import dev.postings.workflow.Reversal.Attempt;
import dev.postings.workflow.ReversalPolicy;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/**
 * Reverses with proof, or hands the reversal to an operator with a deadline:
 * <ul>
 *   <li>an offsetting entry is sent again only after a search that waited out the provider's settle time found nothing
 *       (and at most {@link ReversalPolicy#maxSends()} times); a search that finds it ends the reversal REVERSED. A
 *       reversal opened by its posting's compensation comes after the posting's own attempt did not complete, so it
 *       searches (after the settle time) before it sends anything;</li>
 *   <li>an operator task is findable ({@code ReversalState}, {@code PostingProvider}), reminded and then ESCALATED at
 *       configured ages (timeline and metrics), and marked done by an operator, who is recorded.</li>
 * </ul>
 * Its history is bounded whatever the wait: at most {@code maxSends} send-and-search rounds, one reminder, one
 * escalation, one accepted update (a refused one records no update).
 */
public class PostingReversalWorkflowImpl implements PostingReversalWorkflow {

  static final String REMINDERS = "postings_reversal_reminders";
  static final String ESCALATIONS = "postings_reversal_escalations";

  private ReversalOrder order;
  private ReversalPolicy policy;
  private ReversalJournal journal;
  private String offsetRecordId;
  private String task;
  private OperatorDecision byHand;
  private Instant taskOpenedAt;
  private Instant remindAt;
  private Instant escalateAt;

  @Override
  public ReversalStatus reverse(ReversalOrder order) {
    this.order = order;
    this.policy = order.reversalPolicy();
    journal = new ReversalJournal(order.posting().provider());
    journal.note("reversal requested" + (order.requestedBy() == null ? "" : " by " + order.requestedBy()) + ": "
        + order.reason());
    Reversal reversal = order.recordId() == null ? null
        : PostingPaths.forRequest(order.posting(), order.policyOrDefaults()).reversal();
    String why = reversal == null ? null : reverseWithProof(reversal);
    if (journal.state() == ReversalState.REVERSED) {
      return status();
    }
    task = manualTask(why);
    awaitOperatorByDeadlines();
    journal.moveTo(ReversalState.REVERSED, "reversed by hand"
        + (byHand.operator() == null ? "" : " by " + byHand.operator())
        + (byHand.reason() == null ? "" : ": " + byHand.reason()));
    Workflow.await(Workflow::isEveryHandlerFinished);
    return status();
  }

  private String reversalFailed(String evidence) {
    journal.note("the provider's reversal did not complete: " + evidence);
    return "the provider's reversal did not complete: " + evidence;
  }

  /**
   * The provider's reversal, never twice: search, send, and after an unclear outcome wait the provider's settle time
   * and search again before sending again. Null when it reversed, else why an operator must take over.
   */
  private String reverseWithProof(Reversal reversal) {
    String recordId = order.recordId();
    long amount = order.amountMinor();
    Duration settle = policy.settleFor(order.posting().provider());
    if (Workflow.getInfo().getParentWorkflowId().isPresent()) {
      // The posting opens this reversal only after its own offsetting entry did not complete (refused, failed or
      // unclear): a search now could miss one that is still on its way.
      settle(settle, "opened by posting " + order.posting().postingId() + " after its own reversal of record "
          + recordId + " did not complete: searching for it after " + settle + ", before anything is sent");
    }
    int sends = 0;
    while (true) {
      journal.moveTo(ReversalState.REVERSING, "looking for an offsetting entry of record " + recordId + " ("
          + reversal.describe() + ")");
      Optional<String> found;
      try {
        found = reversal.findOffset(recordId, amount);
      } catch (ActivityFailure failure) {
        return "searching for the offsetting entry failed (" + FailureKind.describe(failure) + "), so whether one"
            + " landed is unknown; nothing was sent after it";
      }
      if (found.isPresent()) {
        offsetRecordId = found.get();
        journal.moveTo(ReversalState.REVERSED, "reversed: offsetting entry " + offsetRecordId + " found");
        return null;
      }
      if (sends >= policy.maxSends()) {
        return sends + " offsetting entries were sent with an unclear outcome and none is listed " + settle
            + " after the last; not sent again";
      }
      sends++;
      journal.moveTo(ReversalState.REVERSING, "none listed: sending " + reversal.describe()
          + (sends == 1 ? "" : " again (" + sends + " of at most " + policy.maxSends() + ")"));
      Attempt attempt = reversal.send(recordId, amount, order.reason());
      if (attempt instanceof Attempt.Landed landed) {
        offsetRecordId = landed.offsetId();
        journal.moveTo(ReversalState.REVERSED, "reversed: " + landed.evidence());
        return null;
      }
      if (attempt instanceof Attempt.LandedUnnamed) {
        journal.moveTo(ReversalState.REVERSED, "reversed: " + attempt.evidence());
        return null;
      }
      if (attempt instanceof Attempt.Refused) {
        return reversalFailed(attempt.evidence());
      }
      settle(settle, attempt.evidence() + ": searching for it after " + settle + ", before anything is sent again");
    }
  }

  private void settle(Duration settle, String detail) {
    journal.moveTo(ReversalState.SETTLING, detail);
    Workflow.sleep(settle);
  }

  /**
   * NEEDS_ATTENTION until an operator says it was reversed by hand; reminded once and ESCALATED once at the policy's
   * ages (a timer each; whatever the wait, no more history than that).
   */
  private void awaitOperatorByDeadlines() {
    taskOpenedAt = now();
    remindAt = taskOpenedAt.plus(policy.reminderAfter());
    escalateAt = taskOpenedAt.plus(policy.escalateAfter());
    journal.moveTo(ReversalState.NEEDS_ATTENTION, "operator task: " + task + " (escalated at " + escalateAt + ")");
    if (remindAt.isBefore(escalateAt) && !Workflow.await(policy.reminderAfter(), () -> byHand != null)) {
      journal.moveTo(ReversalState.NEEDS_ATTENTION, "reminder: not reversed by hand after " + policy.reminderAfter()
          + "; escalated at " + escalateAt);
      count(REMINDERS);
    }
    Duration untilEscalation = Duration.between(now(), escalateAt);
    if (byHand == null && (untilEscalation.isNegative() || untilEscalation.isZero()
        || !Workflow.await(untilEscalation, () -> byHand != null))) {
      journal.moveTo(ReversalState.ESCALATED, "escalated: not reversed by hand after " + policy.escalateAfter());
      count(ESCALATIONS);
    }
    Workflow.await(() -> byHand != null);
  }

  /** Through the workflow's metrics scope: nothing is emitted on replay. */
  private void count(String metric) {
    Workflow.getMetricsScope().tagged(Map.of("provider", String.valueOf(order.posting().provider())))
        .counter(metric).inc(1);
  }

  /** Everything an operator needs to reverse in the PMS by hand. */
  private String manualTask(String why) {
    PostingRequest posting = order.posting();
    return (order.recordId() == null
        ? "the posting's write may or may not have landed: look for it in " + posting.provider() + " and, if it is"
            + " there, reverse it"
        : "reverse record " + order.recordId() + " in " + posting.provider()
            + (why == null ? " (no reversal API)" : " (" + why + ")"))
        + ": " + order.amountMinor() + " " + posting.amount().currency() + " minor units, reference "
        + posting.referenceNumber() + ", transaction date " + posting.transactionDate() + ", target " + posting.target()
        + ", posting " + posting.postingId() + ". Then mark it reversed by hand";
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  @Override
  public ReversalStatus status() {
    if (order == null) {
      throw new IllegalStateException("the reversal is starting");
    }
    PostingRequest posting = order.posting();
    return new ReversalStatus(posting.postingId(), posting.provider(), order.recordId(), order.amountMinor(),
        posting.amount().currency(), journal.state(), offsetRecordId, task, order.reason(), order.requestedBy(),
        taskOpenedAt, remindAt, escalateAt, byHand == null ? null : byHand.operator(), journal.timeline(),
        journal.state().waitsForAnOperator() ? Attention.of(AttentionCode.MANUAL_REVERSAL) : null);
  }

  @Override
  public ReversalStatus reversedByHand(OperatorDecision decision) {
    byHand = decision == null ? new OperatorDecision(null, null) : decision;
    Workflow.await(() -> journal.state() == ReversalState.REVERSED);
    return status();
  }

  @Override
  public void validateReversedByHand(OperatorDecision decision) {
    ReversalState state = journal == null ? null : journal.state();
    if (state == null || !state.waitsForAnOperator() || byHand != null) {
      throw new IllegalStateException("reversal is " + (state == null ? "starting" : state) + ", not an operator task"
          + " (NEEDS_ATTENTION or ESCALATED): there is nothing to mark reversed by hand");
    }
  }
}
