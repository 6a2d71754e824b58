package dev.postings.workflow;

import dev.postings.model.FieldError;
import dev.postings.model.PostingRequest;
import dev.postings.model.PostingValidator;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The step machine. Invariant (DESIGN.md): each posting reaches the provider's ledger exactly once, or ends in a named
 * state with the reason. Hence: a write is never retried by Temporal; it is re-sent only after a failure that proves it
 * did not land (not sent, 429, credentials refused); after an unclear outcome the payment is looked up, and what cannot
 * be resolved waits for an operator in NEEDS_ATTENTION.
 */
public class PostingWorkflowImpl implements PostingWorkflow {

  private static final Logger log = Workflow.getLogger(PostingWorkflowImpl.class);

  private PostingJournal journal;
  private PostingPolicy policy;
  private boolean retryRequested;
  private RecordResolution pendingResolution;
  private int resolutionsReceived;
  private int resolutionsSettled;
  private int parkings;
  private CancellationScope cancellation;

  @Override
  public PostingStatus post(PostingOrder order) {
    PostingRequest request = order == null ? null : order.request();
    policy = order == null ? PostingPolicy.defaults() : order.policyOrDefaults();
    cancellation = CancellationScope.current();
    journal = new PostingJournal(request);
    // From the first write on, a cancel must not cut the posting short: the write may land whatever we do, and a
    // posting abandoned half-way is a lost one. So the steps run detached from the workflow's cancellation; a cancel is
    // honoured only while nothing can have been sent, and otherwise noted while the posting finishes.
    Workflow.newDetachedCancellationScope(() -> {
      try {
        validate(request);
        PostingPath path = PostingPaths.forRequest(request, policy);
        String recordId = findRecord(path, request);
        confirm(path, recordId);
        journal.moveTo(PostingState.CONFIRMED, PostingStep.DONE, "confirmed as record " + recordId);
      } catch (PostingStop stop) {
        journal.fail(stop.state, stop.getMessage());
      }
      if (cancellation.isCancelRequested() && journal.state() != PostingState.CANCELLED) {
        journal.moveTo(journal.state(), journal.step(), "a cancel was requested after the payment was sent; the"
            + " posting was finished instead, so that its outcome is known");
      }
      log.info("posting {} ended {}", journal.status().postingId(), journal.state());
      // An operator update may still be returning its answer: let it finish before the workflow closes.
      Workflow.await(Workflow::isEveryHandlerFinished);
    }).run();
    return journal.status();
  }

  private void validate(PostingRequest request) {
    List<FieldError> errors = new PostingValidator(policy.limits()).validate(request, now());
    if (!errors.isEmpty()) {
      throw new PostingStop(PostingState.REJECTED, "invalid request: " + errors.stream()
          .map(e -> e.field() + " " + e.message())
          .collect(Collectors.joining("; ")));
    }
  }

