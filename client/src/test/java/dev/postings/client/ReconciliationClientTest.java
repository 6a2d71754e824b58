package dev.postings.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The reconciliation calls against a canned API on loopback: the requests they send, what they make of answers. */
class ReconciliationClientTest {

  record Received(String method, String target, String accept, String body) {}

  private HttpServer server;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private volatile int status = 200;
  private volatile String answer = "{}";
  private PostingsClient client;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getRawPath()
          + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
          exchange.getRequestHeaders().getFirst("Accept"),
          new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
      byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
    client = new PostingsClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), "key-1",
        Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  @Test
  void eachCallSendsWhatTheApiTakes() throws Exception {
    status = 202;
    answer = "{\"reconciliationWorkflowId\":\"reconciliation-acquaint-dev-2026-12-04\",\"status\":\"STARTED\"}";
    Answer started = client.reconcile("acquaint-dev", "2026-12-04");
    assertThat(started.status()).isEqualTo(202);
    assertThat(started.body().path("status").asText()).isEqualTo("STARTED");

    status = 200;
    answer = "{}";
    client.reconciliations(Map.of("open", List.of("true")));
    client.reconciliation("42");
    client.resolveReconciliation("42", "re-keyed in the PMS");

    assertThat(received).containsExactly(
        new Received("POST", "/api/reconciliations", "application/json",
            "{\"connectionId\":\"acquaint-dev\",\"day\":\"2026-12-04\"}"),
        new Received("GET", "/api/reconciliations?open=true", "application/json", ""),
        new Received("GET", "/api/reconciliations/42", "application/json", ""),
        new Received("POST", "/api/reconciliations/42/resolve", "application/json",
            "{\"note\":\"re-keyed in the PMS\"}"));
  }

  @Test
  void theCsvIsAskedForByAcceptAndARefusalIsItsReason() throws Exception {
    answer = "outcome,postingId,recordId,expectedAmountMinor,ledgerAmountMinor,detail\r\nMISSING,p-1,9001,100,,gone\r\n";
    assertThat(client.reconciliationCsv("7")).isEqualTo(answer);
    assertThat(received.get(0).accept()).isEqualTo("text/csv");

    status = 404;
    answer = "{\"error\":\"not_found\",\"message\":\"no reconciliation 8\"}";
    assertThatThrownBy(() -> client.reconciliationCsv("8")).hasMessage("no reconciliation 8");
  }
}
