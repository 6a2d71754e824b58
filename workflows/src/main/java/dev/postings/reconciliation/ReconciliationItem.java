package dev.postings.reconciliation;

/**
 * One line of a reconciliation report. Amounts, never references: the report is shown to operators and kept, and a
 * reference is payment data (the registry keeps it sealed).
 *
 * @param postingId our posting, or null for a ledger payment no posting names ({@link ReconciliationOutcome#UNEXPECTED})
 * @param recordId the ledger's record, when there is one
 * @param expectedAmountMinor what we confirmed, or null
 * @param ledgerAmountMinor what the ledger shows, or null
 * @param detail why, in words (for CHANGED: what differs)
 */
public record ReconciliationItem(ReconciliationOutcome outcome, String postingId, String recordId,
    Long expectedAmountMinor, Long ledgerAmountMinor, String detail) {}
