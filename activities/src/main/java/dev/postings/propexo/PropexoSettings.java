package dev.postings.propexo;

import dev.postings.providers.ProviderConnection;

/**
 * How to reach Propexo ({@code postings.propexo.*}). The same adapter talks to the local sandbox, Propexo's sandbox
 * host or production: only this changes.
 *
 * @param connection base URL ({@code https://api.sandbox.propexo.com} or the local sandbox), timeouts and
 *     {@code rate-limit.*}: this worker's requests with the token, paced (docs/providers/propexo.md: typically 150 per
 *     minute per customer)
 * @param token the customer's Bearer token of the single-credential mode (tests, tools); absent when the postings'
 *     connections name the token ({@code dev.postings.providers.ConnectionResolver}). Never logged, never in history
 * @param pageSize {@code limit} for list calls (Propexo: 1-250; records returned are billed, so keep queries narrow)
 * @param maxPages pages read at most in one search, a guard against an unbounded scan
 */
public record PropexoSettings(ProviderConnection connection, String token, int pageSize, int maxPages) {

  public PropexoSettings {
    if (connection == null) {
      throw new IllegalArgumentException("Propexo base URL is required");
    }
    if (pageSize < 1 || pageSize > 250) {
      throw new IllegalArgumentException("Propexo page size must be 1-250, was " + pageSize);
    }
  }

  @Override
  public String toString() {
    return "PropexoSettings[connection=" + connection + ", token=***, pageSize=" + pageSize + ", maxPages=" + maxPages
        + "]";
  }
}
