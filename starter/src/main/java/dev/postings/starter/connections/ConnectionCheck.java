package dev.postings.starter.connections;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.connections.ConnectionCredentials;
import dev.postings.connections.OpenedConnection;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * One cheap authenticated call to a connection's provider, to show whether its credentials are taken: Propexo's
 * resident-payments list with one record at most, Acquaint's {@code POST /v1/auth} (which is itself the check of a
 * site and key), storEDGE's facility list with a one-legged OAuth 1.0 signature. What the answer says: {@code ok} (the
 * provider took the credentials, whatever else it answered), {@code refused} (401 or 403), {@code unavailable}
 * (no answer, 429, 5xx). The detail names the status only, never a body or a credential.
 */
public class ConnectionCheck {

  /** The check's verdict and its HTTP status (0 when there was no answer). */
  public record Result(String connectionId, String outcome, int status, String detail) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final ObjectMapper json = new ObjectMapper();

  public Result check(OpenedConnection opened) {
    String id = opened.connection().connectionId();
    String base = opened.connection().baseUrl().replaceAll("/+$", "");
    ConnectionCredentials credentials = opened.credentials();
    HttpRequest.Builder request;
    try {
      switch (opened.connection().api()) {
        case PROPEXO -> request = HttpRequest.newBuilder(URI.create(base + "/v1/resident-payments/?limit=1"))
            .header("Authorization", "Bearer " + credentials.get(ConnectionCredentials.TOKEN)).GET();
        case ACQUAINT -> request = HttpRequest.newBuilder(URI.create(base + "/v1/auth"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of(
                "apiKey", credentials.get(ConnectionCredentials.API_KEY),
                "sitePrefix", credentials.get(ConnectionCredentials.SITE_PREFIX)))));
        case STOREDGE -> {
          String url = base + "/v1/facilities";
          request = HttpRequest.newBuilder(URI.create(url)).header("Authorization", oauth1("GET", url,
              credentials.get(ConnectionCredentials.CONSUMER_KEY),
              credentials.get(ConnectionCredentials.CONSUMER_SECRET))).GET();
        }
        default -> throw new IllegalStateException("no check for " + opened.connection().api());
      }
      HttpResponse<Void> answer = http.send(request.timeout(Duration.ofSeconds(10)).header("Accept",
          "application/json").build(), HttpResponse.BodyHandlers.discarding());
      int status = answer.statusCode();
      if (status == 401 || status == 403) {
        return new Result(id, "refused", status, "the provider refused the credentials (HTTP " + status + ")");
      }
      if (status == 429 || status >= 500) {
        return new Result(id, "unavailable", status, "the provider did not take the call (HTTP " + status + ")");
      }
      return new Result(id, "ok", status, "the provider took the credentials (HTTP " + status + ")");
    } catch (IOException | IllegalArgumentException noAnswer) {
      return new Result(id, "unavailable", 0, "no answer: " + noAnswer.getClass().getSimpleName());
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      return new Result(id, "unavailable", 0, "interrupted");
    }
  }

  /** storEDGE's one-legged OAuth 1.0, HMAC-SHA1, no token (docs/providers/storedge.md). {@code url} has no query. */
  static String oauth1(String method, String url, String consumerKey, String consumerSecret) {
    Map<String, String> parameters = new TreeMap<>();
    parameters.put("oauth_consumer_key", consumerKey);
    parameters.put("oauth_nonce", UUID.randomUUID().toString().replace("-", ""));
    parameters.put("oauth_signature_method", "HMAC-SHA1");
    parameters.put("oauth_timestamp", String.valueOf(System.currentTimeMillis() / 1000));
    parameters.put("oauth_version", "1.0");
    String normalized = parameters.entrySet().stream().map(p -> encode(p.getKey()) + "=" + encode(p.getValue()))
        .collect(Collectors.joining("&"));
    String base = method + "&" + encode(url) + "&" + encode(normalized);
    try {
      Mac mac = Mac.getInstance("HmacSHA1");
      mac.init(new SecretKeySpec((encode(consumerSecret) + "&").getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
      parameters.put("oauth_signature",
          Base64.getEncoder().encodeToString(mac.doFinal(base.getBytes(StandardCharsets.UTF_8))));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA1 is not available in this JVM", e);
    }
    return "OAuth " + parameters.entrySet().stream()
        .map(p -> encode(p.getKey()) + "=\"" + encode(p.getValue()) + "\"").collect(Collectors.joining(", "));
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20").replace("*", "%2A")
        .replace("%7E", "~");
  }
}
