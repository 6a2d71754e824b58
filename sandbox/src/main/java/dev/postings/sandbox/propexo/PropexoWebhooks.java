package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.stereotype.Component;

/**
 * Propexo's webhooks, sent to the configured URL off the request thread: {@code DATA_NEW} (one per new record, with its
 * {@code record_id}, as Propexo's data webhooks carry) and {@code WRITE_OPERATION_FAILURE}
 * (docs/providers/propexo.md#webhooks). The body is signed with HMAC-SHA256 (hex) in the {@code propexo-signature}
 * header.
 */
@Component
public class PropexoWebhooks implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(PropexoWebhooks.class);

  private final PropexoSandboxProperties.Webhooks settings;
  private final Clock clock;
  private final ObjectMapper json;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private final ExecutorService sender = Executors.newSingleThreadExecutor(r -> {
    Thread thread = new Thread(r, "propexo-webhooks");
    thread.setDaemon(true);
    return thread;
  });
  private final AtomicLong delivered = new AtomicLong();
  private final AtomicLong undeliverable = new AtomicLong();

  public PropexoWebhooks(PropexoSandboxProperties properties, Clock clock, ObjectMapper json) {
    this.settings = properties.webhooks();
    this.clock = clock;
    this.json = json;
  }

  void dataNew(String integrationId, String vendor, String recordId, String syncJobId) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("job_id", syncJobId);
    data.put("root_job_id", syncJobId);
    data.put("integration_id", integrationId);
    data.put("job_type", "SYNC");
    data.put("vendor", vendor);
    data.put("event", "DATA_NEW");
    data.put("record_id", recordId);
    data.put("object", "resident-payments");
    send("DATA_NEW", data);
  }

  void writeOperationFailure(String integrationId, String vendor, String rootJobId, List<String> errors) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("event", "WRITE_OPERATION_FAILURE");
    data.put("integration_id", integrationId);
    data.put("vendor", vendor);
    data.put("root_job_id", rootJobId);
    data.put("write_status", "FAILURE");
    data.put("errors", errors);
    send("WRITE_OPERATION_FAILURE", data);
  }

  /** Webhooks delivered and given up on, for sandbox inspection. */
  Map<String, Object> counts() {
    return Map.of("delivered", delivered.get(), "undeliverable", undeliverable.get());
  }

  private void send(String trigger, Map<String, Object> data) {
    if (settings.url() == null || settings.url().isBlank()) {
      return;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("trigger", trigger);
    payload.put("data", data);
    payload.put("meta", Map.of("webhook_id", "wh_" + UUID.randomUUID(), "sent_at", clock.instant().toString()));
    byte[] body;
    try {
      body = json.writeValueAsBytes(payload);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    sender.execute(() -> deliver(trigger, body));
  }

  private void deliver(String trigger, byte[] body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.url()))
        .timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json")
        .header("propexo-signature", sign(settings.secret(), body))
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
    for (int attempt = 1; attempt <= Math.max(1, settings.attempts()); attempt++) {
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          delivered.incrementAndGet();
          return;
        }
        log.info("{} webhook answered {} (attempt {})", trigger, status, attempt);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        log.info("{} webhook not delivered (attempt {}): {}", trigger, attempt, e.toString());
      }
    }
    undeliverable.incrementAndGet();
  }

  /** HMAC-SHA256 of the raw body, lower-case hex: what Propexo puts in {@code propexo-signature}. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void destroy() {
    sender.shutdownNow();
  }
}
