package dev.postings.cardvault;

/**
 * Where the worker redeems cardholder data that the starter sealed when the posting was requested. The workflow (and so
 * Temporal's history) only ever carries the vault reference; the clear values exist in the vault, for a short lifetime,
 * and in the activity's memory for the length of one provider call.
 */
public interface CardVault {

  /**
   * The sealed values behind {@code reference}.
   *
   * @throws CardDataUnavailable when the reference is unknown, expired or already discarded
   */
  CardSecrets redeem(String reference);

  /**
   * Forgets the values behind {@code reference} (the security code must not outlive the submit). Called once the
   * provider call that used them was sent, whatever its answer. Discarding an unknown reference is not an error.
   */
  void discard(String reference);
}
