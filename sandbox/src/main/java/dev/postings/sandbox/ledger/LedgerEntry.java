package dev.postings.sandbox.ledger;

/**
 * One payment a simulated provider applied, as {@code GET /sandbox/ledger/{provider}} lists it for comparisons (the
 * chaos run counts entries per posting to find duplicates and losses).
 *
 * @param id the provider's id of the entry (record, partner transaction, transaction, payment)
 * @param postingKey what identifies the posting that made it: Propertyware's and Acquaint's reference, ResMan's batch
 *     id, storEDGE's idempotency key
 * @param reference the payment's reference, where the provider keeps one
 * @param idempotencyKey storEDGE's idempotency key, else null
 * @param batchId ResMan's batch id, else null
 * @param amountMinor the amount applied, in minor units (cents, pence)
 * @param account what was paid: resident, rent item or charge, ledger
 * @param status the provider's state of the entry (e.g. RECORDED, PENDING_APPROVAL, Receipt, Overpayment)
 * @param countsAsPayment false for entries that are part of another one (Acquaint's overpayment transaction)
 * @param appliedAt when it was applied (the sandbox clock)
 */
public record LedgerEntry(
    String id,
    String postingKey,
    String reference,
    String idempotencyKey,
    String batchId,
    long amountMinor,
    String account,
    String status,
    boolean countsAsPayment,
    String appliedAt) {}
