package dev.postings.callback;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.postings.workflow.CompletionCallbacks;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Completion callbacks over HTTP. Every attempt is signed afresh (its own time). Temporal retries an attempt that failed
 * retryably, with the back-off and budget the posting started with.
 */
public class HttpCompletionCallbacks implements CompletionCallbacks {

  private static final Logger log = LoggerFactory.getLogger(HttpCompletionCallbacks.class);
  static final String UNREACHABLE = "CallbackReceiverUnreachable";
  static final String REFUSED = "CallbackRefused";

  private final byte[] secret;
  private final HttpClient http;
  private final Clock clock;
  private final Duration requestTimeout;
  private final ObjectMapper json = JsonMapper.builder()
      .addModule(new JavaTimeModule())
      .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
      .build();

  public HttpCompletionCallbacks(CallbackSettings settings, Clock clock) {
    this.secret = settings.secret().getBytes(StandardCharsets.UTF_8);
    this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER).build();
    this.clock = clock;
    // below any sensible start-to-close timeout of the activity, so a hung receiver is a failed attempt, not a timeout
    this.requestTimeout = settings.connectTimeout().multipliedBy(2);
  }

  @Override
  public void deliver(CompletionDelivery delivery) {
    URI url = URI.create(delivery.url());
    if (!"https".equalsIgnoreCase(url.getScheme()) && !"http".equalsIgnoreCase(url.getScheme())) {
      throw ApplicationFailure.newNonRetryableFailure("callback URL must be http or https", REFUSED);
    }
    String body;
    try {
      body = json.writeValueAsString(delivery.notice());
    } catch (JsonProcessingException e) {
      throw ApplicationFailure.newNonRetryableFailure("cannot write the callback body: " + e.getMessage(), REFUSED);
    }
    long now = clock.instant().getEpochSecond();
    HttpRequest request = HttpRequest.newBuilder(url)
        .timeout(requestTimeout)
        .header("Content-Type", "application/json")
        .header(CallbackSignature.HEADER, CallbackSignature.header(secret, now, body))
        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
        .build();
    int status;
    try {
      status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (IOException unreachable) {
      throw ApplicationFailure.newFailure("callback receiver " + url.getHost() + " unreachable: "
          + unreachable.getClass().getSimpleName(), UNREACHABLE);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailure("interrupted while calling back " + url.getHost(), UNREACHABLE);
    }
    if (status >= 200 && status < 300) {
      log.info("posting {}: completion callback ({}) delivered to {}", delivery.notice().postingId(),
          delivery.notice().state(), url.getHost());
      return;
    }
    String answer = "callback receiver " + url.getHost() + " answered HTTP " + status;
    if (status >= 500 || status == 408 || status == 429) {
      throw ApplicationFailure.newFailure(answer, UNREACHABLE);
    }
    // any other answer (a 4xx, a redirect) will not change by sending the same callback again
    throw ApplicationFailure.newNonRetryableFailure(answer, REFUSED);
  }
}
