package dev.postings.workflow;

import io.temporal.workflow.ContinueAsNewOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInfo;
import org.slf4j.Logger;

/**
 * Keeps a posting's history bounded over months: at a wait, once the run's history passed the policy's budget or
 * Temporal suggests it, the posting continues as new carrying everything it knows ({@link PostingCarry},
 * docs/decisions/0021-posting-state-carried-across-runs.md).
 */
final class RunContinuation {

  private static final Logger log = Workflow.getLogger(RunContinuation.class);

  private final PostingRun run;

  RunContinuation(PostingRun run) {
    this.run = run;
  }

  /**
   * Continues as new when the history is long. Only at a wait ({@code resume}) and only when no update is running or
   * waiting to be acted on: every operator gets an answer from the run that took the action.
   */
  void ifLong(PostingCarry.Resume resume, String attentionReason, String firstRecordId) {
    WorkflowInfo info = Workflow.getInfo();
    if (!info.isContinueAsNewSuggested() && info.getHistoryLength() < run.policy().historyBudgetOrDefault()) {
      return;
    }
    OperatorInbox inbox = run.inbox();
    // An update that has done its work is still returning its answer: let it (a few events, no timer).
    Workflow.await(() -> Workflow.isEveryHandlerFinished() || inbox.actionWaiting());
    if (!Workflow.isEveryHandlerFinished() || inbox.actionWaiting()) {
      return;
    }
    int next = run.carried() == null ? 1 : run.carried().run() + 1;
    PostingCarry carry = run.facts().carry(resume, next, PostingStart.at(), run.journal().snapshot(), inbox.lookDue(),
        attentionReason, firstRecordId);
    log.info("posting {} continues as new (run {}) after {} events, in {}", run.journal().status().postingId(),
        next + 1, info.getHistoryLength(), resume);
    Workflow.continueAsNew(ContinueAsNewOptions.newBuilder()
        .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
        .build(), run.order().continued(carry));
  }
}
