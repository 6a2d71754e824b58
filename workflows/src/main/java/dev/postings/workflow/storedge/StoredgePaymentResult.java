package dev.postings.workflow.storedge;

/**
 * What {@code make_payment} answered.
 *
 * @param paymentId the new payment's id in {@code recent_payments}
 * @param ledger the ledger storEDGE returned with it
 */
public record StoredgePaymentResult(String paymentId, StoredgeLedger ledger) {}
