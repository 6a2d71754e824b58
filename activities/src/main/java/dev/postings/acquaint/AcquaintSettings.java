package dev.postings.acquaint;

import dev.postings.providers.ProviderConnection;
import java.time.Duration;

/**
 * How to reach one Acquaint site ({@code postings.acquaint.*}). The same adapter talks to the local sandbox, Acquaint's
 * staging host or production: only this changes.
 *
 * @param connection base URL ({@code https://api.acquaintcrm.co.uk} or the local sandbox's
 *     {@code http://127.0.0.1:8090/acquaint}; {@code /v1/auth} and {@code /17.0/...} are resolved under it), timeouts
 *     (with one token refresh and one retry, the request timeout must stay below the activity's start-to-close
 *     timeout) and {@code rate-limit.*}: this worker's requests per endpoint with the key, paced endpoint by endpoint
 *     (docs/providers/acquaint.md: 100 requests/minute per endpoint per key), {@code POST /v1/auth} included
 * @param apiKey the agency's API key of the single-credential mode (tests, tools); absent, with the site prefix, when
 *     the postings' connections name them. Never logged, never in workflow history
 * @param sitePrefix the agency's site prefix, sent with the key
 * @param tokenRefreshMargin a token is replaced this long before it expires, so that no call goes out with a token
 *     about to lapse in flight
 */
public record AcquaintSettings(
    ProviderConnection connection, String apiKey, String sitePrefix, Duration tokenRefreshMargin) {

  public AcquaintSettings {
    if (connection == null) {
      throw new IllegalArgumentException("Acquaint base URL is required");
    }
    if (tokenRefreshMargin == null || tokenRefreshMargin.isNegative()) {
      throw new IllegalArgumentException("Acquaint token refresh margin must be zero or more");
    }
  }

  @Override
  public String toString() {
    return "AcquaintSettings[connection=" + connection + ", apiKey=***, sitePrefix=" + sitePrefix
        + ", tokenRefreshMargin=" + tokenRefreshMargin + "]";
  }
}
