package dev.postings.reconciliation;

/**
 * A posting as our registry holds it, for one connection and day.
 *
 * @param state its state (a {@code PostingState} name)
 * @param recordId the record it confirmed, or null while it has none
 * @param reference the reference it was sent with, opened from the registry's seal
 * @param ledgerScope where its payment lands ({@link LedgerScope#wire}), or null for a row registered before scopes
 */
public record PostingOnRecord(String postingId, String state, String recordId, long amountMinor, String reference,
    String ledgerScope) {

  /** Without the reference: it is payment data, and this line may reach a log. */
  @Override
  public String toString() {
    return "PostingOnRecord[postingId=" + postingId + ", state=" + state + ", recordId=" + recordId + ", ledgerScope=" + ledgerScope + "]";
  }
}
