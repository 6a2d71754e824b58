package dev.postings.starter.cardvault;

import java.time.Duration;

/**
 * {@code postings.card-vault.*} on the starter's side.
 *
 * @param ttl how long sealed card data may wait for the worker to redeem it (default 15 minutes): a backstop, since the
 *     worker discards it as soon as the provider call is sent
 * @param secret the shared secret the worker presents ({@code Authorization: Bearer}); at least 16 characters; never
 *     logged
 */
public record CardVaultSettings(Duration ttl, String secret) {

  public static final Duration DEFAULT_TTL = Duration.ofMinutes(15);
  static final int MIN_SECRET_LENGTH = 16;

  public CardVaultSettings {
    ttl = ttl == null ? DEFAULT_TTL : ttl;
    if (ttl.isNegative() || ttl.isZero()) {
      throw new IllegalStateException("postings.card-vault.ttl must be positive, was " + ttl);
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("postings.card-vault.secret is not configured: set CARD_VAULT_SECRET (the same"
          + " value as the worker's), or run with the local profile");
    }
    if (secret.length() < MIN_SECRET_LENGTH) {
      throw new IllegalStateException("postings.card-vault.secret must be at least " + MIN_SECRET_LENGTH
          + " characters");
    }
  }

  @Override
  public String toString() {
    return "CardVaultSettings[ttl=" + ttl + ", secret=***]";
  }
}
