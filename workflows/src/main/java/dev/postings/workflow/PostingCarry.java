package dev.postings.workflow;

import java.time.Instant;
import java.util.List;

/**
 * Everything a posting knows, carried into its next run when it continues as new
 * (docs/decisions/0021-posting-state-carried-across-runs.md): where it resumes, its journal, the evidence and flags
 * that decide what a later decision means, and its counters. Operator actions are never carried half-done: a posting continues as new only when every
 * update has been answered and none waits to be acted on.
 *
 * @param resume the wait the next run goes back to
 * @param run how many runs came before the next one (1 for the first continuation)
 * @param startedAt when the posting's first run started: records created before it cannot be the posting's
 * @param journal state, step, ids, last error and timeline
 * @param resentAfterUnclear an unclear write was re-sent (the provider spots copies)
 * @param approvalStage the posting waits on a PMC's approval and no record is named yet
 * @param compensationRegistered the first write was about to be sent: a cancel from here on is a cancel after the write
 * @param landedRecordId a record that landed wrong for this posting, not reversed (null: none)
 * @param landedAmountMinor its amount
 * @param alreadyReversedBy the offsetting entry that reversed what landed (null: none)
 * @param parkings how many times the posting parked (its back-off grows with it)
 * @param lookDue a synced-records notice was accepted and its look has not run yet
 * @param approvalSince when the approval wait began (null outside it)
 * @param reminded the approval reminder was noted
 * @param attentionReason what the operator is asked (when resuming the operator wait)
 * @param firstRecordId the record the provider named first (a mismatch of that one is compensated)
 */
public record PostingCarry(
    Resume resume,
    int run,
    Instant startedAt,
    JournalSnapshot journal,
    boolean resentAfterUnclear,
    boolean approvalStage,
    boolean compensationRegistered,
    String landedRecordId,
    long landedAmountMinor,
    String alreadyReversedBy,
    int parkings,
    boolean lookDue,
    Instant approvalSince,
    boolean reminded,
    String attentionReason,
    String firstRecordId) {

  /** The waits a posting continues as new in: nothing is in flight there that the next run would need to finish. */
  public enum Resume {
    /** After a parking in the submit loop: every attempt so far provably did not land, or may be re-sent. */
    SUBMIT,
    /** Waiting for a PMC's approval and the provider's next sync. */
    AWAIT_APPROVAL,
    /** Waiting for an operator in NEEDS_ATTENTION. */
    AWAIT_OPERATOR
  }

  /** The journal as carried: its timeline bounded (the first and the latest entries, and how many were left out). */
  public record JournalSnapshot(PostingState state, PostingStep step, String providerJobId, String providerRecordId,
      String lastError, PostingState publishedState, List<TimelineEntry> timeline,
      AttentionCode attention) {}
}
