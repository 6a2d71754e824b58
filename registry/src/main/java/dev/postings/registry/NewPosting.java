package dev.postings.registry;

import dev.postings.model.Provider;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A posting the API has accepted and is about to start: the row is written before the workflow starts, so the id is
 * taken for ever.
 *
 * @param owner the service (API key) that sent it
 * @param fingerprint the request's fingerprint ({@code PostingFingerprint}): the same id with another one is a conflict
 * @param connectionId the customer account it posts to; {@code null} until postings name their connection
 * @param reference the reference as the caller gave it: the registry keeps only its hash and its seal
 * @param startedAt when the API accepted it (the list's order and the age filter)
 * @param ledgerScope where its payment lands on the provider's ledger ({@code LedgerScope#wire}), what a
 *     reconciliation reads; null when not known
 */
public record NewPosting(String postingId, String owner, String fingerprint, Provider provider, String connectionId,
    long amountMinor, String currency, String reference, LocalDate transactionDate, Instant startedAt,
    String ledgerScope) {

  /** Without a ledger scope (tests of what does not reconcile). */
  public NewPosting(String postingId, String owner, String fingerprint, Provider provider, String connectionId,
      long amountMinor, String currency, String reference, LocalDate transactionDate, Instant startedAt) {
    this(postingId, owner, fingerprint, provider, connectionId, amountMinor, currency, reference, transactionDate,
        startedAt, null);
  }

  public NewPosting {
    Objects.requireNonNull(postingId, "postingId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(fingerprint, "fingerprint");
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(reference, "reference");
    Objects.requireNonNull(transactionDate, "transactionDate");
    Objects.requireNonNull(startedAt, "startedAt");
  }

  /** Without the reference: it is payment data, and this line may reach a log. */
  @Override
  public String toString() {
    return "NewPosting[postingId=" + postingId + ", owner=" + owner + ", provider=" + provider + ", connectionId="
        + connectionId + ", startedAt=" + startedAt + "]";
  }
}
