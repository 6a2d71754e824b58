package dev.postings.workflow.storedge;

/**
 * One entry of a ledger's {@code recent_payments}.
 *
 * @param amountMinor in cents as storEDGE shows it: a payment is a credit, so negative
 * @param description storEDGE's text, e.g. {@code Visa ****0000} (never more than the last 4 digits)
 * @param effectiveOn {@code effective_on}, an ISO date-time
 */
public record StoredgeLedgerPayment(String id, long amountMinor, String description, String effectiveOn) {

  /** What the tenant paid, in cents (positive). */
  public long paidMinor() {
    return -amountMinor;
  }
}
