package dev.postings.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.ProviderProtocol;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.time.Clock;
import java.time.Duration;

/**
 * Propexo's own ways (docs/providers/propexo.md): the customer's bearer token on every request, errors as
 * {@code {"error": {"code", "message", "details": {"issues"}}}}, and one rate limit per token counted in minute
 * windows, whatever the PMS behind it: Propertyware and ResMan share this token and so one budget.
 */
final class PropexoProtocol implements ProviderProtocol {

  private final String token;

  PropexoProtocol(String token) {
    this.token = token;
  }

  @Override
  public String name() {
    return "propexo";
  }

  @Override
  public String displayName() {
    return "Propexo";
  }

  @Override
  public String authorization(String credentials, String method, URI uri) {
    return "Bearer " + token;
  }

  /** Propexo's {@code error.code: error.message}, with Zod issue messages when there are any. */
  @Override
  public String errorSummary(ProviderAnswer answer) {
    JsonNode error = answer.body().path("error");
    if (error.isMissingNode()) {
      return "HTTP " + answer.status();
    }
    StringBuilder summary = new StringBuilder("HTTP ").append(answer.status()).append(' ')
        .append(error.path("code").asText("error")).append(": ").append(error.path("message").asText(""));
    for (JsonNode issue : error.path("details").path("issues")) {
      summary.append("; ").append(issue.path("path").toString()).append(' ').append(issue.path("message").asText());
    }
    return summary.toString();
  }

  /** {@code Retry-After}, or the end of Propexo's minute window when it gives none. */
  @Override
  public Duration retryAfter(HttpHeaders headers) {
    return ProviderFailures.retryAfterOrEndOfMinute(headers, Clock.systemUTC());
  }
}
