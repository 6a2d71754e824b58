package dev.postings.cardvault;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.regex.Pattern;

/**
 * {@link CardVault} over HTTP to the starter's internal card vault endpoint ({@code /internal/card-vault}), so it works
 * with the worker and the starter in separate processes. Answers: 200 the values, 404 {@link CardDataUnavailable}
 * (final: the payment cannot be sent), anything else {@link CardVaultUnavailable} (transient). No message or log line
 * carries a value or an answer body.
 */
public final class HttpCardVault implements CardVault {

  /** What the starter hands out ("cv_" and 256 random bits); anything else was never sealed, and is not sent anywhere. */
  private static final Pattern REFERENCE = Pattern.compile("cv_[A-Za-z0-9_-]{43}");
  private static final String PATH = "/internal/card-vault/";

  private final CardVaultClientSettings settings;
  private final HttpClient http;
  private final ObjectMapper json;

  public HttpCardVault(CardVaultClientSettings settings, ObjectMapper json) {
    this.settings = settings;
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout()).build();
    this.json = json.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  @Override
  public CardSecrets redeem(String reference) {
    requireWellFormed(reference);
    HttpResponse<byte[]> answer = send(request(reference + "/redeem")
        .POST(HttpRequest.BodyPublishers.noBody()).build(), "redeem");
    if (answer.statusCode() == 404) {
      throw new CardDataUnavailable(reference);
    }
    if (answer.statusCode() != 200) {
      throw unavailable("redeem", answer.statusCode());
    }
    try {
      return json.readValue(answer.body(), CardSecrets.class);
    } catch (IOException unreadable) {
      // the parser's message may quote the body, i.e. the values: not passed on, not even as the cause
      throw new CardVaultUnavailable("card vault redeem: the answer is not card data");
    }
  }

  @Override
  public void discard(String reference) {
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      return; // never sealed: nothing to forget
    }
    HttpResponse<byte[]> answer = send(request(reference).DELETE().build(), "discard");
    int status = answer.statusCode();
    if (status != 204 && status != 200 && status != 404) {
      throw unavailable("discard", status);
    }
  }

  private static void requireWellFormed(String reference) {
    if (reference == null || !REFERENCE.matcher(reference).matches()) {
      throw new CardDataUnavailable(String.valueOf(reference));
    }
  }

  private HttpRequest.Builder request(String pathAfterBase) {
    String base = settings.baseUrl().toString().replaceAll("/+$", "");
    return HttpRequest.newBuilder(URI.create(base + PATH + pathAfterBase))
        .timeout(settings.requestTimeout())
        .header("Authorization", "Bearer " + settings.secret())
        .header("Accept", "application/json");
  }

  private HttpResponse<byte[]> send(HttpRequest request, String call) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException failed) {
      throw new CardVaultUnavailable("card vault " + call + ": " + failed.getClass().getSimpleName()
          + " (" + settings.baseUrl() + ")");
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw new CardVaultUnavailable("card vault " + call + ": interrupted");
    }
  }

  private static CardVaultUnavailable unavailable(String call, int status) {
    String why = status == 401 ? " (the worker's postings.card-vault.secret is not the starter's)" : "";
    return new CardVaultUnavailable("card vault " + call + ": HTTP " + status + why);
  }
}
