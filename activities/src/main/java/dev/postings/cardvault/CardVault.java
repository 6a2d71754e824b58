package dev.postings.cardvault;

/**
 * Where the worker redeems cardholder data that the starter sealed when the posting was requested. The workflow (and so
 * Temporal's history) only ever carries the vault reference; the clear values exist in the vault, for a short lifetime,
 * and in the activity's memory for the length of one provider call. {@link HttpCardVault} is the implementation for
 * worker and starter in separate processes.
 */
public interface CardVault {

  /**
   * The sealed values behind {@code reference}. Call it right before the provider call that needs them; keep them in
   * local variables only (never in an activity result, exception message or log line).
   *
   * @throws CardDataUnavailable when the reference is unknown, expired or already discarded (final: the payment cannot
   *     be made with these values, e.g. after a restart of the starter lost them)
   * @throws CardVaultUnavailable when the vault cannot be asked right now (transient: retry)
   */
  CardSecrets redeem(String reference);

  /**
   * Forgets the values behind {@code reference} (the security code must not outlive the submit). Called once the
   * provider call that used them was sent, whatever its answer. Discarding an unknown reference is not an error.
   *
   * @throws CardVaultUnavailable when the vault cannot be asked right now (the TTL forgets the values anyway)
   */
  void discard(String reference);
}
