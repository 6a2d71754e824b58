package dev.postings.reconciliation;

/**
 * A payment as the provider's ledger shows it today.
 *
 * @param recordId the provider's id of the record (what a confirmed posting names)
 * @param amountMinor its amount in minor units
 * @param reference the reference the ledger shows, or null where the provider shows none
 */
public record LedgerPayment(String recordId, long amountMinor, String reference) {

  /** Without the reference: it is payment data, and this line may reach a log. */
  @Override
  public String toString() {
    return "LedgerPayment[recordId=" + recordId + ", amountMinor=" + amountMinor + "]";
  }
}
