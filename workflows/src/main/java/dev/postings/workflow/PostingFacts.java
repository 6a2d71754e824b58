package dev.postings.workflow;

import java.time.Instant;

/**
 * What a posting has learnt on its way, beside its journal: the evidence and flags that decide what a later decision
 * means, and its parking counters. Changed by the steps during a run; carried whole into the next run when the posting
 * continues as new ({@link PostingCarry}, docs/decisions/0021-posting-state-carried-across-runs.md).
 */
final class PostingFacts {

  /** An earlier write's outcome is unknown and the path re-sent it (safe only where the provider spots copies). */
  boolean resentAfterUnclear;
  /** The posting waits on a PMC's approval (or on an operator after that wait) and no record is named yet. */
  boolean approvalStage;
  /** The first write was about to be sent: a cancel from here on is a cancel after the write. */
  boolean compensationRegistered;
  /** A record that provably landed for this posting and is not confirmed (it landed wrong): what a cancel reverses. */
  String landedRecordId;
  long landedAmountMinor;
  /** What landed for this posting was already reversed (the offsetting entry's id): nothing of it stands. */
  String alreadyReversedBy;
  /** How many times the posting parked: its back-off grows with it. */
  int parkings;
  /** When the current parking began (null: not parked): the scheduled re-drive waits out its share of the wait. */
  Instant parkedAt;
  /** When the approval wait began (null outside it), and whether its reminder was noted. */
  Instant approvalSince;
  boolean approvalReminded;

  /** A continued run takes up what the run before knew. */
  void restore(PostingCarry carry) {
    resentAfterUnclear = carry.resentAfterUnclear();
    approvalStage = carry.approvalStage();
    compensationRegistered = carry.compensationRegistered();
    landedRecordId = carry.landedRecordId();
    landedAmountMinor = carry.landedAmountMinor();
    alreadyReversedBy = carry.alreadyReversedBy();
    parkings = carry.parkings();
    approvalSince = carry.approvalSince();
    approvalReminded = carry.reminded();
  }

  /** A record of this posting landed wrong and was not reversed: a cancel must reverse it. */
  void landedWrong(String recordId, long amountMinor) {
    landedRecordId = recordId;
    landedAmountMinor = amountMinor;
  }

  /**
   * Everything the next run needs: these facts, the journal, where it resumes and what the operator inbox still holds.
   * Every field but {@link #parkedAt} is carried (a posting never continues as new while parked).
   */
  PostingCarry carry(PostingCarry.Resume resume, int run, Instant startedAt, PostingCarry.JournalSnapshot journal,
      boolean lookDue, String attentionReason, String firstRecordId) {
    return new PostingCarry(resume, run, startedAt, journal, resentAfterUnclear, approvalStage,
        compensationRegistered, landedRecordId, landedAmountMinor, alreadyReversedBy, parkings, lookDue,
        resume == PostingCarry.Resume.AWAIT_APPROVAL ? approvalSince : null, approvalReminded, attentionReason,
        firstRecordId);
  }
}
