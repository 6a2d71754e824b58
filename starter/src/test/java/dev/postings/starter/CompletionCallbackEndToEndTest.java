package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Completion callbacks through the whole local stack to a real HTTP receiver: signed, retried after a 500, and never
 * changing the posting's outcome when the receiver is down.
 */
class CompletionCallbackEndToEndTest {

  /** The worker's local-profile secret (worker-local.yml); the receiver verifies with its own copy. */
  private static final byte[] SECRET = "local-callback-secret".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private record Received(String path, String signature, String body) {}

  private static LocalStack stack;
  private static HttpServer receiver;
  private static final List<Received> received = new CopyOnWriteArrayList<>();
  /** Per path: how many of the first calls answer 500. */
  private static final AtomicInteger failuresLeft = new AtomicInteger();

  @BeforeAll
  static void start() throws Exception {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/callbacks", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      received.add(new Received(exchange.getRequestURI().getPath(),
          exchange.getRequestHeaders().getFirst("Postings-Signature"), body));
      int status = exchange.getRequestURI().getPath().endsWith("/refuses") ? 400
          : failuresLeft.getAndUpdate(left -> Math.max(0, left - 1)) > 0 ? 500 : 204;
      exchange.sendResponseHeaders(status, -1);
      exchange.close();
    });
    receiver.start();
    // a short budget, so that giving up is seen within seconds; the receiver is on loopback, so starter and worker
    // both list it (by default no loopback, private or link-local host is ever called back)
    stack = new LocalStack(new String[] {"--postings.callback.retry.initial=500ms", "--postings.callback.retry.max=1s",
        "--postings.callback.budget=4s", "--postings.callbacks.allowed-hosts=127.0.0.1"},
        new String[] {"--postings.callbacks.allowed-hosts=127.0.0.1"}, "--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stop() {
    stack.close();
    receiver.stop(0);
  }

  private static ObjectNode request(String postingId, String residentId, String callbackUrl) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "PROPERTYWARE");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", "CB" + postingId.hashCode());
    body.put("description", "January rent");
    body.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", residentId).put("financialAccountId", "fa_1");
    if (callbackUrl != null) {
      body.put("callbackUrl", callbackUrl);
    }
    return body;
  }

  private static HttpResponse<String> post(ObjectNode body) throws Exception {
    return HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"), LocalStack.SERVICE_KEY)
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode status(String postingId) throws Exception {
    return JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId)).GET().build(),
        HttpResponse.BodyHandlers.ofString()).body());
  }

  private static List<Received> receivedOn(String path) {
    return received.stream().filter(call -> call.path().equals(path)).toList();
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }

  /** What a receiving service does: recompute the HMAC over "t.body" with its copy of the secret. */
  private static boolean signedCorrectly(Received call) throws Exception {
    String[] parts = call.signature().split(",");
    assertThat(parts[0]).startsWith("t=");
    assertThat(parts[1]).startsWith("v1=");
    long t = Long.parseLong(parts[0].substring(2));
    assertThat(Instant.ofEpochSecond(t)).isBetween(Instant.now().minusSeconds(120), Instant.now().plusSeconds(5));
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET, "HmacSHA256"));
    byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + call.body()).getBytes(StandardCharsets.UTF_8)))
        .getBytes(StandardCharsets.US_ASCII);
    return MessageDigest.isEqual(expected, parts[1].substring(3).getBytes(StandardCharsets.US_ASCII));
  }

  @Test
  void theEndIsPostedSignedAndRetriedAfterA500() throws Exception {
    String postingId = unique("pw-cb-");
    String path = "/callbacks/" + postingId;
    failuresLeft.set(1);
    assertThat(post(request(postingId, "res_1", "http://127.0.0.1:" + receiver.getAddress().getPort() + path
        + "?token=caller-secret")).statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).until(() -> receivedOn(path).size() >= 2);

    List<Received> calls = receivedOn(path);
    for (Received call : calls) {
      assertThat(signedCorrectly(call)).as(call.signature()).isTrue();
      JsonNode body = JSON.readTree(call.body());
      assertThat(body.path("postingId").asText()).isEqualTo(postingId);
      assertThat(body.path("state").asText()).isEqualTo("CONFIRMED");
      assertThat(body.path("recordId").asText()).startsWith("rp_");
      assertThat(body.has("lastError")).isTrue();
      assertThat(body.path("finishedAt").asText()).matches("\\d{4}-.*Z");
    }
    assertThat(calls.get(0).body()).isEqualTo(calls.get(1).body());
    // a forged or altered body does not verify
    assertThat(signedCorrectly(new Received(path, calls.get(0).signature(),
        calls.get(0).body().replace("CONFIRMED", "REJECTED")))).isFalse();
    await().atMost(Duration.ofSeconds(10)).until(() -> status(postingId).path("timeline").findValuesAsText("detail")
        .contains("completion callback delivered to 127.0.0.1"));
    JsonNode timeline = JSON.readTree(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId
        + "/timeline")).GET().build(), HttpResponse.BodyHandlers.ofString()).body());
    assertThat(timeline.path("steps").findValuesAsText("text")).anyMatch(text -> text.matches(
        "activity DeliverCompletionCallback attempt 2 started; attempts 1-1 failed and were retried by Temporal.*"));
    // the caller's token in the URL never reaches the timeline
    assertThat(timeline.toString()).doesNotContain("caller-secret");
  }

  @Test
  void aReceiverThatIsDownChangesNothingAndTheTimelineSaysItGaveUp() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    String postingId = unique("pw-cb-down-");
    assertThat(post(request(postingId, "res_refused", "http://127.0.0.1:" + closedPort + "/callbacks/x"))
        .statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300)).until(() ->
        status(postingId).path("timeline").findValuesAsText("detail").stream()
            .anyMatch(detail -> detail.startsWith("completion callback to 127.0.0.1 not delivered")));

    JsonNode status = status(postingId);
    assertThat(status.path("state").asText()).isEqualTo("REJECTED");
    assertThat(status.path("lastError").asText()).contains("ResidentNotActive");
    // how many tries, never what answered (or did not): no exception, no status, no address but the host
    assertThat(status.path("timeline").findValuesAsText("detail"))
        .anyMatch(detail -> detail.matches("completion callback to 127\\.0\\.0\\.1 not delivered after [2-9] tries;"
            + " the posting's outcome stands"))
        .noneMatch(detail -> detail.contains("Connect") || detail.contains("unreachable")
            || detail.contains(Integer.toString(closedPort)));
  }

  @Test
  void aReceiverThatRefusesIsNotAskedAgain() throws Exception {
    String postingId = unique("pw-cb-400-");
    String path = "/callbacks/" + postingId + "/refuses";
    assertThat(post(request(postingId, "res_1", "http://127.0.0.1:" + receiver.getAddress().getPort() + path))
        .statusCode()).isEqualTo(202);

    await().atMost(Duration.ofSeconds(60)).until(() -> status(postingId).path("timeline").findValuesAsText("detail")
        .contains("completion callback to 127.0.0.1 not delivered after 1 try; the posting's outcome stands"));

    assertThat(receivedOn(path)).hasSize(1);
    assertThat(status(postingId).path("state").asText()).isEqualTo("CONFIRMED");
    assertThat(status(postingId).path("timeline").findValuesAsText("detail"))
        .noneMatch(detail -> detail.contains("HTTP") || detail.contains(" 400"));
  }

  /**
   * Any other spelling of an internal address is refused at start (400 naming callbackUrl, nothing starts), even
   * with 127.0.0.1 allowed: no name here is looked up in DNS and nothing is connected to.
   */
  @Test
  void callbackUrlsToInternalHostsAreRefusedAtStart() throws Exception {
    int sandboxPort = stack.sandboxUrl.getPort();
    for (String url : List.of("http://localhost:" + sandboxPort + "/sandbox/faults",
        "http://localhost.:" + sandboxPort + "/sandbox/faults", "http://LOCALHOST:" + sandboxPort + "/x",
        "http://127.1:" + sandboxPort + "/sandbox/faults", "http://127.0.0.2:" + sandboxPort + "/x",
        "http://2130706433:" + sandboxPort + "/x", "http://0x7f000001/x", "http://0177.0.0.1/x",
        "http://[::1]:" + sandboxPort + "/x", "http://[::ffff:127.0.0.1]:" + sandboxPort + "/x",
        "http://[0:0:0:0:0:ffff:7f00:1]/x", "http://169.254.169.254/latest/meta-data/", "http://0xa9fea9fe/",
        "http://10.0.0.1/x", "http://172.16.0.1/x", "http://192.168.1.1/x", "http://100.64.0.1/x",
        "http://[fd00::1]/x", "http://[fe80::1]/x", "http://0.0.0.0:" + sandboxPort + "/x", "http://[::]/x",
        "http://224.0.0.1/x", "http://api.localhost/x")) {
      String postingId = unique("pw-cb-in-");
      HttpResponse<String> answer = post(request(postingId, "res_1", url));
      assertThat(answer.statusCode()).as(url).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).path("errors").findValuesAsText("field")).as(url)
          .containsExactly("callbackUrl");
      assertThat(HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings/" + postingId)).GET().build(),
          HttpResponse.BodyHandlers.discarding()).statusCode()).as(url).isEqualTo(404);
    }
  }

  @Test
  void aCallbackUrlMustBeHttpOrHttps() throws Exception {
    for (String url : List.of("ftp://example.com/x", "not a url", "/relative", "http://user:pw@example.com/x")) {
      HttpResponse<String> answer = post(request(unique("pw-cb-bad-"), "res_1", url));
      assertThat(answer.statusCode()).as(url).isEqualTo(400);
      assertThat(JSON.readTree(answer.body()).path("errors").findValuesAsText("field")).containsExactly("callbackUrl");
    }
  }
}
