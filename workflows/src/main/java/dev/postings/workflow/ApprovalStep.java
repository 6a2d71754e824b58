package dev.postings.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;

/**
 * AWAIT_APPROVAL: the payment waits for a person (ResMan's PMC), and its record shows up only after the provider's
 * next sync (docs/decisions/0005-resman-approval-by-watching-synced-records.md). The synced list is watched once per
 * sync interval by one long-retrying activity (no history per look); a DATA_NEW webhook makes the posting look at once;
 * an operator may name the record, or say the PMC rejected it, or cancel. A reminder is noted at its age; past the
 * deadline the posting goes to an operator, not to failure.
 */
final class ApprovalStep {

  private final PostingRun run;
  private final Parking parking;
  private final RunContinuation continuation;

  ApprovalStep(PostingRun run, Parking parking, RunContinuation continuation) {
    this.run = run;
    this.parking = parking;
    this.continuation = continuation;
  }

  /** Returns the record the payment became, once approved and synced, or named by an operator. */
  String await(ApprovalWait wait) {
    PostingJournal journal = run.journal();
    PostingFacts facts = run.facts();
    OperatorInbox inbox = run.inbox();
    PostingCarry carried = run.carried();
    facts.approvalStage = true;
    boolean resumed = run.resumesIn(PostingCarry.Resume.AWAIT_APPROVAL);
    Instant since = resumed ? facts.approvalSince : Waits.now();
    facts.approvalSince = since;
    Instant reminderAt = since.plus(wait.reminderAfter());
    journal.moveTo(PostingState.AWAITING_APPROVAL, PostingStep.AWAIT_APPROVAL, (resumed ? "still " : "") + wait.where()
        + "; reading the synced records once per sync interval (" + wait.syncInterval() + ") until "
        + since.plus(wait.deadline()));
    Instant deadlineAt = since.plus(wait.deadline());
    // The deadline is this workflow's timer, not the watch's: Temporal ends a retrying activity early when its next
    // attempt would fall after the schedule-to-close timeout, which would cut the wait short by up to an interval.
    // When the wait ends otherwise, the watch is left to end by itself (at most one more read per sync interval until
    // its own deadline; a closed posting drops it) rather than cancelled: a cancel sent while the watch's attempt had
    // just ended, its result not yet delivered, was refused by the Java test server (ACTIVITY_UNKNOWN) and wedged the
    // posting, and the cancel of an attempt that had not started breaks replay as in the job's await.
    Promise<Discovery> watch = wait.watch(resumed ? Duration.between(Waits.now(), deadlineAt).plus(wait.syncInterval())
        : wait.deadline().plus(wait.syncInterval()));
    boolean reminded = resumed ? facts.approvalReminded : wait.reminderAfter().compareTo(wait.deadline()) >= 0;
    inbox.watchApproval(wait, resumed && carried.lookDue());
    try {
      while (true) {
        facts.approvalReminded = reminded;
        continuation.ifLong(PostingCarry.Resume.AWAIT_APPROVAL, null, null);
        Supplier<Boolean> woken = () -> watch.isCompleted() || inbox.decisionWaiting() || inbox.lookDue();
        Instant next = reminded ? deadlineAt : reminderAt;
        Duration untilNext = Duration.between(Waits.now(), next);
        if (untilNext.isNegative() || untilNext.isZero() || !Waits.awaitAtMost(untilNext, woken)) {
          if (!reminded) {
            reminded = true;
            remind(wait, since);
            continue;
          }
          throw new AttentionNeeded(AttentionCode.APPROVAL_OVERDUE, "no approved record by the approval deadline ("
              + wait.deadline() + " after " + since + "). The payment was " + wait.where() + ". Check the tab: name"
              + " the record if it was posted, or record that the PMC rejected it");
        }
        run.compensation().stopOnOperatorDecision();
        if (inbox.pendingResolution() != null) {
          RecordResolution resolution = inbox.takeResolution();
          journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "operator named record "
              + resolution.recordId() + " while the posting awaited approval"
              + (resolution.note() == null ? "" : " (" + resolution.note() + ")"));
          return resolution.recordId();
        }
        if (inbox.lookDue()) {
          inbox.lookTaken();
          Discovery discovery = parking.read(PostingStep.AWAIT_APPROVAL, wait::lookNow);
          if (discovery.isFound()) {
            journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
            return discovery.recordId();
          }
          continue;
        }
        if (watch.isCompleted()) {
          return watched(wait, watch);
        }
      }
    } finally {
      inbox.approvalWaitOver();
    }
  }

  /** The watch ended: the record it found, or an operator's task. */
  private String watched(ApprovalWait wait, Promise<Discovery> watch) {
    Discovery discovery;
    try {
      discovery = watch.get();
    } catch (ActivityFailure failure) {
      throw new AttentionNeeded(AttentionCode.APPROVAL_OVERDUE, "watching the synced records failed ("
          + FailureKind.describe(failure) + "). The payment was " + wait.where() + ". Check the tab: name the record"
          + " if it was posted, or record that the PMC rejected it");
    }
    if (!discovery.isFound()) {
      throw new AttentionNeeded(AttentionCode.RECORD_NOT_FOUND, discovery.evidence());
    }
    run.journal().moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
    return discovery.recordId();
  }

  private void remind(ApprovalWait wait, Instant since) {
    run.journal().moveTo(PostingState.AWAITING_APPROVAL, PostingStep.AWAIT_APPROVAL, "reminder: not approved after "
        + wait.reminderAfter() + " (" + wait.where() + "); the posting goes to an operator at "
        + since.plus(wait.deadline()));
    Workflow.getMetricsScope()
        .tagged(Map.of("provider", String.valueOf(run.journal().status().provider())))
        .counter("postings_approval_reminders")
        .inc(1);
  }
}
