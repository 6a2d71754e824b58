package dev.postings.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * SUBMIT: sends the payment. A write is never retried by Temporal: it is sent again only after a failure that proves
 * it did not land (not sent, 429, credentials refused), or where the provider recognises a second copy; after an
 * unclear outcome the payment is looked up first (docs/decisions/0003-unknown-outcome-look-up-before-resend.md).
 */
final class SubmitStep {

  /** Change id: an unclear write whose read-back proves it did not land is sent again (Acquaint rent). */
  static final String RESEND_AFTER_PROOF = "resend-after-proof-of-absence";

  private final PostingRun run;
  private final Parking parking;
  private final RunContinuation continuation;

  SubmitStep(PostingRun run, Parking parking, RunContinuation continuation) {
    this.run = run;
    this.parking = parking;
    this.continuation = continuation;
  }

  /** The provider's answer to the write: a job to follow, or the record it became. */
  Submission send(PostingPath path) {
    PostingJournal journal = run.journal();
    PostingFacts facts = run.facts();
    PostingPolicy policy = run.policy();
    // Compensation is registered before the forward call: from here on, whatever lands can be undone, by the
    // provider's own reversal or by an operator's hands (docs/failures.md#compensation). State only: no history events.
    run.compensation().register(path.reversal());
    facts.compensationRegistered = true;
    journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "sending the payment to " + run.request().provider()
        + "; if it must be undone: " + run.compensation().describe());
    int failedAttempts = 0;
    Instant rateLimitedSince = null;
    while (true) {
      // Every earlier attempt of this loop failed in a way that proves it did not land: a cancel is still clean here
      // (unless an attempt was unclear and re-sent, which only providers that spot copies allow).
      if (run.cancellation().isCancelRequested() && !facts.resentAfterUnclear) {
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
          Submission landed = lookUpUnclear(path, reason);
          if (landed != null) {
            return landed;
          }
          // the read-back proved that the write did not land: it is sent again like one that was never sent
          provablyNotLanded = true;
          reason = "the read-back proved it did not land (" + reason + ")";
        }
        // Either the answer proves the write did not land, or the provider recognises a second copy (ResMan's batch
        // id): sending it again cannot post twice. A 429 is the provider pacing us, not a failure: it does not use up
        // the attempts.
        if (!provablyNotLanded) {
          facts.resentAfterUnclear = true;
        }
        if (kind != FailureKind.RATE_LIMITED) {
          failedAttempts++;
          rateLimitedSince = null;
        } else if (rateLimitedSince == null) {
          rateLimitedSince = Waits.now();
        }
        // A 429 uses up no attempt, but a provider that keeps pacing us for longer than the budget is treated like one
        // that keeps failing: the posting parks (bounded history) and the re-drive or its back-off resumes it.
        Duration budget = policy.parking().rateLimitBudgetOrDefault();
        boolean rateLimitSpent = rateLimitedSince != null
            && !Duration.between(rateLimitedSince, Waits.now()).minus(budget).isNegative();
        if (failedAttempts >= path.resubmitAttempts() || rateLimitSpent) {
          parking.park(rateLimitSpent ? AttentionCode.PARKED_RATE_LIMITED : AttentionCode.parkedBy(kind),
              rateLimitSpent ? "answered 429 for " + Duration.between(rateLimitedSince, Waits.now()).toMinutes()
              + " min (budget " + budget + "): " + reason : reason);
          failedAttempts = 0;
          rateLimitedSince = null;
          // nothing sent so far can have landed (or the provider spots a copy): the next run may start the loop again
          continuation.ifLong(PostingCarry.Resume.SUBMIT, null, null);
          journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "sending the payment again");
        } else {
          Duration wait = waitBeforeResubmit(path, kind, failure, failedAttempts);
          journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, (provablyNotLanded ? "not sent (" + reason + ")"
              : "outcome unknown (" + reason + "), and a re-send cannot post twice") + "; sending again in "
              + wait.toSeconds() + "s");
          // Nothing has landed yet, so a cancel may end this wait at once (the loop then ends CANCELLED).
          Waits.awaitAtMost(wait, () -> run.cancellation().isCancelRequested() && !facts.resentAfterUnclear);
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

  /**
   * The write may have landed: find out before anything else is sent. Never re-posts blindly. Returns what landed, or
   * null when the provider's read-back proves nothing did and nothing still can (a synchronous provider read after its
   * settle time: Acquaint's rent item; docs/failures.md#the-unknown-outcome-rule-per-provider).
   */
  private Submission lookUpUnclear(PostingPath path, String reason) {
    PostingJournal journal = run.journal();
    journal.fail(PostingState.SUBMITTING, "outcome of the write is unknown (" + reason + "); looking the payment up");
    Discovery discovery = parking.read(PostingStep.SUBMIT, path::lookUpAfterUnclearSubmit);
    if (discovery.provablyAbsent()
        && Workflow.getVersion(RESEND_AFTER_PROOF, Workflow.DEFAULT_VERSION, 1) == 1) {
      journal.moveTo(PostingState.SUBMITTING, PostingStep.SUBMIT, "the unclear write did not land: "
          + discovery.evidence());
      return null;
    }
    if (!discovery.isFound()) {
      throw new AttentionNeeded(AttentionCode.UNKNOWN_OUTCOME, "the write's outcome is unknown (" + reason + ") and "
          + discovery.evidence() + "; not sent again, to avoid posting twice");
    }
    journal.moveTo(PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
        "the unclear write did land: " + discovery.evidence());
    return new Submission(null, discovery.recordId());
  }
}
