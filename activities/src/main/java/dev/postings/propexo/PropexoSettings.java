package dev.postings.propexo;

import dev.postings.providers.RequestPacing;
import java.net.URI;
import java.time.Duration;

/**
 * How to reach Propexo. The same adapter talks to the local sandbox, Propexo's sandbox host or production: only this
 * changes.
 *
 * @param baseUrl e.g. {@code https://api.sandbox.propexo.com} or the local sandbox
 * @param token the customer's Bearer token; never logged, never in workflow history
 * @param connectTimeout time to open a connection (a failure here means nothing was sent)
 * @param requestTimeout time for one answer; must stay below the activity's start-to-close timeout so that the adapter
 *     reports an unclear outcome itself
 * @param pageSize {@code limit} for list calls (Propexo: 1-250; records returned are billed, so keep queries narrow)
 * @param maxPages pages read at most in one search, a guard against an unbounded scan
 * @param rateLimit {@code rate-limit.*}: this worker's requests with the token, paced (PROVIDERS.md 1: typically 150
 *     per minute per customer); absent = unpaced
 */
public record PropexoSettings(
    URI baseUrl, String token, Duration connectTimeout, Duration requestTimeout, int pageSize, int maxPages,
    RequestPacing.Settings rateLimit) {

  public PropexoSettings {
    if (baseUrl == null) {
      throw new IllegalArgumentException("Propexo base URL is required");
    }
    if (token == null || token.isBlank()) {
      throw new IllegalArgumentException("Propexo token is required");
    }
    if (pageSize < 1 || pageSize > 250) {
      throw new IllegalArgumentException("Propexo page size must be 1-250, was " + pageSize);
    }
    if (rateLimit == null) {
      rateLimit = RequestPacing.Settings.UNPACED;
    }
  }

  @Override
  public String toString() {
    return "PropexoSettings[baseUrl=" + baseUrl + ", token=***, connectTimeout=" + connectTimeout
        + ", requestTimeout=" + requestTimeout + ", pageSize=" + pageSize + ", maxPages=" + maxPages + ", rateLimit="
        + rateLimit + "]";
  }
}