  /** SUBMIT, AWAIT_JOB, DISCOVER_RECORD: returns the record the payment became (possibly named by an operator). */
  private String findRecord(PostingPath path, PostingRequest request) {
    try {
      Submission submission = submit(path, request);
      if (submission.recordId() != null) {
        return submission.recordId();
      }
      journal.jobId(submission.jobId());
      journal.moveTo(PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB,
          "provider accepted the write as job " + submission.jobId() + "; waiting for its outcome");
      JobResult job = awaitJob(path, submission);
      if (!job.succeeded()) {
        throw new PostingStop(PostingState.REJECTED, "provider job " + submission.jobId() + " ended " + job.status()
            + ": " + (job.errors().isEmpty() ? "no errors given" : String.join("; ", job.errors())));
      }
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
          "job " + submission.jobId() + " ended " + job.status() + "; looking for the record");
      Discovery discovery = read(PostingStep.DISCOVER_RECORD, () -> path.discoverRecord(submission, job));
      if (!discovery.isFound()) {
        throw new AttentionNeeded("no record found for the posting: " + discovery.evidence());
      }
      journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, discovery.evidence());
      return discovery.recordId();
    } catch (AttentionNeeded attention) {
      return awaitOperatorRecord(attention.getMessage());
    }
  }

  private Submission submit(PostingPath path, PostingRequest request) {
    journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "sending the payment to " + request.provider());
    int failedAttempts = 0;
    while (true) {
      // Every earlier attempt of this loop failed in a way that proves it did not land: a cancel is still clean here.
      if (cancellation.isCancelRequested()) {
        throw new PostingStop(PostingState.CANCELLED, "cancelled before the payment was sent: nothing was posted");
      }
      try {
        return path.submit();
      } catch (ActivityFailure failure) {
        FailureKind kind = FailureKind.of(failure);
        String reason = FailureKind.describe(failure);
        switch (kind) {
          case REJECTED -> throw new PostingStop(PostingState.REJECTED, "provider refused the payment: " + reason);
          case NOT_SENT, RATE_LIMITED, CREDENTIALS_REFUSED, PROVIDER_UNAVAILABLE -> {
            // These answers prove the write did not land, so sending it again cannot post twice. A 429 is the
            // provider pacing us, not a failure: it does not use up the attempts.
            if (kind != FailureKind.RATE_LIMITED) {
              failedAttempts++;
            }
            if (failedAttempts >= path.resubmitAttempts()) {
              park(reason);
              failedAttempts = 0;
              journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "sending the payment again");
            } else {
              Duration wait = waitBeforeResubmit(path, kind, failure, failedAttempts);
              journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT,
                  "not sent (" + reason + "); sending again in " + wait.toSeconds() + "s");
              // Nothing has landed yet, so a cancel may end this wait at once (the loop then ends CANCELLED).
              Workflow.await(wait, cancellation::isCancelRequested);
            }
          }
          default -> {
            return lookUpUnclearSubmit(path, reason);
          }
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
      throw new AttentionNeeded("the write's outcome is unknown (" + reason + ") and " + discovery.evidence()
          + "; not sent again, to avoid posting twice");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
        "the unclear write did land: " + discovery.evidence());
    return new Submission(null, discovery.recordId());
  }

  private JobResult awaitJob(PostingPath path, Submission submission) {
    try {
      return path.awaitJob(submission);
    } catch (ActivityFailure failure) {
      throw new AttentionNeeded("job " + submission.jobId() + " has no outcome by its deadline (last: "
          + FailureKind.describe(failure) + ")");
    }
  }

  /** CONFIRM: read back and compare; a record that does not match goes to an operator, never to CONFIRMED. */
  private void confirm(PostingPath path, String firstRecordId) {
    String recordId = firstRecordId;
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
      recordId = awaitOperatorRecord("read-back of record " + recordId + " does not match: " + verification.detail());
    }
  }

  /** A read, retried by its activity's retry policy; when that budget is spent the posting parks, then tries again. */
  private <T> T read(PostingStep step, Supplier<T> call) {
    while (true) {
      try {
        return call.get();
      } catch (ActivityFailure failure) {
        if (FailureKind.of(failure) == FailureKind.REJECTED) {
          throw new AttentionNeeded(step + " refused by the provider: " + FailureKind.describe(failure));
        }
        PostingState resumeIn = journal.state();
        park(FailureKind.describe(failure));
        journal.moveTo(resumeIn, step, "trying " + step + " again");
      }
    }
  }

  private void park(String reason) {
    journal.fail(PostingState.PARKED, "parked after repeated failures: " + reason);
    retryRequested = false;
    parkings++;
    boolean redriven = Workflow.await(policy.parking().waitFor(parkings), () -> retryRequested);
    retryRequested = false;
    journal.moveTo(PostingState.PARKED, journal.step(), redriven ? "re-driven" : "parking back-off over");
  }

  private String awaitOperatorRecord(String reason) {
    journal.fail(PostingState.NEEDS_ATTENTION, reason);
    Workflow.await(() -> pendingResolution != null);
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
  public PostingStatus resolve(RecordResolution resolution) {
    pendingResolution = resolution;
    int ticket = ++resolutionsReceived;
    Workflow.await(() -> resolutionsSettled >= ticket);
    return journal.status();
  }

  @Override
  public void validateResolve(RecordResolution resolution) {
    if (resolution == null || resolution.recordId() == null || resolution.recordId().isBlank()) {
      throw new IllegalArgumentException("recordId is required");
    }
    if (journal == null || journal.state() != PostingState.NEEDS_ATTENTION || pendingResolution != null) {
      throw new IllegalStateException("posting is " + (journal == null ? "starting" : journal.state())
          + ", not NEEDS_ATTENTION: there is nothing to resolve");
    }
  }

  @Override
  public PostingStatus retryNow() {
    retryRequested = true;
    Workflow.await(() -> !retryRequested);
    return journal.status();
  }

  @Override
  public void validateRetryNow() {
    if (journal == null || journal.state() != PostingState.PARKED) {
      throw new IllegalStateException("posting is " + (journal == null ? "starting" : journal.state())
          + ", not PARKED: there is nothing to retry");
    }
  }

  private static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }
}
