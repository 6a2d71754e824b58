package dev.postings.workflow;

/**
 * An operator's answer to a posting in NEEDS_ATTENTION: "the payment is on the ledger as record {@code recordId}".
 * The workflow reads that record back and compares it before it confirms.
 *
 * @param recordId the provider's record id the operator found
 * @param note why the operator believes it (kept in the timeline)
 */
public record RecordResolution(String recordId, String note) {}
