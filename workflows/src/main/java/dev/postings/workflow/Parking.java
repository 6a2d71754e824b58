package dev.postings.workflow;

import io.temporal.failure.ActivityFailure;
import java.util.function.Supplier;

/**
 * Where a posting waits out repeated failures instead of failing (docs/decisions/0009-park-instead-of-fail.md): its own
 * growing back-off, cut short by an operator's or the scheduled re-drive.
 */
final class Parking {

  private final PostingRun run;

  Parking(PostingRun run) {
    this.run = run;
  }

  /** A read, retried by its activity's retry policy; when that budget is spent the posting parks, then tries again. */
  <T> T read(PostingStep step, Supplier<T> call) {
    PostingJournal journal = run.journal();
    while (true) {
      try {
        return call.get();
      } catch (ActivityFailure failure) {
        if (FailureKind.of(failure) == FailureKind.REJECTED) {
          throw new AttentionNeeded(AttentionCode.PROVIDER_REFUSED_READ,
              step + " refused by the provider: " + FailureKind.describe(failure));
        }
        PostingState resumeIn = journal.state();
        park(AttentionCode.parkedBy(FailureKind.of(failure)), FailureKind.describe(failure));
        journal.moveTo(resumeIn, step, "trying " + step + " again");
      }
    }
  }

  /** PARKED for the back-off of this parking, or until a re-drive. */
  void park(AttentionCode code, String reason) {
    PostingFacts facts = run.facts();
    OperatorInbox inbox = run.inbox();
    run.journal().fail(PostingState.PARKED, code, "parked after repeated failures: " + reason);
    inbox.parkingBegins();
    facts.parkings++;
    facts.parkedAt = Waits.now();
    boolean redriven = Waits.awaitAtMost(run.policy().parking().waitFor(facts.parkings), inbox::retryRequested);
    OperatorDecision redrive = inbox.parkingOver();
    facts.parkedAt = null;
    run.journal().moveTo(PostingState.PARKED, run.journal().step(), !redriven ? "parking back-off over"
        : redrive == null || redrive.operator() == null ? "re-driven"
        : "re-driven by " + redrive.operator());
  }
}
