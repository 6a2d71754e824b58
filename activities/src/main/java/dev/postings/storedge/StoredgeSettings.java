package dev.postings.storedge;

import dev.postings.providers.ProviderConnection;

/**
 * How to reach storEDGE ({@code postings.storedge.*}). The same adapter talks to the local sandbox or to
 * {@code https://api.storedgefms.com}: only this changes.
 *
 * @param connection base URL (the part before {@code /v1/...}: {@code https://api.storedgefms.com}, or the sandbox's
 *     {@code http://127.0.0.1:8090/storedge}), timeouts and {@code rate-limit.*}: this worker's requests with the key,
 *     paced (storEDGE publishes no limit, docs/providers/storedge.md: this one is ours, to stay polite)
 * @param consumerKey the operator's "API access id" (OAuth consumer key) of the single-credential mode (tests,
 *     tools); absent, with the secret, when the postings' connections name them
 * @param consumerSecret the operator's "API secret key" (OAuth consumer secret); never logged, never in history
 */
public record StoredgeSettings(ProviderConnection connection, String consumerKey, String consumerSecret) {

  public StoredgeSettings {
    if (connection == null) {
      throw new IllegalArgumentException("storEDGE base URL is required");
    }
  }

  @Override
  public String toString() {
    return "StoredgeSettings[connection=" + connection + ", consumerKey=" + consumerKey + ", consumerSecret=***]";
  }
}
