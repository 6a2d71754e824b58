package dev.postings.providers;

import java.net.URI;
import java.time.Duration;

/**
 * How to reach one provider API, the part every provider's settings share ({@code postings.<provider>.base-url},
 * {@code connect-timeout}, {@code request-timeout}, {@code rate-limit.*}). The same adapter talks to the local sandbox,
 * the vendor's test host or production: only this and the credentials change.
 *
 * @param baseUrl the part before the API's paths, e.g. {@code https://api.storedgefms.com} or the local sandbox's
 *     {@code http://127.0.0.1:8090/storedge}
 * @param connectTimeout time to open a connection (a failure here means nothing was sent)
 * @param requestTimeout time for one answer; must stay below the activity's start-to-close timeout, so that the
 *     adapter reports an unclear outcome itself
 * @param rateLimit this worker's requests to the provider, paced ({@link RequestPacing}); absent = unpaced
 */
public record ProviderConnection(
    URI baseUrl, Duration connectTimeout, Duration requestTimeout, RequestPacing.Settings rateLimit) {

  public ProviderConnection {
    if (baseUrl == null) {
      throw new IllegalArgumentException("base-url is required");
    }
    if (connectTimeout == null || requestTimeout == null) {
      throw new IllegalArgumentException("connect-timeout and request-timeout are required");
    }
    if (rateLimit == null) {
      rateLimit = RequestPacing.Settings.UNPACED;
    }
  }

  /** The URL of {@code route}: the base URL (without trailing slashes) followed by the route's path and query. */
  URI resolve(Route route) {
    return URI.create(baseUrl.toString().replaceAll("/+$", "") + route.path());
  }
}
