package dev.postings.client;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
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
import java.util.List;
import java.util.Map;

/**
 * The postings API over HTTP: one request per call, the key in {@code X-Api-Key}, JSON both ways. The typed calls take
 * and give records ({@link NewPosting}, {@link PostingView}, the action bodies); every call answers an {@link Answer}
 * whatever the status, so a caller decides what a 409 or a 400 means to it. A call that gets no answer at all throws
 * {@link Unreachable}.
 */
public final class PostingsClient {

  /** Absent fields are left out of requests; fields this client does not know are ignored in answers. */
  public static final ObjectMapper JSON = new ObjectMapper()
      .setSerializationInclusion(JsonInclude.Include.NON_NULL)
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  /** The API could not be reached at all (connection refused, timeout, DNS). */
  public static final class Unreachable extends Exception {
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

  /**
   * @param base the API's address, e.g. {@code http://127.0.0.1:8080}
   * @param apiKey sent as {@code X-Api-Key}; null sends none (the API then answers 401)
   * @param timeout for connecting and for each answer
   */
  public PostingsClient(URI base, String apiKey, Duration timeout) {
    this.base = base;
    this.apiKey = apiKey;
    this.timeout = timeout;
    this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
  }

  public URI base() {
    return base;
  }

  // --- postings

  /** {@code POST /api/postings}: 202 started, 200 the same request again, 409 the id with another request, 400. */
  public Answer start(NewPosting posting) throws Unreachable {
    return post("/api/postings", JSON.valueToTree(posting));
  }

  /** {@code POST /api/postings} with a body as given, for callers that send what a record cannot (bad requests). */
  public Answer start(JsonNode body) throws Unreachable {
    return post("/api/postings", body);
  }

  /** {@code GET /api/postings/{id}}: the posting's status and timeline ({@link PostingView}), or 404. */
  public Answer posting(String postingId) throws Unreachable {
    return get("/api/postings/" + segment(postingId), Map.of());
  }

  /** {@code GET /api/postings?...}: a page of postings and counts by state. */
  public Answer postings(Map<String, List<String>> query) throws Unreachable {
    return get("/api/postings", query);
  }

  /** {@code GET /api/postings/{id}/timeline}: the posting's timeline with its history. */
  public Answer timeline(String postingId) throws Unreachable {
    return get("/api/postings/" + segment(postingId) + "/timeline", Map.of());
  }

  // --- an operator's actions on one posting (each answers the posting's status)

  public Answer resolve(String postingId, Actions.Resolution resolution) throws Unreachable {
    return action(postingId, "resolve", resolution);
  }

  public Answer approve(String postingId, Actions.Approval approval) throws Unreachable {
    return action(postingId, "approve", approval);
  }

  public Answer reject(String postingId, Actions.Reason reason) throws Unreachable {
    return action(postingId, "reject", reason);
  }

  public Answer retry(String postingId) throws Unreachable {
    return action(postingId, "retry", new Actions.Nothing());
  }

  public Answer cancel(String postingId, Actions.Reason reason) throws Unreachable {
    return action(postingId, "cancel", reason);
  }

  public Answer reverse(String postingId, Actions.Reason reason) throws Unreachable {
    return action(postingId, "reverse", reason);
  }

  /** The operator saw the PMC reject a ResMan payment in ResMan's Partner Transactions tab. */
  public Answer rejectedByPmc(String postingId, Actions.PmcRejection rejection) throws Unreachable {
    return action(postingId, "rejected-by-pmc", rejection);
  }

  // --- reversals to do by hand

  public Answer reversals(Map<String, List<String>> query) throws Unreachable {
    return get("/api/reversals", query);
  }

  public Answer reversalDone(String postingId, Actions.Note note) throws Unreachable {
    return post("/api/reversals/" + segment(postingId) + "/done", JSON.valueToTree(note));
  }

  // --- batches (docs/batches.md)

  /**
   * Sends a batch file as it is on disk (streamed, never read whole here): CSV when its name ends in {@code .csv},
   * JSON Lines otherwise.
   *
   * @param invalidRows {@code REFUSE} or {@code LEAVE_OUT}; null: the API's default (REFUSE)
   */
  public Answer submitBatch(String batchId, java.nio.file.Path file, String invalidRows) throws Unreachable {
    return submitBatch(batchId, file, invalidRows, null);
  }

