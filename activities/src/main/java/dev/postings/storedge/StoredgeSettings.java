package dev.postings.storedge;

import dev.postings.providers.RequestPacing;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach storEDGE. The same adapter talks to the local sandbox or to {@code https://api.storedgefms.com}: only
 * this changes.
 *
 * @param baseUrl the part before {@code /v1/...}: {@code https://api.storedgefms.com}, or the sandbox's
 *     {@code http://127.0.0.1:8090/storedge}
 * @param consumerKey the operator's "API access id" (OAuth consumer key)
 * @param consumerSecret the operator's "API secret key" (OAuth consumer secret); never logged, never in history
 * @param connectTimeout time to open a connection (a failure here means nothing was sent)
 * @param requestTimeout time for one answer; must stay below the activity's start-to-close timeout so that the adapter
 *     reports an unclear outcome itself
 * @param rateLimit {@code rate-limit.*}: this worker's requests with the key, paced (storEDGE publishes no limit,
 *     PROVIDERS.md 3: this one is ours, to stay polite); absent = unpaced
 */
public record StoredgeSettings(
    URI baseUrl, String consumerKey, String consumerSecret, Duration connectTimeout, Duration requestTimeout,
    RequestPacing.Settings rateLimit) {

  public StoredgeSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("storEDGE base URL is required");
    }
    if (consumerKey == null || consumerKey.isBlank()) {
      throw new IllegalArgumentException("storEDGE consumer key is required");
    }
    if (consumerSecret == null || consumerSecret.isBlank()) {
      throw new IllegalArgumentException("storEDGE consumer secret is required");
    }
    if (connectTimeout == null) {
      connectTimeout = Duration.ofSeconds(5);
    }
    if (requestTimeout == null) {
      requestTimeout = Duration.ofSeconds(20);
    }
    if (rateLimit == null) {
      rateLimit = RequestPacing.Settings.UNPACED;
    }
  }

  @Override
  public String toString() {
    return "StoredgeSettings[baseUrl=" + baseUrl + ", consumerKey=" + consumerKey + ", consumerSecret=***"
        + ", connectTimeout=" + connectTimeout + ", requestTimeout=" + requestTimeout + ", rateLimit=" + rateLimit
        + "]";
  }
}
