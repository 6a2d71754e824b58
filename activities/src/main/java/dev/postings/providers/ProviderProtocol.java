package dev.postings.providers;

import dev.postings.workflow.FailureKind;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;

/**
 * What one provider API does its own way, for {@link ProviderExchange}, which does everything else the same way for
 * every provider: how a request is authorised, what the provider's error bodies say, what its answers mean beyond the
 * shared failure table, and how its rate limit is counted. The bodies themselves are mapped by the adapter, with the
 * ObjectMapper it gives the exchange.
 */
public interface ProviderProtocol {

  /** The provider as metrics and the request pacing name it (their {@code provider} tag): {@code propexo}. */
  String name();

  /** The provider as log lines and failure messages name it: {@code Propexo}. */
  String displayName();

  // --- authorisation -----------------------------------------------------------------------------------------------

  /**
   * The credentials of a request to {@code route}, obtained before it waits for its pacing slot, so that a token
   * fetched now (Acquaint's {@code POST /v1/auth}, itself sent through {@code exchange}) does not delay a request
   * past its slot. None by default.
   */
  default String credentials(Route route, ProviderExchange exchange) {
    return null;
  }

  /**
   * The {@code Authorization} header of a request leaving now, after its pacing slot (storEDGE's OAuth 1.0 signature
   * carries the time it is made); null for none.
   */
  String authorization(String credentials, String method, URI uri);

  /**
   * The provider answered 401 to {@code refused}: whether fresh credentials may be tried, once. A 401 is answered
   * before a request is processed, so the second send is safe for a write too. No by default.
   */
  default boolean renew(String refused) {
    return false;
  }

  // --- error decoding ----------------------------------------------------------------------------------------------

  /** What an answer that is not a success says, from the provider's own error shape: {@code HTTP 422 ...: ...}. */
  String errorSummary(ProviderAnswer answer);

  /** The kind of an answer where its body says more than its status (storEDGE's AccessDenied); empty = the table's. */
  default Optional<FailureKind> kindOf(ProviderAnswer answer) {
    return Optional.empty();
  }

  /** When to come back after a 429: its {@code Retry-After} in seconds if any, else null (the retry policy's). */
  default Duration retryAfter(HttpHeaders headers) {
    return ProviderFailures.retryAfterSeconds(headers).orElse(null);
  }

  // --- failures ----------------------------------------------------------------------------------------------------

  /**
   * Whether every write carries an idempotency key the provider honours (storEDGE's), so that even an unclear write
   * may be retried ({@link ProviderFailures#failure(FailureKind, String, Duration, Throwable, boolean)}).
   */
  default boolean idempotentWrites() {
    return false;
  }

  /**
   * {@code text} (a failure message or a log line) as it may be shown; {@code secrets} are values of the request that
   * must not appear in it. Unchanged by default: only storEDGE's requests carry cardholder data.
   */
  default String redact(String text, Collection<String> secrets) {
    return text;
  }

  // --- rate limit --------------------------------------------------------------------------------------------------

  /**
   * The budget a request counts against, one {@link RequestPacing} each: by default one for the whole API (Propexo's
   * per-token limit); Acquaint counts per endpoint.
   */
  default String budget(String method, String pathWithoutQuery) {
    return "";
  }
}
