package dev.postings.tools.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The demo's own completion-callback receiver, on loopback: what a service that starts postings runs. It verifies each
 * callback's {@code Postings-Signature} with the local worker's published secret and keeps the verified bodies. The
 * local stack calls back no loopback host unless it is listed, so {@code ./postings demo} lists 127.0.0.1 in
 * {@code postings.callbacks.allowed-hosts} for this run.
 */
final class DemoCallbackReceiver implements AutoCloseable {

  /** The local profile's callback secret (worker-local.yml): published, for local use only. */
  private static final byte[] LOCAL_SECRET = "local-callback-secret".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final HttpServer server;
  private final List<JsonNode> verified = new CopyOnWriteArrayList<>();
  private final List<String> refused = new CopyOnWriteArrayList<>();

  DemoCallbackReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/callbacks", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean good = signedCorrectly(exchange.getRequestHeaders().getFirst("Postings-Signature"), body);
      if (good) {
        verified.add(JSON.readTree(body));
      } else {
        refused.add(exchange.getRequestURI().getPath());
      }
      exchange.sendResponseHeaders(good ? 204 : 401, -1);
      exchange.close();
    });
    server.start();
  }

  URI url(String postingId) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/callbacks/" + postingId);
  }

  /** The verified callback for this posting, or null. */
  JsonNode callbackFor(String postingId) {
    return verified.stream().filter(body -> postingId.equals(body.path("postingId").asText())).findFirst()
        .orElse(null);
  }

  List<String> refused() {
    return refused;
  }

  /** {@code t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">}, compared in constant time. */
  private static boolean signedCorrectly(String header, String body) {
    if (header == null || !header.matches("t=\\d+,v1=[0-9a-f]{64}")) {
      return false;
    }
    String t = header.substring(2, header.indexOf(','));
    String v1 = header.substring(header.indexOf("v1=") + 3);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(LOCAL_SECRET, "HmacSHA256"));
      byte[] expected = HexFormat.of().formatHex(mac.doFinal((t + "." + body).getBytes(StandardCharsets.UTF_8)))
          .getBytes(StandardCharsets.US_ASCII);
      return MessageDigest.isEqual(expected, v1.getBytes(StandardCharsets.US_ASCII));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
