package dev.postings.workflow.acquaint;

/**
 * A charge payment and the read-back of the transaction it made, from one activity: the write's answer, then
 * {@code GET 17.0/database/transactions/{id}} for the transaction it names.
 *
 * @param receipt the write's answer, as {@link AcquaintActivities#payCharge} returns it
 * @param transaction the transaction read back, or null when that read failed (the write stands; the workflow reads
 *     it again with its own, retried, read)
 * @param readFailure why the read-back failed, or null
 */
public record ChargePaymentReadBack(ChargePaymentReceipt receipt, TransactionLookup transaction, String readFailure) {}
