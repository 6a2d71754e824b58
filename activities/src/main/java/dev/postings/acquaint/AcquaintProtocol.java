package dev.postings.acquaint;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ProviderExchange;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.ProviderProtocol;
import dev.postings.providers.Route;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Acquaint's own ways (docs/providers/acquaint.md): a bearer token from {@code POST /v1/auth}, ASP.NET error bodies,
 * and a rate limit per endpoint per key, counted in minute windows.
 *
 * <p>The token is cached and replaced a margin before it expires; a 401 means it was refused anyway (revoked, clock
 * skew), so the exchange drops it and sends the call once more with a new one. That second send is safe for a write
 * too: a 401 is answered before the request is processed.
 */
final class AcquaintProtocol implements ProviderProtocol {

  private static final Logger log = LoggerFactory.getLogger(AcquaintProtocol.class);
  static final Route AUTH = Route.of("POST", "/v1/auth");
  /** A path segment that is a record id (all digits), folded so that every id of an endpoint shares its budget. */
  private static final Pattern ID_SEGMENT = Pattern.compile("/[0-9]+(?=/|$)");

  private final AcquaintSettings settings;
  private final Clock clock;
  private final Object tokenLock = new Object();
  private String token;
  private Instant refreshAt;
  private int tokensObtained;

  AcquaintProtocol(AcquaintSettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "acquaint";
  }

  @Override
  public String displayName() {
    return "Acquaint";
  }

  /** The cached token, or a new one when there is none or it is within the refresh margin of its expiry. */
  @Override
  public String credentials(Route route, ProviderExchange exchange) {
    if (route.equals(AUTH)) {
      return null;
    }
    synchronized (tokenLock) {
      if (token == null || !clock.instant().isBefore(refreshAt)) {
        authenticate(exchange);
      }
      return token;
    }
  }

  @Override
  public String authorization(String credentials, String method, URI uri) {
    return credentials == null ? null : "Bearer " + credentials;
  }

  /** Drops the refused token, unless another call replaced it already; the next call obtains a new one. */
  @Override
  public boolean renew(String refused) {
    synchronized (tokenLock) {
      if (refused.equals(token)) {
        token = null;
      }
    }
    return true;
  }

  /** Tokens obtained from {@code /v1/auth} so far. */
  int tokensObtained() {
    synchronized (tokenLock) {
      return tokensObtained;
    }
  }

  /** {@code POST /v1/auth}. Not a write: whatever goes wrong here, the payment itself was not sent. */
  private void authenticate(ProviderExchange exchange) {
    Map<String, String> credentials = new LinkedHashMap<>();
    credentials.put("apiKey", settings.apiKey());
    credentials.put("sitePrefix", settings.sitePrefix());
    Instant asked = clock.instant();
    ProviderAnswer answer;
    try {
      answer = exchange.exchange(Call.READ, AUTH, credentials, List.of());
    } catch (ApplicationFailure failure) {
      if (FailureKind.RATE_LIMITED.name().equals(failure.getType())) {
        // our pacing of /v1/auth had no slot: nothing was sent, come back at its slot (the failure's retry delay)
        throw failure;
      }
      throw ProviderFailures.failure(FailureKind.NOT_SENT.name().equals(failure.getType()) ? FailureKind.NOT_SENT
          : FailureKind.PROVIDER_UNAVAILABLE, "Acquaint authentication failed, nothing was sent: "
          + failure.getOriginalMessage(), null, null);
    }
    if (answer.status() == 429) {
      throw ProviderFailures.failure(FailureKind.RATE_LIMITED, "Acquaint POST /v1/auth: " + errorSummary(answer),
          retryAfter(answer.headers()), null);
    }
    if (answer.status() >= 500 || answer.status() == 408) {
      throw ProviderFailures.failure(FailureKind.PROVIDER_UNAVAILABLE, "Acquaint POST /v1/auth: "
          + errorSummary(answer), null, null);
    }
    if (!answer.isSuccess()) {
      // 401 (wrong key) or 400 (no key): our credentials, whatever the call was
      throw ProviderFailures.failure(FailureKind.CREDENTIALS_REFUSED, "Acquaint refused the API key of site "
          + settings.sitePrefix() + " (POST /v1/auth " + errorSummary(answer) + ")", null, null);
    }
    String issued = AcquaintJson.text(answer.body(), "token");
    JsonNode expiresIn = AcquaintJson.field(answer.body(), "expiresIn");
    if (issued == null || issued.isBlank() || !expiresIn.canConvertToLong() || expiresIn.asLong() <= 0) {
      throw ProviderFailures.failure(FailureKind.PROVIDER_UNAVAILABLE,
          "Acquaint POST /v1/auth answered without token and expiresIn", null, null);
    }
    Duration lifetime = Duration.ofSeconds(expiresIn.asLong());
    // A margin as long as the token itself would refresh on every call: never use more than half of the lifetime.
    Duration margin = settings.tokenRefreshMargin().compareTo(lifetime.dividedBy(2)) > 0
        ? lifetime.dividedBy(2) : settings.tokenRefreshMargin();
    token = issued;
    refreshAt = asked.plus(lifetime).minus(margin);
    tokensObtained++;
    log.info("posting {}: Acquaint token obtained for site {}, valid {}s", ProviderExchange.postingId(),
        settings.sitePrefix(), lifetime.toSeconds());
  }

  /** ASP.NET's {@code Message}, and every ModelState entry with the field it names. */
  @Override
  public String errorSummary(ProviderAnswer answer) {
    StringBuilder summary = new StringBuilder("HTTP ").append(answer.status());
    JsonNode message = AcquaintJson.field(answer.body(), "Message");
    if (message.isTextual()) {
      summary.append(": ").append(message.asText());
    }
    JsonNode modelState = AcquaintJson.field(answer.body(), "ModelState");
    for (Iterator<Map.Entry<String, JsonNode>> fields = modelState.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      summary.append("; ").append(field.getKey()).append(": ");
      if (field.getValue().isArray()) {
        for (int i = 0; i < field.getValue().size(); i++) {
          summary.append(i == 0 ? "" : " ").append(field.getValue().get(i).asText());
        }
      } else {
        summary.append(field.getValue().asText());
      }
    }
    return summary.toString();
  }

  /** {@code Retry-After}, or the end of Acquaint's minute window when it gives none. */
  @Override
  public Duration retryAfter(HttpHeaders headers) {
    return ProviderFailures.retryAfterOrEndOfMinute(headers, Clock.systemUTC());
  }

  /**
   * Acquaint limits requests per endpoint per key (100 requests/minute per endpoint per key), {@code POST /v1/auth}
   * included: one budget per endpoint. This protocol holds one key (one site).
   */
  @Override
  public String budget(String method, String pathWithoutQuery) {
    return endpoint(method, pathWithoutQuery);
  }

  /**
   * The endpoint a request counts against: method and path without query, lower case, numeric ids folded; the same
   * key as the sandbox's AcquaintGate, which applies Acquaint's per-endpoint limit.
   */
  static String endpoint(String method, String path) {
    int query = path.indexOf('?');
    String withoutQuery = query < 0 ? path : path.substring(0, query);
    return method + " " + ID_SEGMENT.matcher(withoutQuery.toLowerCase(Locale.ROOT)).replaceAll("/{id}");
  }
}
