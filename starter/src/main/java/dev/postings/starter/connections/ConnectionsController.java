package dev.postings.starter.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.connections.ApprovalSettings;
import dev.postings.connections.Connection;
import dev.postings.connections.ConnectionCredentials;
import dev.postings.connections.ConnectionExists;
import dev.postings.connections.ConnectionInvalid;
import dev.postings.connections.ConnectionNotFound;
import dev.postings.connections.ConnectionStore;
import dev.postings.connections.NewConnection;
import dev.postings.connections.RateLimit;
import dev.postings.model.ProviderApi;
import dev.postings.starter.errors.ErrorResponse;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /api/connections}: the customer accounts postings are made with (docs/api.md#connections). Admins create,
 * rotate and disable; operators and admins read and check (FrontDoorSecurity). Credentials are write-only: no answer
 * carries one, only the last 4 characters of its secret. Bad input is a 400 naming the field.
 */
@RestController
@RequestMapping("/api/connections")
public class ConnectionsController {

  private static final Set<String> CREATE_FIELDS = Set.of("connectionId", "api", "name", "baseUrl", "credentials",
      "rateLimit", "approval");
  private static final Set<String> ROTATE_FIELDS = Set.of("credentials");

  private final ObjectProvider<ConnectionStore> store;
  private final ConnectionCheck check;
  private final ObjectMapper json;

  public ConnectionsController(ObjectProvider<ConnectionStore> store, ConnectionCheck check, ObjectMapper json) {
    this.store = store;
    this.check = check;
    this.json = json;
  }

  @GetMapping
  public Map<String, List<Connection>> list() {
    return Map.of("connections", store().list());
  }

  @GetMapping("/{connectionId}")
  public Connection read(@PathVariable String connectionId) {
    return store().find(connectionId).orElseThrow(() -> new ConnectionNotFound(connectionId));
  }

  @PostMapping
  public ResponseEntity<Connection> create(@RequestBody(required = false) String body) {
    JsonNode root = object(body, CREATE_FIELDS);
    ProviderApi api = api(root.get("api"));
    NewConnection connection = new NewConnection(text(root, "connectionId"), api, text(root, "name"),
        text(root, "baseUrl"), credentials(root.get("credentials")), rateLimit(root.get("rateLimit")),
        approval(root.get("approval")));
    return ResponseEntity.status(HttpStatus.CREATED).body(store().create(connection));
  }

  @PostMapping("/{connectionId}/rotate")
  public Connection rotate(@PathVariable String connectionId, @RequestBody(required = false) String body) {
    JsonNode root = object(body, ROTATE_FIELDS);
    return store().rotate(connectionId, credentials(root.get("credentials")));
  }

  @PostMapping("/{connectionId}/disable")
  public Connection disable(@PathVariable String connectionId) {
    return store().disable(connectionId);
  }

  /** One cheap authenticated call to the provider with the connection's credentials: ok, refused or unavailable. */
  @PostMapping("/{connectionId}/check")
  public ConnectionCheck.Result check(@PathVariable String connectionId) {
    return check.check(store().open(connectionId).orElseThrow(() -> new ConnectionNotFound(connectionId)));
  }

  // ------------------------------------------------------------------------------------------------ answers

  @ExceptionHandler(ConnectionInvalid.class)
  ResponseEntity<ErrorResponse> invalid(ConnectionInvalid invalid) {
    return ResponseEntity.badRequest().body(ErrorResponse.of(invalid.field(), invalid.reason()));
  }

  @ExceptionHandler(ConnectionNotFound.class)
  ResponseEntity<ErrorResponse> notFound(ConnectionNotFound notFound) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ErrorResponse.withoutFields("not_found", notFound.getMessage()));
  }

  @ExceptionHandler(ConnectionExists.class)
  ResponseEntity<ErrorResponse> exists(ConnectionExists exists) {
    return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.of("connectionId", "is taken: "
        + "connections are created once, then rotated or disabled"));
  }

  @ExceptionHandler(NoRegistry.class)
  ResponseEntity<ErrorResponse> noRegistry(NoRegistry none) {
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
        .body(ErrorResponse.withoutFields("unavailable", none.getMessage()));
  }

  static final class NoRegistry extends RuntimeException {
    NoRegistry() {
      super("this service has no registry database: connections cannot be managed");
    }
  }

  // ------------------------------------------------------------------------------------------------ reading

  private ConnectionStore store() {
    ConnectionStore connections = store.getIfAvailable();
    if (connections == null) {
      throw new NoRegistry();
    }
    return connections;
  }

  private JsonNode object(String body, Set<String> fields) {
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (JsonProcessingException malformed) {
      // Jackson's message is not passed on: it quotes the text around the fault, which may be a credential
      throw new ConnectionInvalid("body", "is not valid JSON");
    }
    if (root == null || !root.isObject()) {
      throw new ConnectionInvalid("body", "must be a JSON object");
    }
    for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!fields.contains(name)) {
        throw new ConnectionInvalid(name.length() > 64 ? "body" : name, "is not a field of this request");
      }
    }
    return root;
  }

  private static String text(JsonNode root, String field) {
    JsonNode value = root.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new ConnectionInvalid(field, "must be a string");
    }
    return value.asText();
  }

  private static ProviderApi api(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return ProviderApi.valueOf(value.asText());
    } catch (IllegalArgumentException unknown) {
      throw new ConnectionInvalid("api", "must be one of PROPEXO, ACQUAINT, STOREDGE");
    }
  }

  private static ConnectionCredentials credentials(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new ConnectionInvalid("credentials", "must be an object");
    }
    Map<String, String> values = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> fields = value.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      String name = field.getKey().length() > 64 ? "?" : field.getKey();
      if (!field.getValue().isTextual()) {
        throw new ConnectionInvalid("credentials." + name, "must be a string");
      }
      values.put(field.getKey(), field.getValue().asText());
    }
    return new ConnectionCredentials(values);
  }

  private static RateLimit rateLimit(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    JsonNode perMinute = value.get("requestsPerMinute");
    if (!value.isObject() || value.size() != 1 || perMinute == null || !perMinute.canConvertToInt()
        || !perMinute.isIntegralNumber()) {
      throw new ConnectionInvalid("rateLimit.requestsPerMinute", "is required: a whole number from 1 to "
          + RateLimit.MAX);
    }
    return new RateLimit(perMinute.asInt());
  }

  private static ApprovalSettings approval(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isObject()) {
      throw new ConnectionInvalid("approval", "must be an object");
    }
    for (Iterator<String> names = value.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!Set.of("approvalReminder", "approvalDeadline", "syncInterval").contains(name)) {
        throw new ConnectionInvalid(name.length() > 64 ? "approval" : "approval." + name, "is not a field of"
            + " approval");
      }
    }
    return new ApprovalSettings(duration(value, "approvalReminder"), duration(value, "approvalDeadline"),
        duration(value, "syncInterval"));
  }

  private static Duration duration(JsonNode approval, String field) {
    JsonNode value = approval.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    try {
      return Duration.parse(value.asText());
    } catch (DateTimeParseException notADuration) {
      throw new ConnectionInvalid("approval." + field, "must be an ISO-8601 duration (PT12H, P3D)");
    }
  }
}
