package dev.postings.reconciliation;

/** What a reconciliation found for one posting or one ledger payment. */
public enum ReconciliationOutcome {
  /** We confirmed it, and the ledger shows it as we confirmed it. */
  MATCHED,
  /** We confirmed it, and the ledger no longer shows its record (deleted or reversed in the PMS). */
  MISSING,
  /** The ledger shows the record with another amount, or another reference, than we confirmed. */
  CHANGED,
  /** The ledger holds a payment carrying one of our references that no confirmed posting names. */
  UNEXPECTED,
  /** Still on its way (not confirmed yet, or waiting for an operator): nothing to compare yet. */
  PENDING;

  /** Whether an operator must look: the ledger and our record disagree. */
  public boolean needsAnOperator() {
    return this == MISSING || this == CHANGED || this == UNEXPECTED;
  }
}
