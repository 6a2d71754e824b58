package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import dev.postings.model.PostingValidator;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Async;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInit;
import java.time.Instant;
import java.util.List;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The step machine: validate, submit, await the job or the approval, discover the record, confirm. Invariant
 * (docs/architecture.md#the-invariant): each posting reaches the provider's ledger exactly once, or ends in a named
 * state with the reason. Hence: a write is never retried by Temporal; it is re-sent only after a failure that proves it
 * did not land (not sent, 429, credentials refused); after an unclear outcome the payment is looked up, and what cannot
 * be resolved waits for an operator in NEEDS_ATTENTION.
 *
 * <p>This class orchestrates. What the posting knows is its journal and its {@link PostingFacts}, carried whole when it
 * continues as new ({@link RunContinuation}); the steps with loops of their own are {@link SubmitStep} and
 * {@link ApprovalStep}; what operators ask is kept and judged by the {@link OperatorInbox}; undoing what landed is
 * {@link Compensation}; waiting out failures is {@link Parking}.
 */
public class PostingWorkflowImpl implements PostingWorkflow {

  private static final Logger log = Workflow.getLogger(PostingWorkflowImpl.class);

  private final PostingFacts facts = new PostingFacts();
  private final OperatorInbox inbox = new OperatorInbox();
  private PostingJournal journal;
  private PostingPolicy policy;
  private PostingOrder order;
  /** What an earlier run carried into this one (null: the first run). */
  private PostingCarry carried;
  private PostingRun run;
  private Parking parking;
  private RunContinuation continuation;

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
      restore(order);
    }
  }

  @Override
  public PostingStatus post(PostingOrder order) {
    PostingRequest request = order == null ? null : order.request();
    this.order = order;
    policy = order == null ? PostingPolicy.defaults() : order.policyOrDefaults();
    CancellationScope cancellation = CancellationScope.current();
    carried = order == null ? null : order.carried();
    if (carried == null) {
      journal = new PostingJournal(request, order != null && order.endIsRegistered());
    } else if (journal == null) {
      restore(order);
    }
    run = new PostingRun(order, policy, carried, journal, facts, inbox,
        new Compensation(request, policy, journal, facts, inbox), cancellation);
    parking = new Parking(run);
    continuation = new RunContinuation(run);
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
        if (run.resumesIn(PostingCarry.Resume.AWAIT_OPERATOR)) {
          run.compensation().register(path.reversal());
          recordId = awaitOperatorRecord(null, carried.attentionReason(), carried.firstRecordId(), true);
          firstRecordId = carried.firstRecordId() == null ? recordId : carried.firstRecordId();
        } else {
          recordId = findRecord(path);
          firstRecordId = recordId;
        }
        confirm(path, recordId, firstRecordId);
        journal.moveTo(PostingState.CONFIRMED, PostingStep.DONE, "confirmed as record " + recordId);
        if (cancellation.isCancelRequested()) {
          // the cancel came after the write: the payment must not stand
          throw run.compensation().afterCancel("a cancel was requested while the payment was being posted", recordId,
              request.amount().minor());
        }
      } catch (PostingStop stop) {
        journal.fail(stop.state, stop.getMessage());
      }
      if (cancellation.isCancelRequested() && journal.state() != PostingState.CANCELLED) {
        journal.moveTo(journal.state(), journal.step(), "a cancel was requested after the payment was sent; the"
            + " posting was finished instead, so that its outcome is known");
      }
      inbox.postingEnded();
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
    Instant at = Waits.now();
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
  private String findRecord(PostingPath path) {
    ApprovalStep approval = new ApprovalStep(run, parking, continuation);
    try {
      if (run.resumesIn(PostingCarry.Resume.AWAIT_APPROVAL)) {
        run.compensation().register(path.reversal());
        return approval.await(path.approvalWait(new Submission(journal.status().providerJobId(), null)));
      }
      Submission submission = new SubmitStep(run, parking, continuation).send(path);
      if (submission.recordId() != null) {
        return submission.recordId();
      }
      journal.jobId(submission.jobId());
      JobResult job = awaitJob(path, submission);
      String jobOutcome = "provider job " + submission.jobId() + " ended " + job.status() + ": "
          + (job.errors().isEmpty() ? "no errors given" : String.join("; ", job.errors()));
      if (!job.succeeded() && !(facts.resentAfterUnclear && path.jobFailureProvesEarlierWrite(job))) {
        if (facts.resentAfterUnclear) {
          // This job's refusal speaks for this copy only: the earlier, unclear attempt may be waiting in the provider's
          // queue (ResMan's Partner Transactions) or on the ledger. Calling the posting REJECTED could leave a landed
          // payment that nobody looks for, so a person checks (docs/failures.md, "Landed but called rejected").
          ApprovalWait queue = path.approvalWait(submission);
          throw new AttentionNeeded(AttentionCode.UNKNOWN_OUTCOME, jobOutcome + ". This write was a re-send after an"
              + " unclear attempt, and its refusal does not say that the provider had already seen it, so the earlier"
              + " attempt may have landed" + (queue == null ? "" : " (" + queue.where() + ")")
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
        return approval.await(wait);
      }
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
          "job " + submission.jobId() + " ended " + job.status() + "; looking for the record");
      Discovery discovery = parking.read(PostingStep.DISCOVER_RECORD, () -> path.discoverRecord(submission, job));
      if (!discovery.isFound()) {
        throw new AttentionNeeded(AttentionCode.RECORD_NOT_FOUND,
            "no record found for the posting: " + discovery.evidence());
      }
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
      return discovery.recordId();
    } catch (AttentionNeeded attention) {
      return awaitOperatorRecord(attention.code(), attention.getMessage(), null, false);
    }
  }

  /**
   * AWAIT_JOB: the path's poll, cut short when Propexo's WRITE_OPERATION_FAILURE webhook reports this job failed (the
   * poll stays the fallback when no webhook comes). A job the write's own activity saw settle is not waited for.
   */
  private JobResult awaitJob(PostingPath path, Submission submission) {
    if (submission.settledJob() != null) {
      // Seen settled by the write's own first look: nothing to wait for, so no AWAITING_JOB (no history event).
      journal.moveTo(journal.state(), PostingStep.AWAIT_JOB, "provider accepted the write as job "
          + submission.jobId() + ", which had settled by the first look");
      return submission.settledJob();
    }
    journal.moveTo(PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB,
        "provider accepted the write as job " + submission.jobId() + "; waiting for its outcome");
    Promise<JobResult> poll = Async.function(path::awaitJob, submission);
    Workflow.await(() -> poll.isCompleted() || inbox.jobFailureNotice() != null);
    if (!poll.isCompleted()) {
      // The poll is left to end by itself (its next read sees the settled job; a closed posting drops its result).
      // Cancelling it produced, for a poll waiting for its next attempt, ActivityTaskCancelRequested and at once
      // ActivityTaskCanceled among this workflow task's own events, and a Workflow.getVersion later in the same task
      // then failed every replay of the posting: "Version is already set to -1", a NonDeterministicException, the
      // posting stuck (seen with the Java test server, CompletionCallbackEndToEndTest).
      JobFailureNotice notice = inbox.jobFailureNotice();
      journal.moveTo(PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB, "Propexo's WRITE_OPERATION_FAILURE webhook"
          + " reports job " + notice.rootJobId() + " " + notice.writeStatus());
      return new JobResult(false, notice.writeStatus(), notice.errors() == null ? List.of() : notice.errors(), null);
    }
    try {
      return poll.get();
    } catch (ActivityFailure failure) {
      throw new AttentionNeeded(AttentionCode.JOB_WITHOUT_OUTCOME, "job " + submission.jobId()
          + " has no outcome by its deadline (last: " + FailureKind.describe(failure) + ")");
    }
  }

  /** CONFIRM: read back and compare; a record that does not match goes to an operator, never to CONFIRMED. */
  private void confirm(PostingPath path, String namedRecordId, String firstRecordId) {
    String recordId = namedRecordId;
    // A record is named: whatever the PMC does now, the payment was posted. "Rejected by the PMC" and "cancel, and
    // reject it in the queue" would both say that nothing was posted, so they no longer apply; a cancel from here on
    // is a cancel after the write (compensation).
    facts.approvalStage = false;
    while (true) {
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "reading back record " + recordId);
      String candidate = recordId;
      Verification verification;
      try {
        verification = parking.read(PostingStep.CONFIRM, () -> path.confirm(candidate));
      } catch (AttentionNeeded attention) {
        verification = new Verification(false, attention.getMessage());
      }
      if (verification.matches()) {
        journal.recordId(recordId);
        inbox.resolutionsAnswered();
        return;
      }
      inbox.resolutionsAnswered();
      AttentionNeeded mismatch = new AttentionNeeded(AttentionCode.RECORD_MISMATCH,
          "read-back of record " + recordId + " does not match: " + verification.detail());
      boolean providersOwnRecord = recordId.equals(firstRecordId) && verification.landedAmountMinor() != null;
      if (providersOwnRecord) {
        mismatch = run.compensation().wrongRecord(recordId, verification);
      }
      recordId = awaitOperatorRecord(mismatch.code(), mismatch.getMessage(), firstRecordId, false);
    }
  }

  /**
   * NEEDS_ATTENTION until an operator names the record (or rejects or cancels). {@code firstRecordId}: the record the
   * provider named, when the read-back of that one failed (null: none). {@code resumed}: a run continued as new goes
   * back to the wait its earlier run was in.
   */
  private String awaitOperatorRecord(AttentionCode code, String reason, String firstRecordId, boolean resumed) {
    if (!resumed) {
      journal.fail(PostingState.NEEDS_ATTENTION, code, reason);
    }
    continuation.ifLong(PostingCarry.Resume.AWAIT_OPERATOR, reason, firstRecordId);
    Workflow.await(inbox::decisionWaiting);
    run.compensation().stopOnOperatorDecision();
    RecordResolution resolution = inbox.takeResolution();
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.CONFIRM, "operator named record "
        + resolution.recordId() + (resolution.note() == null ? "" : " (" + resolution.note() + ")"));
    return resolution.recordId();
  }

  /** A continued run takes up what the run before knew. */
  private void restore(PostingOrder order) {
    PostingCarry carry = order.carried();
    PostingStart.carry(carry.startedAt());
    journal = new PostingJournal(order.request(), order.endIsRegistered(), carry.journal());
    facts.restore(carry);
  }

  // ---- queries and updates: the inbox keeps and judges them; every answer is the posting's status

  @Override
  public PostingStatus status() {
    return journal.status();
  }

  @Override
  public Instant scheduledRedriveFrom() {
    return facts.parkedAt == null || policy == null ? null
        : facts.parkedAt.plus(policy.parking().redriveAfter(facts.parkings));
  }

  @Override
  public PostingStatus resolve(RecordResolution resolution) {
    inbox.resolve(resolution);
    return journal.status();
  }

  @Override
  public void validateResolve(RecordResolution resolution) {
    inbox.validateResolve(resolution, journal);
  }

  @Override
  public PostingStatus rejectedByPmc(OperatorDecision decision) {
    inbox.rejectedByPmc(decision);
    return journal.status();
  }

  @Override
  public void validateRejectedByPmc(OperatorDecision decision) {
    inbox.validateRejectedByPmc(journal, facts);
  }

  @Override
  public PostingStatus cancelWaiting(OperatorDecision decision) {
    inbox.cancelWaiting(decision);
    return journal.status();
  }

  @Override
  public void validateCancelWaiting(OperatorDecision decision) {
    inbox.validateCancelWaiting(journal, facts);
  }

  @Override
  public PostingStatus noticeSyncedRecords(SyncNotice notice) {
    inbox.noticeSyncedRecords(notice);
    return journal.status();
  }

  @Override
  public void validateNoticeSyncedRecords(SyncNotice notice) {
    inbox.validateNoticeSyncedRecords(notice, journal);
  }

  @Override
  public PostingStatus noticeJobFailure(JobFailureNotice notice) {
    inbox.noticeJobFailure(notice);
    return journal.status();
  }

  @Override
  public void validateNoticeJobFailure(JobFailureNotice notice) {
    inbox.validateNoticeJobFailure(notice, journal);
  }

  @Override
  public PostingStatus retryNow(OperatorDecision decision) {
    inbox.retryNow(decision);
    return journal.status();
  }

  @Override
  public void validateRetryNow(OperatorDecision decision) {
    inbox.validateRetryNow(decision, journal, facts.parkedAt, scheduledRedriveFrom());
  }
}
