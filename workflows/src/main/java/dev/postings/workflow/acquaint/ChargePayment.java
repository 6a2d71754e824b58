package dev.postings.workflow.acquaint;

import java.time.Instant;

/**
 * The fields of the charge payment's body (docs/providers/acquaint.md#receive-payment-for-charge), in our names; the
 * adapter writes Acquaint's JSON (pounds, local date-times).
 *
 * @param chargeId {@code chargeId}
 * @param dateReceived {@code dateReceived}
 * @param paymentMethodId {@code paymentMethodId}
 * @param amountMinor {@code amountReceived}, in pence
 * @param paymentReference {@code paymentReference}
 * @param receivedFromContactId {@code receivedFromContactId}, or null
 * @param landlordStatementNotes {@code landlordStatementNotes}, or null
 * @param bankAccount {@code bankAccount}
 * @param payAdvanceRentToLandlordNow {@code payAdvanceRentToLandlordNow}
 */
public record ChargePayment(
    long chargeId,
    Instant dateReceived,
    long paymentMethodId,
    long amountMinor,
    String paymentReference,
    Long receivedFromContactId,
    String landlordStatementNotes,
    long bankAccount,
    boolean payAdvanceRentToLandlordNow) {}
