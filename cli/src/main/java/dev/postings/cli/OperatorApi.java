package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The starter's operator API over HTTP: one request per call, the key in {@code X-Api-Key}. */
final class OperatorApi {

  static final ObjectMapper JSON = new ObjectMapper();

  /** An HTTP answer: its status and its JSON body (missing when the body was empty or not JSON). */
  record Answer(int status, JsonNode body) {

    boolean ok() {
      return status >= 200 && status < 300;
    }

    /** The API's reason, from {@code {"error","message"}} or {@code {"errors":[{"field","message"}]}}. */
    String reason() {
      if (body.hasNonNull("message")) {
        return body.get("message").asText();
      }
      List<String> reasons = new ArrayList<>();
      for (JsonNode error : body.path("errors")) {
        String field = error.path("field").asText("");
        reasons.add((field.isEmpty() ? "" : field + ": ") + error.path("message").asText());
      }
      if (!reasons.isEmpty()) {
        return String.join("; ", reasons);
      }
      return body.hasNonNull("error") ? body.get("error").asText() : "HTTP " + status;
    }
  }

  /** The API could not be reached at all (connection refused, timeout, DNS). */
  static final class Unreachable extends Exception {
    Unreachable(URI uri, Exception cause) {
      super("cannot reach the postings API at " + uri + " (" + describe(cause) + ")", cause);
    }

    private static String describe(Exception cause) {
      String message = cause.getMessage();
      return cause.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
  }

  private final HttpClient http;
  private final URI base;
  private final String apiKey;
  private final Duration timeout;

  OperatorApi(URI base, String apiKey, Duration timeout) {
    this.base = base;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  URI base() {
    return base;
  }

  Answer get(String path, Map<String, List<String>> query) throws Unreachable {
    return send(HttpRequest.newBuilder(uri(path, query)).GET());
  }

  Answer post(String path, JsonNode body) throws Unreachable {
    return send(HttpRequest.newBuilder(uri(path, Map.of()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private URI uri(String path, Map<String, List<String>> query) {
    StringBuilder target = new StringBuilder(base.toString().replaceAll("/+$", "")).append(path);
    char separator = '?';
    for (Map.Entry<String, List<String>> parameter : query.entrySet()) {
      for (String value : parameter.getValue()) {
        target.append(separator).append(segment(parameter.getKey())).append('=').append(segment(value));
        separator = '&';
      }
    }
    return URI.create(target.toString());
  }

  private Answer send(HttpRequest.Builder request) throws Unreachable {
    HttpRequest built = request.timeout(timeout)
        .header("Accept", "application/json")
        .header("X-Api-Key", apiKey)
        .build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      return new Answer(response.statusCode(), parse(response.body()));
    } catch (IOException e) {
      throw new Unreachable(built.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(built.uri(), e);
    }
  }

  private static JsonNode parse(String body) {
    if (body == null || body.isBlank()) {
      return MissingNode.getInstance();
    }
    try {
      return JSON.readTree(body);
    } catch (IOException notJson) {
      return MissingNode.getInstance();
    }
  }
}
