package dev.postings.reconciliation;

/**
 * @param connectionId the customer account at the provider whose ledger is read
 * @param day the transaction day, ISO ({@code yyyy-mm-dd}); a string so the payload converter needs no date module
 * @param requestedBy "scheduled reconciliation", or the operator's key name
 */
public record ReconciliationOrder(String connectionId, String day, String requestedBy) {

  /** Who the daily schedule says it is. */
  public static final String SCHEDULED = "scheduled reconciliation";
}
