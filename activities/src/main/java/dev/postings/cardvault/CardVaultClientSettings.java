package dev.postings.cardvault;

import java.net.URI;
import java.time.Duration;

/**
 * How the worker reaches the card vault in the starter ({@code postings.card-vault.*}: CARD_VAULT_URL,
 * CARD_VAULT_SECRET).
 *
 * @param baseUrl the starter's base URL, e.g. {@code https://starter.internal:8443} (https outside the local
 *     profile: CardVaultWiring refuses anything else)
 * @param secret the shared secret, the same as the starter's {@code postings.card-vault.secret}; never logged
 * @param connectTimeout time to open a connection (default 5 s)
 * @param requestTimeout time for one answer (default 10 s)
 */
public record CardVaultClientSettings(URI baseUrl, String secret, Duration connectTimeout, Duration requestTimeout) {

  public CardVaultClientSettings {
    if (baseUrl == null || baseUrl.toString().isBlank()) {
      throw new IllegalStateException("postings.card-vault.base-url is not configured: set CARD_VAULT_URL to the"
          + " starter's base URL, or run with the local profile");
    }
    if (secret == null || secret.isBlank()) {
      throw new IllegalStateException("postings.card-vault.secret is not configured: set CARD_VAULT_SECRET (the same"
          + " value as the starter's), or run with the local profile");
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(5) : connectTimeout;
    requestTimeout = requestTimeout == null ? Duration.ofSeconds(10) : requestTimeout;
  }

  @Override
  public String toString() {
    return "CardVaultClientSettings[baseUrl=" + baseUrl + ", secret=***, connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout + "]";
  }
}
