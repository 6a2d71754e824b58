package dev.postings.reversal;

/**
 * Where a reversal ({@code reversal-<postingId>}) stands: its query answer and its {@code ReversalState} search
 * attribute, by which operators, the directory and the {@code postings_waiting} gauge find it.
 */
public enum ReversalState {
  /** The provider's reversal runs: an offsetting entry is searched for, sent, or its job awaited. */
  REVERSING,
  /**
   * An offsetting entry's outcome is unclear (or the posting's own attempt did not complete): the reversal waits the
   * provider's settle time, then searches for it; only a search that finds nothing lets it send again.
   */
  SETTLING,
  /** An operator task: reverse by hand in the provider's system (the task says what and how), then mark it done. */
  NEEDS_ATTENTION,
  /** An operator task still open past its deadline. */
  ESCALATED,
  /** Done: by the provider's offsetting entry, or by an operator's hands. */
  REVERSED;

  /** NEEDS_ATTENTION or ESCALATED: a person must reverse by hand and say so. */
  public boolean waitsForAnOperator() {
    return this == NEEDS_ATTENTION || this == ESCALATED;
  }
}
