package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import dev.postings.model.PostingValidator;
import dev.postings.redrive.RedriveOrder;
import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.ReversalOrder;
import io.temporal.api.enums.v1.ParentClosePolicy;
import io.temporal.workflow.ChildWorkflowOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The step machine. Invariant (docs/architecture.md#the-invariant): each posting reaches the provider's ledger exactly
 * once, or ends in a named state with the reason. Hence: a write is never retried by Temporal; it is re-sent only after
 * a failure that proves it did not land (not sent, 429, credentials refused); after an unclear outcome the payment is
 * looked up, and what cannot be resolved waits for an operator in NEEDS_ATTENTION.
 */
public class PostingWorkflowImpl implements PostingWorkflow {

  private static final Logger log = Workflow.getLogger(PostingWorkflowImpl.class);

  private PostingJournal journal;
  private PostingPolicy policy;
  private PostingOrder order;
  private boolean retryRequested;
  /** Who asked for the re-drive being waited for (null: nobody named, e.g. an update from before it carried one). */
  private OperatorDecision retryDecision;
  private RecordResolution pendingResolution;
  private int resolutionsReceived;
  private int resolutionsSettled;
  private int parkings;
  /** When the current parking began (null: not parked): the scheduled re-drive waits out its share of the wait. */
  private Instant parkedAt;
  private CancellationScope cancellation;
  /** An earlier write's outcome is unknown and the path re-sent it (safe only where the provider spots copies). */
  private boolean resentAfterUnclear;
  /** Set while the posting waits for a PMC's approval, or for an operator after that wait. */
  private ApprovalWait approval;
  private boolean approvalStage;
  private OperatorDecision pmcRejection;
  private OperatorDecision operatorCancel;
  private int syncNotices;
  private int syncNoticesSeen;
  private JobFailureNotice jobFailureNotice;
  private boolean ended;
  /** Registered before the first write: how what lands can be undone (null: by an operator's hands). */
  private Reversal compensation;
  private boolean compensationRegistered;
  /** A record that provably landed for this posting and is not confirmed (it landed wrong): what a cancel reverses. */
  private String landedRecordId;
  private long landedAmountMinor;
  /** What landed for this posting was already reversed (the offsetting entry's id): nothing of it stands. */
  private String alreadyReversedBy;
  /** When the approval wait began, and whether its reminder was noted (carried when the posting continues as new). */
  private Instant approvalSince;
  private boolean approvalReminded;
  /** What an earlier run carried into this one (null: the first run). */
  private PostingCarry carried;

  /**
   * A run the posting continued as new into knows its state before its first task: an operator's update may be the
   * first thing it handles, and its validator must see NEEDS_ATTENTION, not a posting that is starting. (A first run
   * builds its journal in {@link #post}, as it always did: that keeps its commands where recorded histories have them.)
   */
  @WorkflowInit
  public PostingWorkflowImpl(PostingOrder order) {
    if (order != null && order.carried() != null) {
      this.order = order;
      policy = order.policyOrDefaults();
      carried = order.carried();
      restore(order.request(), carried);
    }
  }

  @Override
  public PostingStatus post(PostingOrder order) {
    PostingRequest request = order == null ? null : order.request();
    this.order = order;
    policy = order == null ? PostingPolicy.defaults() : order.policyOrDefaults();
    cancellation = CancellationScope.current();
    carried = order == null ? null : order.carried();
    if (carried == null) {
      journal = new PostingJournal(request);
    } else if (journal == null) {
      restore(request, carried);
    }
    // From the first write on, a cancel must not cut the posting short: the write may land whatever we do, and a
    // posting abandoned half-way is a lost one. So the steps run detached from the workflow's cancellation; a cancel is
    // honoured only while nothing can have been sent, and otherwise noted while the posting finishes.
    Workflow.newDetachedCancellationScope(() -> {
      try {
        if (carried == null && (order == null || order.needsJudging())) {
          validate(request);
        }
        PostingPath path = PostingPaths.forRequest(request, policy);
        String recordId;
        String firstRecordId;
        if (carried != null && carried.resume() == PostingCarry.Resume.AWAIT_OPERATOR) {
          compensation = path.reversal();
          recordId = awaitOperatorRecord(null, carried.attentionReason(), carried.firstRecordId(), true);
          firstRecordId = carried.firstRecordId() == null ? recordId : carried.firstRecordId();
        } else {
          recordId = findRecord(path, request);
          firstRecordId = recordId;
        }
        confirm(path, recordId, firstRecordId);
        journal.moveTo(PostingState.CONFIRMED, PostingStep.DONE, "confirmed as record " + recordId);
        if (cancellation.isCancelRequested()) {
          // the cancel came after the write: the payment must not stand
          throw compensate("a cancel was requested while the payment was being posted", recordId,
              request.amount().minor());
        }
      } catch (PostingStop stop) {
        journal.fail(stop.state, stop.getMessage());
      }
      if (cancellation.isCancelRequested() && journal.state() != PostingState.CANCELLED) {
        journal.moveTo(journal.state(), journal.step(), "a cancel was requested after the payment was sent; the"
            + " posting was finished instead, so that its outcome is known");
      }
      ended = true;
      log.info("posting {} ended {}", journal.status().postingId(), journal.state());
      CallerNotification.send(journal, order == null ? null : order.callback());
      // An operator update may still be returning its answer: let it finish before the workflow closes.
      Workflow.await(Workflow::isEveryHandlerFinished);
    }).run();
    return journal.status();
  }

  /**
   * The workflow's own guard, for a posting the starter did not judge ({@link PostingOrder#needsJudging}). Its verdict
   * is taken once and kept in the history (a side effect), so a later change of a rule cannot change what a running
   * posting replays (docs/decisions/0020-correct-over-months.md).
   */
  private void validate(PostingRequest request) {
    Instant at = now();
    String invalid = Workflow.sideEffect(String.class, () -> invalidFields(request, at));
    if (!invalid.isEmpty()) {
      throw new PostingStop(PostingState.REJECTED, "invalid request: " + invalid);
    }
  }

  /** The fields the rules refuse, or "" when none. */
  private String invalidFields(PostingRequest request, Instant at) {
    return rules().validate(request, at).stream()
        .map(e -> e.field() + " " + e.message())
        .collect(Collectors.joining("; "));
  }

  /** Today's validation rules (a seam for the replay test that changes one). */
  protected PostingValidator rules() {
    return new PostingValidator(policy.limits());
  }

  /** SUBMIT, AWAIT_JOB, DISCOVER_RECORD: returns the record the payment became (possibly named by an operator). */
  private String findRecord(PostingPath path, PostingRequest request) {
    try {
      if (carried != null && carried.resume() == PostingCarry.Resume.AWAIT_APPROVAL) {
        compensation = path.reversal();
        return awaitApproval(path.approvalWait(new Submission(journal.status().providerJobId(), null)));
      }
      Submission submission = submit(path, request);
      if (submission.recordId() != null) {
        return submission.recordId();
      }
      journal.jobId(submission.jobId());
      journal.moveTo(PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB,
          "provider accepted the write as job " + submission.jobId() + "; waiting for its outcome");
      JobResult job = awaitJob(path, submission);
      String jobOutcome = "provider job " + submission.jobId() + " ended " + job.status() + ": "
          + (job.errors().isEmpty() ? "no errors given" : String.join("; ", job.errors()));
      if (!job.succeeded() && !(resentAfterUnclear && path.jobFailureProvesEarlierWrite(job))) {
        if (resentAfterUnclear) {
          // This job's refusal speaks for this copy only: the earlier, unclear attempt may be waiting in the provider's
          // queue (ResMan's Partner Transactions) or on the ledger. Calling the posting REJECTED could leave a landed
          // payment that nobody looks for, so a person checks (docs/failures.md, "Landed but called rejected").
          ApprovalWait queue = path.approvalWait(submission);
          throw new AttentionNeeded(AttentionCode.UNKNOWN_OUTCOME, jobOutcome + ". This write was a re-send after an"
              + " unclear attempt, and its refusal does not say that the provider had already seen it, so the earlier attempt may have landed"
              + (queue == null ? "" : " (" + queue.where() + ")")
              + ": check the provider, then name the record, or cancel (what to check goes to an operator task)");
        }
        throw new PostingStop(PostingState.REJECTED, jobOutcome);
      }
      if (!job.succeeded()) {
        journal.moveTo(PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB, jobOutcome + ". This write was a re-send after"
            + " an unclear attempt, so the refusal proves that the earlier attempt landed: nothing was posted twice");
      }
      ApprovalWait wait = path.approvalWait(submission);
      if (wait != null) {
        return awaitApproval(wait);
      }
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
          "job " + submission.jobId() + " ended " + job.status() + "; looking for the record");
      Discovery discovery = read(PostingStep.DISCOVER_RECORD, () -> path.discoverRecord(submission, job));
      if (!discovery.isFound()) {
        throw new AttentionNeeded(AttentionCode.RECORD_NOT_FOUND, "no record found for the posting: " + discovery.evidence());
      }
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
      return discovery.recordId();
    } catch (AttentionNeeded attention) {
      return awaitOperatorRecord(attention.code(), attention.getMessage(), null, false);
    }
  }

  private Submission submit(PostingPath path, PostingRequest request) {
    // Compensation is registered before the forward call: from here on, whatever lands can be undone, by the
    // provider's own reversal or by an operator's hands (docs/failures.md#compensation). State only: no history events.
    compensation = path.reversal();
    compensationRegistered = true;
    journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "sending the payment to " + request.provider()
        + "; if it must be undone: " + (compensation == null ? "an operator reverses it by hand (no reversal API)"
        : compensation.describe()));
    int failedAttempts = 0;
    Instant rateLimitedSince = null;
    while (true) {
      // Every earlier attempt of this loop failed in a way that proves it did not land: a cancel is still clean here
      // (unless an attempt was unclear and re-sent, which only providers that spot copies allow).
      if (cancellation.isCancelRequested() && !resentAfterUnclear) {
        throw new PostingStop(PostingState.CANCELLED, "cancelled before the payment was sent: nothing was posted");
      }
      try {
        return path.submit();
      } catch (ActivityFailure failure) {
        FailureKind kind = FailureKind.of(failure);
        String reason = FailureKind.describe(failure);
        boolean provablyNotLanded = switch (kind) {
          case NOT_SENT, RATE_LIMITED, CREDENTIALS_REFUSED, PROVIDER_UNAVAILABLE -> true;
          default -> false;
        };
        if (kind == FailureKind.REJECTED) {
          throw new PostingStop(PostingState.REJECTED, "provider refused the payment: " + reason);
        }
        if (!provablyNotLanded && !path.resendIsSafe()) {
          return lookUpUnclearSubmit(path, reason);
        }
        // Either the answer proves the write did not land, or the provider recognises a second copy (ResMan's batch
        // id): sending it again cannot post twice. A 429 is the provider pacing us, not a failure: it does not use up
        // the attempts.
        if (!provablyNotLanded) {
          resentAfterUnclear = true;
        }
        if (kind != FailureKind.RATE_LIMITED) {
          failedAttempts++;
          rateLimitedSince = null;
        } else if (rateLimitedSince == null) {
          rateLimitedSince = now();
        }
        // A 429 uses up no attempt, but a provider that keeps pacing us for longer than the budget is treated like one
        // that keeps failing: the posting parks (bounded history) and the re-drive or its back-off resumes it.
        boolean rateLimitSpent = rateLimitedSince != null
            && !Duration.between(rateLimitedSince, now()).minus(policy.parking().rateLimitBudgetOrDefault())
                .isNegative();
        if (failedAttempts >= path.resubmitAttempts() || rateLimitSpent) {
          park(rateLimitSpent ? AttentionCode.PARKED_RATE_LIMITED : AttentionCode.parkedBy(kind),
              rateLimitSpent ? "answered 429 for " + Duration.between(rateLimitedSince, now()).toMinutes()
              + " min (budget " + policy.parking().rateLimitBudgetOrDefault() + "): " + reason : reason);
          failedAttempts = 0;
          rateLimitedSince = null;
          // nothing sent so far can have landed (or the provider spots a copy): the next run may start the loop again
          continueAsNewIfLong(PostingCarry.Resume.SUBMIT, null, null);
          journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "sending the payment again");
        } else {
          Duration wait = waitBeforeResubmit(path, kind, failure, failedAttempts);
          journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, (provablyNotLanded ? "not sent (" + reason + ")"
              : "outcome unknown (" + reason + "), and a re-send cannot post twice") + "; sending again in "
              + wait.toSeconds() + "s");
          // Nothing has landed yet, so a cancel may end this wait at once (the loop then ends CANCELLED).
          awaitAtMost(wait, () -> cancellation.isCancelRequested() && !resentAfterUnclear);
        }
      }
    }
  }

  /** A 429 says when to come back (Retry-After); anything else waits by the provider's schedule. */
  private static Duration waitBeforeResubmit(PostingPath path, FailureKind kind, ActivityFailure failure,
      int failedAttempts) {
    if (kind == FailureKind.RATE_LIMITED && failure.getCause() instanceof ApplicationFailure application
        && application.getNextRetryDelay() != null) {
      return application.getNextRetryDelay();
    }
    return path.resubmitSchedule().delayAfter(Math.max(1, failedAttempts));
  }

  /** The write may have landed: find out before anything else is sent. Never re-posts blindly. */
  private Submission lookUpUnclearSubmit(PostingPath path, String reason) {
    journal.fail(PostingState.SUBMITTING, "outcome of the write is unknown (" + reason + "); looking the payment up");
    Discovery discovery = read(PostingStep.SUBMIT, path::lookUpAfterUnclearSubmit);
    if (!discovery.isFound()) {
      throw new AttentionNeeded(AttentionCode.UNKNOWN_OUTCOME, "the write's outcome is unknown (" + reason + ") and " + discovery.evidence()
          + "; not sent again, to avoid posting twice");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
        "the unclear write did land: " + discovery.evidence());
    return new Submission(null, discovery.recordId());
  }

  /**
   * AWAIT_JOB: the path's poll, cut short when Propexo's WRITE_OPERATION_FAILURE webhook reports this job failed (the
   * poll stays the fallback when no webhook comes).
   */
  private JobResult awaitJob(PostingPath path, Submission submission) {
    Promise<JobResult> poll = Async.function(path::awaitJob, submission);
    Workflow.await(() -> poll.isCompleted() || jobFailureNotice != null);
    if (!poll.isCompleted()) {
      // The poll is left to end by itself (its next read sees the settled job; a closed posting drops its result).
      // Cancelling it produced, for a poll waiting for its next attempt, ActivityTaskCancelRequested and at once
      // ActivityTaskCanceled among this workflow task's own events, and a Workflow.getVersion later in the same task
      // then failed every replay of the posting: "Version is already set to -1", a NonDeterministicException, the
      // posting stuck (seen with the Java test server, CompletionCallbackEndToEndTest).
      JobFailureNotice notice = jobFailureNotice;
      journal.moveTo(PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB, "Propexo's WRITE_OPERATION_FAILURE webhook"
          + " reports job " + notice.rootJobId() + " " + notice.writeStatus());
      return new JobResult(false, notice.writeStatus(), notice.errors() == null ? List.of() : notice.errors(), null);
    }
    try {
      return poll.get();
    } catch (ActivityFailure failure) {
      throw new AttentionNeeded(AttentionCode.JOB_WITHOUT_OUTCOME, "job " + submission.jobId() + " has no outcome by its deadline (last: "
          + FailureKind.describe(failure) + ")");
    }
  }

  /**
   * AWAIT_APPROVAL: the payment waits for a person (ResMan's PMC), and its record shows up only after the provider's
   * next sync. The synced list is watched once per sync interval by one long-retrying activity (no history per look);
   * a DATA_NEW webhook makes the posting look at once; an operator may name the record, or say the PMC rejected it, or
   * cancel. A reminder is noted at its age; past the deadline the posting goes to an operator, not to failure.
   */
  private String awaitApproval(ApprovalWait wait) {
    approval = wait;
    approvalStage = true;
    boolean resumed = carried != null && carried.resume() == PostingCarry.Resume.AWAIT_APPROVAL;
    Instant since = resumed ? carried.approvalSince() : now();
    approvalSince = since;
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
    // posting, and the cancel of an attempt that had not started breaks replay as in awaitJob.
    Promise<Discovery> watch = wait.watch(resumed ? Duration.between(now(), deadlineAt).plus(wait.syncInterval())
        : wait.deadline().plus(wait.syncInterval()));
    boolean reminded = resumed ? carried.reminded() : wait.reminderAfter().compareTo(wait.deadline()) >= 0;
    syncNoticesSeen = syncNotices;
    if (resumed && carried.lookDue()) {
      // a notice the earlier run accepted and had not looked for yet
      syncNotices++;
    }
    try {
      while (true) {
        approvalReminded = reminded;
        continueAsNewIfLong(PostingCarry.Resume.AWAIT_APPROVAL, null, null);
        Supplier<Boolean> woken = () -> watch.isCompleted() || pendingResolution != null
            || pmcRejection != null || operatorCancel != null || syncNotices > syncNoticesSeen;
        Instant next = reminded ? deadlineAt : reminderAt;
        Duration untilNext = Duration.between(now(), next);
        if (untilNext.isNegative() || untilNext.isZero() || !awaitAtMost(untilNext, woken::get)) {
          if (!reminded) {
            reminded = true;
            remindOfApproval(wait, since);
            continue;
          }
          throw new AttentionNeeded(AttentionCode.APPROVAL_OVERDUE, "no approved record by the approval deadline (" + wait.deadline() + " after "
              + since + "). The payment was " + wait.where() + ". Check the tab: name the record if it was posted,"
              + " or record that the PMC rejected it");
        }
        stopOnApprovalDecision();
        if (pendingResolution != null) {
          RecordResolution resolution = pendingResolution;
          pendingResolution = null;
          journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "operator named record "
              + resolution.recordId() + " while the posting awaited approval"
              + (resolution.note() == null ? "" : " (" + resolution.note() + ")"));
          return resolution.recordId();
        }
        if (syncNotices > syncNoticesSeen) {
          syncNoticesSeen = syncNotices;
          Discovery discovery = read(PostingStep.AWAIT_APPROVAL, wait::lookNow);
          if (discovery.isFound()) {
              journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
            return discovery.recordId();
          }
          continue;
        }
        if (watch.isCompleted()) {
          Discovery discovery;
          try {
            discovery = watch.get();
          } catch (ActivityFailure failure) {
            throw new AttentionNeeded(AttentionCode.APPROVAL_OVERDUE, "watching the synced records failed ("
                + FailureKind.describe(failure)
                + "). The payment was " + wait.where() + ". Check the tab: name the record if it was posted, or"
                + " record that the PMC rejected it");
          }
          if (!discovery.isFound()) {
            throw new AttentionNeeded(AttentionCode.RECORD_NOT_FOUND, discovery.evidence());
          }
          journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
          return discovery.recordId();
        }
      }
    } finally {
      approval = null;
    }
  }

  private void remindOfApproval(ApprovalWait wait, Instant since) {
    journal.moveTo(PostingState.AWAITING_APPROVAL, PostingStep.AWAIT_APPROVAL, "reminder: not approved after "
        + wait.reminderAfter() + " (" + wait.where() + "); the posting goes to an operator at "
        + since.plus(wait.deadline()));
    Workflow.getMetricsScope()
        .tagged(Map.of("provider", String.valueOf(journal.status().provider())))
        .counter("postings_approval_reminders")
        .inc(1);
  }

  /** An operator said the PMC rejected the payment, or cancelled the posting: it ends here, with nothing posted. */
  private void stopOnApprovalDecision() {
    if (pmcRejection != null) {
      throw new PostingStop(PostingState.REJECTED, "the PMC rejected the payment"
          + describe(pmcRejection) + ": nothing was posted");
    }
    if (operatorCancel != null && approvalStage) {
      throw new PostingStop(PostingState.CANCELLED, "cancelled by an operator" + describe(operatorCancel)
          + ". If the transaction is still waiting in the PMC's approval queue, it must be rejected there");
    }
    if (operatorCancel != null && alreadyReversedBy != null) {
      throw new PostingStop(PostingState.COMPENSATED, "cancelled by an operator" + describe(operatorCancel)
          + ": what landed was already reversed by " + alreadyReversedBy + "; nothing of this posting stands");
    }
    if (operatorCancel != null) {
      throw compensate("cancelled by an operator" + describe(operatorCancel), landedRecordId, landedAmountMinor);
    }
  }

  /**
   * A cancel after the write: what landed is reversed where the provider allows it (COMPENSATED); otherwise, or when
   * nobody knows whether it landed, an operator task is opened as its own workflow ({@code reversal-<postingId>})
   * carrying everything needed, and the posting ends CANCELLED naming it.
   */
  private PostingStop compensate(String why, String recordId, long amountMinor) {
    if (recordId != null && compensation != null) {
      String offset = runCompensation(recordId, amountMinor, why);
      if (offset != null) {
        return new PostingStop(PostingState.COMPENSATED, why + ": record " + recordId + " was reversed by " + offset);
      }
    }
    PostingRequest request = order.request();
    String task = ReversalOrder.workflowIdOf(request.postingId());
    PostingReversalWorkflow reversal = Workflow.newChildWorkflowStub(PostingReversalWorkflow.class,
        ChildWorkflowOptions.newBuilder()
            .setWorkflowId(task)
            .setParentClosePolicy(ParentClosePolicy.PARENT_CLOSE_POLICY_ABANDON)
            .build());
    Async.function(reversal::reverse, new ReversalOrder(request, recordId,
        recordId == null ? request.amount().minor() : amountMinor, why,
        operatorCancel == null ? null : operatorCancel.operator(), policy));
    Workflow.getWorkflowExecution(reversal).get();
    return new PostingStop(PostingState.CANCELLED, why + " after the payment was sent. "
        + (recordId == null ? "Whether it landed is not known" : "Record " + recordId + " landed")
        + ": operator task " + task + " carries what to check and reverse by hand");
  }

  private static String describe(OperatorDecision decision) {
    return (decision.operator() == null ? "" : " (" + decision.operator() + ")")
        + (decision.reason() == null ? "" : ": " + decision.reason());
  }

  /** CONFIRM: read back and compare; a record that does not match goes to an operator, never to CONFIRMED. */
  private void confirm(PostingPath path, String namedRecordId, String firstRecordId) {
    String recordId = namedRecordId;
    if (approvalStage) {
      // A record is named: whatever the PMC does now, the payment was posted. "Rejected by the PMC" and "cancel, and
      // reject it in the queue" would both say that nothing was posted, so they no longer apply; a cancel from here on
      // is a cancel after the write (compensation).
      approvalStage = false;
    }
    while (true) {
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "reading back record " + recordId);
      String candidate = recordId;
      Verification verification;
      try {
        verification = read(PostingStep.CONFIRM, () -> path.confirm(candidate));
      } catch (AttentionNeeded attention) {
        verification = new Verification(false, attention.getMessage());
      }
      if (verification.matches()) {
        journal.recordId(recordId);
        resolutionsSettled = resolutionsReceived;
        return;
      }
      resolutionsSettled = resolutionsReceived;
      AttentionNeeded mismatch = new AttentionNeeded(AttentionCode.RECORD_MISMATCH,
          "read-back of record " + recordId + " does not match: " + verification.detail());
      boolean providersOwnRecord = recordId.equals(firstRecordId) && verification.landedAmountMinor() != null;
      if (providersOwnRecord) {
        mismatch = compensateWrongRecord(recordId, verification);
      }
      recordId = awaitOperatorRecord(mismatch.code(), mismatch.getMessage(), firstRecordId, false);
    }
  }

  /**
   * The record the provider made for this posting landed wrong (our reference, another amount): it must not stand.
   * Reversed at once where the provider allows it; otherwise the operator task says how to reverse it by hand. Either
   * way the payment is then not recorded, so the posting waits for an operator to name the right record or cancel.
   */
  private AttentionNeeded compensateWrongRecord(String recordId, Verification verification) {
    String mismatch = "read-back of record " + recordId + " does not match: " + verification.detail();
    if (compensation == null) {
      landedRecordId = recordId;
      landedAmountMinor = verification.landedAmountMinor();
      return new AttentionNeeded(AttentionCode.REVERSE_BY_HAND, mismatch + ". It is this posting's record and must be"
          + " reversed by hand in " + journal.status().provider() + " (" + verification.landedAmountMinor()
          + " minor units on record " + recordId + "); then name the right record, or cancel");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, mismatch + "; it is this posting's record:"
        + " reversing it with " + compensation.describe());
    String offset = runCompensation(recordId, verification.landedAmountMinor(), "landed with the wrong amount");
    if (offset == null) {
      landedRecordId = recordId;
      landedAmountMinor = verification.landedAmountMinor();
      return new AttentionNeeded(AttentionCode.COMPENSATION_FAILED,
          mismatch + ". Reversing it failed (see the timeline): reverse record " + recordId + " by hand");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "record " + recordId + " reversed by "
        + offset);
    alreadyReversedBy = offset;
    return new AttentionNeeded(AttentionCode.RECORD_MISMATCH, mismatch + ". It was reversed by " + offset
        + ", so the payment is not recorded: post it by hand and name the record, or cancel");
  }

  /**
   * Runs the registered compensation in a detached scope (a cancel must not cut a reversal in half). Returns the
   * offsetting entry's id, or null when it could not be done (the reason is on the timeline).
   */
  private String runCompensation(String recordId, long amountMinor, String reason) {
    String[] offset = new String[1];
    try {
      Workflow.newDetachedCancellationScope(() -> offset[0] = compensation.reverse(recordId, amountMinor, reason))
          .run();
      return offset[0];
    } catch (AttentionNeeded attention) {
      journal.moveTo(journal.state(), journal.step(), "compensation failed: " + attention.getMessage());
    } catch (ActivityFailure failure) {
      journal.moveTo(journal.state(), journal.step(), "compensation failed: " + FailureKind.describe(failure));
    }
    return null;
  }

  /** A read, retried by its activity's retry policy; when that budget is spent the posting parks, then tries again. */
  private <T> T read(PostingStep step, Supplier<T> call) {
    while (true) {
      try {
        return call.get();
      } catch (ActivityFailure failure) {
        if (FailureKind.of(failure) == FailureKind.REJECTED) {
          throw new AttentionNeeded(AttentionCode.PROVIDER_REFUSED_READ, step + " refused by the provider: " + FailureKind.describe(failure));
        }
        PostingState resumeIn = journal.state();
        park(AttentionCode.parkedBy(FailureKind.of(failure)), FailureKind.describe(failure));
        journal.moveTo(resumeIn, step, "trying " + step + " again");
      }
    }
  }

  private void park(AttentionCode code, String reason) {
    journal.fail(PostingState.PARKED, code, "parked after repeated failures: " + reason);
    retryRequested = false;
    parkings++;
    parkedAt = now();
    boolean redriven = awaitAtMost(policy.parking().waitFor(parkings), () -> retryRequested);
    retryRequested = false;
    parkedAt = null;
    journal.moveTo(PostingState.PARKED, journal.step(), !redriven ? "parking back-off over"
        : retryDecision == null || retryDecision.operator() == null ? "re-driven"
        : "re-driven by " + retryDecision.operator());
  }

  /** A continued run takes up what the run before knew. */
  private void restore(PostingRequest request, PostingCarry carry) {
    PostingStart.carry(carry.startedAt());
    journal = new PostingJournal(request, carry.journal());
    resentAfterUnclear = carry.resentAfterUnclear();
    approvalStage = carry.approvalStage();
    compensationRegistered = carry.compensationRegistered();
    landedRecordId = carry.landedRecordId();
    landedAmountMinor = carry.landedAmountMinor();
    alreadyReversedBy = carry.alreadyReversedBy();
    parkings = carry.parkings();
  }

  /**
   * Continues as new, carrying everything the posting knows ({@link PostingCarry}), once this run's history passed the
   * policy's budget or Temporal suggests it. Only at a wait ({@code resume}) and only when no update is running or
   * waiting to be acted on: every operator gets an answer from the run that took the action.
   */
  private void continueAsNewIfLong(PostingCarry.Resume resume, String attentionReason, String firstRecordId) {
    io.temporal.workflow.WorkflowInfo info = Workflow.getInfo();
    if (!info.isContinueAsNewSuggested() && info.getHistoryLength() < policy.historyBudgetOrDefault()) {
      return;
    }
    // An update that has done its work is still returning its answer: let it (a few events, no timer).
    Workflow.await(() -> Workflow.isEveryHandlerFinished() || actionWaiting());
    if (!Workflow.isEveryHandlerFinished() || actionWaiting()) {
      return;
    }
    int run = carried == null ? 1 : carried.run() + 1;
    PostingCarry carry = new PostingCarry(resume, run, PostingStart.at(), journal.snapshot(), resentAfterUnclear,
        approvalStage, compensationRegistered, landedRecordId, landedAmountMinor, alreadyReversedBy, parkings,
        syncNotices > syncNoticesSeen, resume == PostingCarry.Resume.AWAIT_APPROVAL ? approvalSince : null,
        approvalReminded, attentionReason, firstRecordId);
    log.info("posting {} continues as new (run {}) after {} events, in {}", journal.status().postingId(), run + 1,
        info.getHistoryLength(), resume);
    Workflow.continueAsNew(io.temporal.workflow.ContinueAsNewOptions.newBuilder()
        .setTypedSearchAttributes(Workflow.getTypedSearchAttributes())
        .build(), order.continued(carry));
  }

  /** An operator's action or a notice the posting has accepted and not yet acted on. */
  private boolean actionWaiting() {
    return pendingResolution != null || pmcRejection != null || operatorCancel != null || retryRequested
        || jobFailureNotice != null;
  }

  /**
   * Waits until {@code condition} holds or {@code timeout} passes; true when the condition held. A wait that ends by
   * its condition cancels its timer: {@code Workflow.await(timeout, condition)} leaves it running, and every such timer
   * fires later into the history (a workflow task each) although nobody waits for it any more.
   */
  private static boolean awaitAtMost(Duration timeout, Supplier<Boolean> condition) {
    if (condition.get()) {
      return true;
    }
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(() -> {
      timer.add(Workflow.newTimer(timeout));
      Workflow.await(() -> timer.get(0).isCompleted() || condition.get());
    });
    scope.run();
    if (!timer.get(0).isCompleted()) {
      scope.cancel();
    }
    return condition.get();
  }

  /**
   * NEEDS_ATTENTION until an operator names the record (or rejects or cancels). {@code firstRecordId}: the record the
   * provider named, when the read-back of that one failed (null: none). {@code resumed}: a run continued as new goes
   * back to the wait its earlier run was in.
   */
  private String awaitOperatorRecord(AttentionCode code, String reason, String firstRecordId,
      boolean resumed) {
    if (!resumed) {
      journal.fail(PostingState.NEEDS_ATTENTION, code, reason);
    }
    continueAsNewIfLong(PostingCarry.Resume.AWAIT_OPERATOR, reason, firstRecordId);
    Workflow.await(() -> pendingResolution != null || pmcRejection != null || operatorCancel != null);
    stopOnApprovalDecision();
    RecordResolution resolution = pendingResolution;
    pendingResolution = null;
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "operator named record "
        + resolution.recordId() + (resolution.note() == null ? "" : " (" + resolution.note() + ")"));
    return resolution.recordId();
  }

  @Override
  public PostingStatus status() {
    return journal.status();
  }

  @Override
  public Instant scheduledRedriveFrom() {
    return parkedAt == null || policy == null ? null : parkedAt.plus(policy.parking().redriveAfter(parkings));
  }

  @Override
  public PostingStatus resolve(RecordResolution resolution) {
    pendingResolution = resolution;
    int ticket = ++resolutionsReceived;
    // Answered once the named record was read back, or when the posting ended otherwise (a decision taken in the same
    // moment won): an update that is never answered would also keep the posting from closing.
    Workflow.await(() -> resolutionsSettled >= ticket || ended);
    return journal.status();
  }

  @Override
  public void validateResolve(RecordResolution resolution) {
    if (resolution == null || resolution.recordId() == null || resolution.recordId().isBlank()) {
      throw new IllegalArgumentException("recordId is required");
    }
    boolean waiting = journal != null && (journal.state() == PostingState.NEEDS_ATTENTION
        || journal.state() == PostingState.AWAITING_APPROVAL);
    if (!waiting || pendingResolution != null) {
      throw new IllegalStateException("posting is " + (journal == null ? "starting" : journal.state())
          + ", not NEEDS_ATTENTION or AWAITING_APPROVAL: there is nothing to resolve");
    }
    // A cancel or the PMC's rejection was accepted and is being carried out (a compensation may be running): the
    // posting ends by that decision, so naming a record now would be an answer nobody acts on.
    if (operatorCancel != null || pmcRejection != null) {
      throw new IllegalStateException("posting is being " + (operatorCancel != null ? "cancelled" : "rejected")
          + " by an operator's decision: there is nothing to resolve");
    }
  }

  @Override
  public PostingStatus rejectedByPmc(OperatorDecision decision) {
    pmcRejection = decision == null ? new OperatorDecision(null, null) : decision;
    Workflow.await(() -> ended);
    return journal.status();
  }

  @Override
  public void validateRejectedByPmc(OperatorDecision decision) {
    requireApprovalDecisionPossible("the PMC's rejection");
  }

  @Override
  public PostingStatus cancelWaiting(OperatorDecision decision) {
    operatorCancel = decision == null ? new OperatorDecision(null, null) : decision;
    Workflow.await(() -> ended);
    return journal.status();
  }

  @Override
  public void validateCancelWaiting(OperatorDecision decision) {
    // After the write, a posting waiting for an operator can also be cancelled: compensation undoes what landed
    PostingState state = journal == null ? null : journal.state();
    if (!approvalStage && compensationRegistered && state == PostingState.NEEDS_ATTENTION && operatorCancel == null
        && pendingResolution == null) {
      return;
    }
    requireApprovalDecisionPossible("a cancel");
  }

  /** Only a posting waiting for approval (or for an operator after that wait) can take these decisions. */
  private void requireApprovalDecisionPossible(String what) {
    PostingState state = journal == null ? null : journal.state();
    boolean possible = approvalStage && (state == PostingState.AWAITING_APPROVAL
        || state == PostingState.NEEDS_ATTENTION);
    if (!possible || pmcRejection != null || operatorCancel != null || pendingResolution != null) {
      throw new IllegalStateException("posting is " + (state == null ? "starting" : state) + (approvalStage ? ""
          : " and has no approval step") + ": " + what + " only applies to a posting awaiting approval");
    }
  }

  @Override
  public PostingStatus noticeSyncedRecords(SyncNotice notice) {
    syncNotices++;
    return journal.status();
  }

  @Override
  public void validateNoticeSyncedRecords(SyncNotice notice) {
    if (approval == null || journal.state() != PostingState.AWAITING_APPROVAL) {
      throw new IllegalStateException("posting is " + (journal == null ? "starting" : journal.state())
          + ", not AWAITING_APPROVAL: synced records do not concern it");
    }
    // One look covers every record synced so far: a notice that comes while a look is still due adds nothing but
    // history (a flood of DATA_NEW at month end would otherwise queue one read each).
    if (syncNotices > syncNoticesSeen) {
      throw new IllegalStateException("a look at the synced records is already pending: this notice adds nothing");
    }
    if (notice == null || !approval.integrationId().equals(notice.integrationId())) {
      throw new IllegalArgumentException("posting waits on integration " + approval.integrationId() + ", not "
          + (notice == null ? null : notice.integrationId()));
    }
  }

  @Override
  public PostingStatus noticeJobFailure(JobFailureNotice notice) {
    jobFailureNotice = notice;
    return journal.status();
  }

  @Override
  public void validateNoticeJobFailure(JobFailureNotice notice) {
    if (journal == null || journal.state() != PostingState.AWAITING_JOB || jobFailureNotice != null) {
      throw new IllegalStateException("posting is " + (journal == null ? "starting" : journal.state())
          + ", not AWAITING_JOB: a job failure does not concern it");
    }
    if (notice == null || !Objects.equals(journal.status().providerJobId(), notice.rootJobId())) {
      throw new IllegalArgumentException("posting awaits job " + journal.status().providerJobId() + ", not "
          + (notice == null ? null : notice.rootJobId()));
    }
    // Propexo's write_status FAILURE means "completely failed"; PARTIAL_SUCCESS means part of it was written, and any
    // other word is not a failure at all. Only a failure may end the wait as one: otherwise the poll reads the outcome.
    // (A validator refuses without history, and replay does not run validators, so no version is needed.)
    if (!JobFailureNotice.FAILURE.equals(notice.writeStatus())) {
      throw new IllegalArgumentException("write_status " + notice.writeStatus() + " is not " + JobFailureNotice.FAILURE
          + ": the job's outcome is read from its write-status");
    }
  }

  @Override
  public PostingStatus retryNow(OperatorDecision decision) {
    retryDecision = decision;
    retryRequested = true;
    Workflow.await(() -> !retryRequested || ended);
    return journal.status();
  }

  @Override
  public void validateRetryNow(OperatorDecision decision) {
    if (journal == null || journal.state() != PostingState.PARKED) {
      throw new IllegalStateException("posting is " + (journal == null ? "starting" : journal.state())
          + ", not PARKED: there is nothing to retry");
    }
    // The schedule runs every few minutes whatever each posting's back-off: it may cut a parking short only once the
    // parking's own share of its wait has passed, so a posting that keeps failing is re-driven less and less often.
    // An operator's retry is never held back. (A refusal costs no history; replay does not run validators.)
    if (decision != null && RedriveOrder.SCHEDULED.equals(decision.operator()) && parkedAt != null) {
      Instant allowedAt = scheduledRedriveFrom();
      if (now().isBefore(allowedAt)) {
        throw new IllegalStateException("parked since " + parkedAt + ": the scheduled re-drive may resume it from "
            + allowedAt + " (its own back-off)");
      }
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
