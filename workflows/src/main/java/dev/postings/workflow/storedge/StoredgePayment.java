package dev.postings.workflow.storedge;

import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import java.util.List;

/**
 * One {@code make_payment} call, in our names.
 *
 * @param idempotencyKey {@code payment[idempotency_key]}, derived from the posting id: identical on every attempt
 * @param amountMinor the amount our service collected, in cents. CUSTOM sends it; BALANCE and PREPAY send none
 *     (storEDGE computes it) but must come to exactly this, or the adapter refuses before sending
 * @param months {@code payment[months]} for PREPAY, else null
 * @param method the payment method; a new card or account as last 4 digits and vault reference only
 * @param knownPaymentIds the ids in {@code recent_payments} before this posting wrote anything: the new payment is the
 *     one that is not among them and carries {@code amountMinor}
 */
public record StoredgePayment(
    String facilityId,
    String ledgerId,
    String idempotencyKey,
    StoredgePaymentKind kind,
    Integer months,
    long amountMinor,
    StoredgePaymentMethod method,
    List<String> knownPaymentIds) {}
