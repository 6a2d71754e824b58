package dev.postings.acquaint;

import dev.postings.providers.RequestPacing;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach one Acquaint site. The same adapter talks to the local sandbox, Acquaint's staging host or production:
 * only this changes.
 *
 * @param baseUrl e.g. {@code https://api.acquaintcrm.co.uk} or the local sandbox's {@code http://127.0.0.1:8090/acquaint};
 *     {@code /v1/auth} and {@code /17.0/...} are resolved under it
 * @param apiKey the agency's API key; never logged, never in workflow history
 * @param sitePrefix the agency's site prefix, sent with the key
 * @param connectTimeout time to open a connection (a failure here means nothing was sent)
 * @param requestTimeout time for one answer; with one token refresh and one retry it must stay below the activity's
 *     start-to-close timeout so that the adapter reports an unclear outcome itself
 * @param tokenRefreshMargin a token is replaced this long before it expires, so that no call goes out with a token
 *     about to lapse in flight
 * @param rateLimit {@code rate-limit.*}: this worker's requests per endpoint with the key, paced endpoint by endpoint
 *     (PROVIDERS.md 2: 100 requests/minute per endpoint per key), {@code POST /v1/auth} included; absent = unpaced
 */
public record AcquaintSettings(
    URI baseUrl,
    String apiKey,
    String sitePrefix,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration tokenRefreshMargin,
    RequestPacing.Settings rateLimit) {

  public AcquaintSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("Acquaint base URL is required");
    }
    if (apiKey == null || apiKey.isBlank()) {
      throw new IllegalArgumentException("Acquaint API key is required");
    }
    if (sitePrefix == null || sitePrefix.isBlank()) {
      throw new IllegalArgumentException("Acquaint site prefix is required");
    }
    if (connectTimeout == null || requestTimeout == null) {
      throw new IllegalArgumentException("Acquaint connect and request timeouts are required");
    }
    if (tokenRefreshMargin == null || tokenRefreshMargin.isNegative()) {
      throw new IllegalArgumentException("Acquaint token refresh margin must be zero or more");
    }
    if (rateLimit == null) {
      rateLimit = RequestPacing.Settings.UNPACED;
    }
  }

  @Override
  public String toString() {
    return "AcquaintSettings[baseUrl=" + baseUrl + ", apiKey=***, sitePrefix=" + sitePrefix + ", connectTimeout="
        + connectTimeout + ", requestTimeout=" + requestTimeout + ", tokenRefreshMargin=" + tokenRefreshMargin
        + ", rateLimit=" + rateLimit + "]";
  }
}
