package dev.postings.workflow;

/**
 * What a posting shows to operators (query and the {@code PostingState} search attribute). See
 * docs/architecture.md#states-and-steps. PARKED and NEEDS_ATTENTION are not terminal: the workflow stays open and waits
 * for a re-drive or an operator.
 */
public enum PostingState {
  RECEIVED,
  SUBMITTING,
  AWAITING_JOB,
  AWAITING_APPROVAL,
  DISCOVERING_RECORD,
  /** Done: the payment is on the provider's ledger and was read back. */
  CONFIRMED,
  /** The provider (or validation) said no: nothing was posted. */
  REJECTED,
  /** Transient failures outlasted the retry budget: waits for a scheduled or manual re-drive. */
  PARKED,
  /** Automation cannot decide safely: waits for an operator. */
  NEEDS_ATTENTION,
  CANCELLED,
  COMPENSATED,
  REVERSED;

  /**
   * Whether the {@code PostingState} search attribute must name this state as soon as the posting enters it, because
   * something finds postings by it: the webhooks (AWAITING_JOB, AWAITING_APPROVAL), the re-drive (PARKED), the waiting
   * gauge and operators (PARKED, NEEDS_ATTENTION), listings of finished postings (terminal states). The working states
   * (SUBMITTING, DISCOVERING_RECORD) last a few calls; nobody looks for them, and publishing each costs a history
   * event.
   */
  public boolean isFoundByAttribute() {
    return switch (this) {
      case SUBMITTING, DISCOVERING_RECORD -> false;
      default -> true;
    };
  }

  public boolean isTerminal() {
    return switch (this) {
      case CONFIRMED, REJECTED, CANCELLED, COMPENSATED, REVERSED -> true;
      default -> false;
    };
  }
}
