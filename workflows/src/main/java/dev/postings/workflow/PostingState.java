package dev.postings.workflow;

/**
 * What a posting shows to operators (query and the {@code PostingState} search attribute). See DESIGN.md "Steps".
 * PARKED and NEEDS_ATTENTION are not terminal: the workflow stays open and waits for a re-drive or an operator.
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

  public boolean isTerminal() {
    return switch (this) {
      case CONFIRMED, REJECTED, CANCELLED, COMPENSATED, REVERSED -> true;
      default -> false;
    };
  }
}
