package dev.postings.workflow.acquaint;

import java.time.Instant;

/**
 * The fields of a tenant payment's body (docs/providers/acquaint.md#tenant-payments) for one payment, in our names; the
 * adapter writes Acquaint's JSON (pounds, local date-times).
 *
 * @param rentItemId {@code payments[].id}
 * @param bankAccountId {@code bankAccountId}
 * @param paymentMethodId {@code paymentMethodId}
 * @param payAdvancedRentToLandlord {@code payAdvancedRentToLandlord}
 * @param receivedDate {@code receivedDate} and {@code payments[].receivedDate}
 * @param amountMinor {@code payments[].receivedAmount}, in pence
 * @param landlordId {@code payments[].landlordId}, or null
 * @param referenceChequeNo {@code payments[].referenceChequeNo}
 * @param receivedFromContactId {@code payments[].receivedFromContactId}, or null
 */
public record RentPayment(
    long rentItemId,
    long bankAccountId,
    long paymentMethodId,
    boolean payAdvancedRentToLandlord,
    Instant receivedDate,
    long amountMinor,
    Long landlordId,
    String referenceChequeNo,
    Long receivedFromContactId) {}