  /**
   * @param connectionId the connection the batch is for (rows naming none are posted on it, rows naming another are
   *     invalid); null: every row names its own
   */
  public Answer submitBatch(String batchId, java.nio.file.Path file, String invalidRows, String connectionId)
      throws Unreachable {
    String type = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".csv") ? "text/csv"
        : "application/x-ndjson";
    Map<String, List<String>> query = new java.util.LinkedHashMap<>();
    if (invalidRows != null) {
      query.put("invalidRows", List.of(invalidRows));
    }
    if (connectionId != null) {
      query.put("connectionId", List.of(connectionId));
    }
    try {
      return send(HttpRequest.newBuilder(uri("/api/batches/" + segment(batchId), query))
          .header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofFile(file)));
    } catch (java.io.FileNotFoundException missing) {
      throw new java.io.UncheckedIOException(missing);
    }
  }

  public Answer batch(String batchId) throws Unreachable {
    return get("/api/batches/" + segment(batchId), Map.of());
  }

  /** The batches, newest first (a service's own, or every service's for an operator). */
  public Answer batches(Map<String, List<String>> query) throws Unreachable {
    return get("/api/batches", query);
  }

  /** Every row's outcome, as the CSV the API answers (or the API's refusal, when not a 200). */
  public String batchResults(String batchId) throws Unreachable {
    HttpRequest built = authorized(HttpRequest.newBuilder(uri("/api/batches/" + segment(batchId) + "/results",
        Map.of())).timeout(timeout).header("Accept", "text/csv").GET()).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(new Answer(response.statusCode(), parse(response.body())).reason());
      }
      return response.body();
    } catch (IOException e) {
      throw new Unreachable(built.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(built.uri(), e);
    }
  }

  // --- provider connections (operators read and check; admins add, rotate and disable)

  public Answer connections() throws Unreachable {
    return get("/api/connections", Map.of());
  }

  public Answer connection(String connectionId) throws Unreachable {
    return get("/api/connections/" + segment(connectionId), Map.of());
  }

  /** Creates a connection; its credentials are sent once and never answered (only their last 4 characters). */
  public Answer addConnection(NewConnection connection) throws Unreachable {
    return post("/api/connections", JSON.valueToTree(connection));
  }

  public Answer rotateConnection(String connectionId, Map<String, String> credentials) throws Unreachable {
    return post("/api/connections/" + segment(connectionId) + "/rotate",
        JSON.valueToTree(Map.of("credentials", credentials)));
  }

  public Answer disableConnection(String connectionId) throws Unreachable {
    return post("/api/connections/" + segment(connectionId) + "/disable", JSON.createObjectNode());
  }

  /** One cheap authenticated call to the provider with the connection's credentials: ok, refused or unavailable. */
  public Answer checkConnection(String connectionId) throws Unreachable {
    return post("/api/connections/" + segment(connectionId) + "/check", JSON.createObjectNode());
  }

  // --- reconciliations (docs/reconciliation.md): a connection's ledger for a day against the registry

  /** Starts the reconciliation of a connection's day, or joins the run already going: 202 either way. */
  public Answer reconcile(String connectionId, String day) throws Unreachable {
    return post("/api/reconciliations", JSON.valueToTree(new ReconciliationStart(connectionId, day)));
  }

  /** Reports, newest first: {@code connection}, {@code day}, {@code open=true}, {@code limit}. */
  public Answer reconciliations(Map<String, List<String>> query) throws Unreachable {
    return get("/api/reconciliations", query);
  }

  /** One report with its items. */
  public Answer reconciliation(String reconciliationId) throws Unreachable {
    return get("/api/reconciliations/" + segment(reconciliationId), Map.of());
  }

  /** One report's items as the CSV the API answers to {@code Accept: text/csv} (or its refusal, when not a 200). */
  public String reconciliationCsv(String reconciliationId) throws Unreachable {
    HttpRequest built = authorized(HttpRequest.newBuilder(uri("/api/reconciliations/" + segment(reconciliationId),
        Map.of())).timeout(timeout).header("Accept", "text/csv").GET()).build();
    try {
      HttpResponse<String> response = http.send(built, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(new Answer(response.statusCode(), parse(response.body())).reason());
      }
      return response.body();
    } catch (IOException e) {
      throw new Unreachable(built.uri(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable(built.uri(), e);
    }
  }

  /** Closes a report's operator task with what was done: 200, or 409 when it has none open. */
  public Answer resolveReconciliation(String reconciliationId, String note) throws Unreachable {
    return post("/api/reconciliations/" + segment(reconciliationId) + "/resolve",
        JSON.valueToTree(new Actions.Note(note)));
  }

  /** The body of a reconciliation's start: the connection and the transaction day, yyyy-mm-dd. */
  public record ReconciliationStart(String connectionId, String day) {}

  // --- the exchange

  private Answer action(String postingId, String action, Object body) throws Unreachable {
    return post("/api/postings/" + segment(postingId) + "/" + action, JSON.valueToTree(body));
  }

  /** {@code GET path?query}: the raw call the typed ones use. */
  public Answer get(String path, Map<String, List<String>> query) throws Unreachable {
    return send(HttpRequest.newBuilder(uri(path, query)).GET());
  }

  /** {@code POST path} with a JSON body: the raw call the typed ones use. */
  public Answer post(String path, JsonNode body) throws Unreachable {
    return send(HttpRequest.newBuilder(uri(path, Map.of()))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
  }

  /** A path segment or query value, percent-encoded (a posting id may hold any character the API accepts). */
  public static String segment(String value) {
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

  private HttpRequest.Builder authorized(HttpRequest.Builder request) {
    return apiKey == null ? request : request.header("X-Api-Key", apiKey);
  }

  private Answer send(HttpRequest.Builder request) throws Unreachable {
    HttpRequest built = authorized(request.timeout(timeout).header("Accept", "application/json")).build();
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
