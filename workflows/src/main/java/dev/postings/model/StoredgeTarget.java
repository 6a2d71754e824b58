package dev.postings.model;

/**
 * A storEDGE tenant ledger and how the payment is made on it (docs/providers/storedge.md#endpoints, {@code
 * make_payment}).
 *
 * <p>What the request's {@code amount} means per kind, so that money never moves in another amount than the one our
 * service collected: <ul> <li>{@link StoredgePaymentKind#CUSTOM}: the amount sent as {@code payment[amount]}; storEDGE
 * refuses it above the current balance, and at facilities that disable partial payments.</li> <li>{@link
 * StoredgePaymentKind#BALANCE} and {@link StoredgePaymentKind#PREPAY}: storEDGE computes the amount itself. The
 * request's amount is what the service collected; the adapter reads the ledger immediately before the call, computes
 * what storEDGE will charge, and refuses (REJECTED, nothing sent) when that differs. The payment found afterwards must
 * carry exactly the collected amount, or the posting does not confirm.</li> </ul>
 *
 * @param facilityId storEDGE's facility id (path segment)
 * @param ledgerId the tenant's ledger id (path segment)
 * @param paymentKind {@code payment[kind]}
 * @param months {@code payment[months]}: required for PREPAY, absent otherwise
 * @param paymentMethod a stored method or a new one; never cardholder data (a new card or account carries its last 4
 *     digits and the card vault's reference only)
 */
public record StoredgeTarget(
    String facilityId,
    String ledgerId,
    StoredgePaymentKind paymentKind,
    Integer months,
    StoredgePaymentMethod paymentMethod) implements PostingTarget {

  @Override
  public Provider provider() {
    return Provider.STOREDGE;
  }
}
