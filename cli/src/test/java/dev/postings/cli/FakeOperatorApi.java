package dev.postings.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/** The starter's operator API as the CLI sees it: canned answers per method and path, every request recorded. */
final class FakeOperatorApi implements AutoCloseable {

  record Received(String method, String path, String query, String apiKey, String body) {}

  private record Canned(int status, String body) {}

  private final HttpServer server;
  private final Map<String, Canned> answers = new ConcurrentHashMap<>();
  private final Map<String, java.util.Queue<Canned>> inTurn = new ConcurrentHashMap<>();
  final List<Received> received = new CopyOnWriteArrayList<>();

  FakeOperatorApi() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      URI uri = exchange.getRequestURI();
      received.add(new Received(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
          exchange.getRequestHeaders().getFirst("X-Api-Key"), body));
      String route = exchange.getRequestMethod() + " " + uri.getRawPath();
      java.util.Queue<Canned> turns = inTurn.get(route);
      Canned next = turns == null ? null : turns.poll();
      Canned canned = next != null ? next : answers.getOrDefault(route,
          new Canned(404, "{\"error\":\"not_found\",\"message\":\"no such path in the fake\"}"));
      byte[] bytes = canned.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(canned.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    });
    server.start();
  }

  FakeOperatorApi answer(String method, String path, int status, String body) {
    answers.put(method + " " + path, new Canned(status, body));
    return this;
  }

  /** Answers these first, one per request, then the {@link #answer canned} one. */
  FakeOperatorApi answerInTurn(String method, String path, int status, String... bodies) {
    java.util.Queue<Canned> turns = new java.util.concurrent.ConcurrentLinkedQueue<>();
    for (String body : bodies) {
      turns.add(new Canned(status, body));
    }
    inTurn.put(method + " " + path, turns);
    return this;
  }

  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  Received last() {
    return received.get(received.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
