package dev.postings.connections;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.model.ProviderApi;
import dev.postings.registry.RegistrySettings;
import dev.postings.registry.RegistryUnavailable;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * The provider connections: one customer account at one provider API each (docs/decisions/0023-connections.md).
 * Create, read, list, rotate the credentials, disable. Credentials are sealed with the payload key ring
 * ({@link CredentialSeal}) and only {@link #open} returns them, for the worker's adapters. Every change bumps the row's
 * {@code version}, which the workers' caches compare ({@link #version}), so a rotation or a disabling takes effect on
 * their next call. Plain JDBC, one statement per method, safe from any number of threads.
 */
public final class ConnectionStore {

  /** The caller's slug: it appears in URLs, metric tags and workflow inputs. */
  public static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  private static final int MAX_NAME = 200;
  private static final String COLUMNS = "connection_id, provider_api, name, base_url, last4, rate_limit::text,"
      + " approval::text, status, created_at, rotated_at, disabled_at, updated_at, version";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DataSource dataSource;
  private final CredentialSeal seal;
  private final BaseUrlRules baseUrls;
  private final Clock clock;

  public ConnectionStore(DataSource dataSource, RegistrySettings settings, BaseUrlRules baseUrls, Clock clock) {
    this.dataSource = dataSource;
    this.seal = new CredentialSeal(settings);
    this.baseUrls = baseUrls;
    this.clock = clock;
  }

  /**
   * Creates a connection.
   *
   * @throws ConnectionInvalid naming the field at fault
   * @throws ConnectionExists when the id is taken (whatever its status: an id is never reused)
   */
  public Connection create(NewConnection connection) {
    String id = checkId(connection.connectionId());
    if (connection.api() == null) {
      throw new ConnectionInvalid("api", "is required (one of PROPEXO, ACQUAINT, STOREDGE)");
    }
    if (connection.name() == null || connection.name().isBlank() || connection.name().length() > MAX_NAME
        || connection.name().chars().anyMatch(Character::isISOControl)) {
      throw new ConnectionInvalid("name", "is required: 1-" + MAX_NAME + " characters, no control characters");
    }
    String baseUrl = baseUrls.check(connection.baseUrl());
    if (connection.credentials() == null) {
      throw new ConnectionInvalid("credentials", "are required");
    }
    ConnectionCredentials credentials = connection.credentials().checkedFor(connection.api());
    if (connection.approval() != null && connection.api() != ProviderApi.PROPEXO) {
      throw new ConnectionInvalid("approval", "is for PROPEXO connections only (ResMan's approval wait)");
    }
    CredentialSeal.Sealed sealed = seal.seal(id, encode(credentials));
    Instant now = now();
    String sql = "INSERT INTO connections (connection_id, provider_api, name, base_url, credentials_sealed, key_id,"
        + " last4, rate_limit, approval, status, created_at, updated_at, version)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, 'ACTIVE', ?, ?, 1)"
        + " ON CONFLICT (connection_id) DO NOTHING RETURNING " + COLUMNS;
    try (var db = dataSource.getConnection(); PreparedStatement insert = db.prepareStatement(sql)) {
      insert.setString(1, id);
      insert.setString(2, connection.api().name());
      insert.setString(3, connection.name().strip());
      insert.setString(4, baseUrl);
      insert.setBytes(5, sealed.bytes());
      insert.setString(6, sealed.keyId());
      insert.setString(7, credentials.last4(connection.api()));
      setJson(insert, 8, rateLimitJson(connection.rateLimit()));
      setJson(insert, 9, approvalJson(connection.approval()));
      insert.setTimestamp(10, Timestamp.from(now));
      insert.setTimestamp(11, Timestamp.from(now));
      try (ResultSet row = insert.executeQuery()) {
        if (!row.next()) {
          throw new ConnectionExists(id);
        }
        return read(row);
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot create connection " + id, e);
    }
  }

  /** Creates the connection unless one with its id exists (the local stack's seeding): whether it was created. */
  public boolean createIfAbsent(NewConnection connection) {
    try {
      create(connection);
      return true;
    } catch (ConnectionExists exists) {
      return false;
    }
  }

  public Optional<Connection> find(String connectionId) {
    if (connectionId == null || !ID.matcher(connectionId).matches()) {
      return Optional.empty();
    }
    return queryOne("SELECT " + COLUMNS + " FROM connections WHERE connection_id = ?", connectionId,
        "cannot read connection " + connectionId);
  }

  /** Every connection, by id (hundreds at most: one per customer account). */
  public List<Connection> list() {
    List<Connection> all = new ArrayList<>();
    try (var db = dataSource.getConnection();
        PreparedStatement select = db.prepareStatement("SELECT " + COLUMNS + " FROM connections ORDER BY connection_id");
        ResultSet rows = select.executeQuery()) {
      while (rows.next()) {
        all.add(read(rows));
      }
      return all;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot list connections", e);
    }
  }

  /**
   * Replaces the credentials (same fields as at creation), sealed with the current key; the version moves, so every
   * worker uses the new ones from its next call. A disabled connection may be rotated (and stays disabled).
   *
   * @throws ConnectionNotFound when there is no such connection
   */
  public Connection rotate(String connectionId, ConnectionCredentials credentials) {
    Connection current = find(connectionId).orElseThrow(() -> new ConnectionNotFound(connectionId));
    if (credentials == null) {
      throw new ConnectionInvalid("credentials", "are required");
    }
    ConnectionCredentials checked = credentials.checkedFor(current.api());
    CredentialSeal.Sealed sealed = seal.seal(connectionId, encode(checked));
    Instant now = now();
    return update("UPDATE connections SET credentials_sealed = ?, key_id = ?, last4 = ?, rotated_at = ?,"
        + " updated_at = ?, version = version + 1 WHERE connection_id = ? RETURNING " + COLUMNS, connectionId,
        statement -> {
          statement.setBytes(1, sealed.bytes());
          statement.setString(2, sealed.keyId());
          statement.setString(3, checked.last4(current.api()));
          statement.setTimestamp(4, Timestamp.from(now));
          statement.setTimestamp(5, Timestamp.from(now));
          statement.setString(6, connectionId);
        });
  }

  /**
   * Disables the connection: postings that name it are refused at the API, and running ones park at their next call.
   * Disabling a disabled connection changes nothing.
   */
  public Connection disable(String connectionId) {
    Instant now = now();
    return update("UPDATE connections SET status = 'DISABLED', disabled_at = COALESCE(disabled_at, ?),"
        + " updated_at = CASE WHEN status = 'DISABLED' THEN updated_at ELSE ? END,"
        + " version = CASE WHEN status = 'DISABLED' THEN version ELSE version + 1 END"
        + " WHERE connection_id = ? RETURNING " + COLUMNS, connectionId, statement -> {
          statement.setTimestamp(1, Timestamp.from(now));
          statement.setTimestamp(2, Timestamp.from(now));
          statement.setString(3, connectionId);
        });
  }

  /**
   * Points a connection at another base URL (the local stack's seeds follow the sandbox's port from one run to the
   * next): a new version, so the workers' caches take it at their next call. Nothing changes when it is the same.
   *
   * @return whether it moved
   */
  public boolean moveBaseUrl(String connectionId, String baseUrl) {
    String checked = baseUrls.check(baseUrl);
    try (var db = dataSource.getConnection();
        PreparedStatement update = db.prepareStatement("UPDATE connections SET base_url = ?, updated_at = ?,"
            + " version = version + 1 WHERE connection_id = ? AND base_url <> ?")) {
      update.setString(1, checked);
      update.setTimestamp(2, Timestamp.from(now()));
      update.setString(3, connectionId);
      update.setString(4, checked);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot move connection " + connectionId, e);
    }
  }

  /** The version of the connection, or empty when there is none: one primary-key read, for the workers' caches. */
  public Optional<Long> version(String connectionId) {
    try (var db = dataSource.getConnection();
        PreparedStatement select = db.prepareStatement("SELECT version FROM connections WHERE connection_id = ?")) {
      select.setString(1, connectionId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot read the version of connection " + connectionId, e);
    }
  }

  /** The connection with its credentials opened: for the worker's adapters only. */
  public Optional<OpenedConnection> open(String connectionId) {
    if (connectionId == null || !ID.matcher(connectionId).matches()) {
      return Optional.empty();
    }
    try (var db = dataSource.getConnection();
        PreparedStatement select = db.prepareStatement("SELECT " + COLUMNS + ", credentials_sealed, key_id"
            + " FROM connections WHERE connection_id = ?")) {
      select.setString(1, connectionId);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        Connection connection = read(row);
        byte[] plain = seal.open(connectionId, row.getString("key_id"), row.getBytes("credentials_sealed"));
        ConnectionCredentials credentials = decode(plain);
        return Optional.of(new OpenedConnection(connection, credentials,
            seal.budgetOf(connection.api().name() + "\n" + credentials.identity(connection.api()))));
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot open connection " + connectionId, e);
    }
  }

  // ---------------------------------------------------------------------------------------------------- helpers

  static String checkId(String connectionId) {
    if (connectionId == null || connectionId.isBlank()) {
      throw new ConnectionInvalid("connectionId", "is required");
    }
    if (!ID.matcher(connectionId).matches()) {
      throw new ConnectionInvalid("connectionId", "must be 2-63 lower-case letters, digits and dashes, starting with"
          + " a letter or digit");
    }
    return connectionId;
  }

  private interface Binder {
    void bind(PreparedStatement statement) throws SQLException;
  }

  private Connection update(String sql, String connectionId, Binder binder) {
    try (var db = dataSource.getConnection(); PreparedStatement update = db.prepareStatement(sql)) {
      binder.bind(update);
      try (ResultSet row = update.executeQuery()) {
        if (!row.next()) {
          throw new ConnectionNotFound(connectionId);
        }
        return read(row);
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot change connection " + connectionId, e);
    }
  }

  private Optional<Connection> queryOne(String sql, String id, String doing) {
    try (var db = dataSource.getConnection(); PreparedStatement select = db.prepareStatement(sql)) {
      select.setString(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(read(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable(doing, e);
    }
  }

  private static Connection read(ResultSet row) throws SQLException {
    return new Connection(row.getString("connection_id"), ProviderApi.valueOf(row.getString("provider_api")),
        row.getString("name"), row.getString("base_url"), row.getString("last4"),
        rateLimitOf(row.getString("rate_limit")), approvalOf(row.getString("approval")),
        ConnectionStatus.valueOf(row.getString("status")), instant(row, "created_at"), instant(row, "rotated_at"),
        instant(row, "disabled_at"), instant(row, "updated_at"), row.getLong("version"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    Timestamp value = row.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }

  /** Microseconds, as PostgreSQL keeps them: what is written is what is read back. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private static void setJson(PreparedStatement statement, int index, String json) throws SQLException {
    if (json == null) {
      statement.setNull(index, Types.VARCHAR);
    } else {
      statement.setString(index, json);
    }
  }

  private static String rateLimitJson(RateLimit rateLimit) {
    return rateLimit == null ? null : "{\"requestsPerMinute\":" + rateLimit.requestsPerMinute() + "}";
  }

  private static RateLimit rateLimitOf(String json) {
    if (json == null) {
      return null;
    }
    return new RateLimit(tree(json).path("requestsPerMinute").asInt());
  }

  private static String approvalJson(ApprovalSettings approval) {
    if (approval == null) {
      return null;
    }
    ObjectNode node = JSON.createObjectNode();
    putDuration(node, "approvalReminder", approval.approvalReminder());
    putDuration(node, "approvalDeadline", approval.approvalDeadline());
    putDuration(node, "syncInterval", approval.syncInterval());
    return node.toString();
  }

  private static void putDuration(ObjectNode node, String name, Duration value) {
    if (value != null) {
      node.put(name, value.toString());
    }
  }

  private static ApprovalSettings approvalOf(String json) {
    if (json == null) {
      return null;
    }
    JsonNode node = tree(json);
    return new ApprovalSettings(duration(node, "approvalReminder"), duration(node, "approvalDeadline"),
        duration(node, "syncInterval"));
  }

  private static Duration duration(JsonNode node, String name) {
    return node.hasNonNull(name) ? Duration.parse(node.get(name).asText()) : null;
  }

  private static JsonNode tree(String json) {
    try {
      return JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a connection's settings column is not JSON");
    }
  }

  private static byte[] encode(ConnectionCredentials credentials) {
    try {
      return JSON.writeValueAsBytes(credentials.values());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot encode credentials");
    }
  }

  private static ConnectionCredentials decode(byte[] plain) {
    try {
      return new ConnectionCredentials(JSON.readValue(new String(plain, StandardCharsets.UTF_8),
          new TypeReference<Map<String, String>>() {}));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("opened credentials are not JSON");
    }
  }
}
