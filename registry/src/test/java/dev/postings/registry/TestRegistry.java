package dev.postings.registry;

import dev.postings.encryption.EncryptionSettings;
import dev.postings.model.Provider;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.UUID;

/**
 * One real PostgreSQL (zonky's embedded server) for every test class of the module, started on first use in
 * target/ and stopped by its shutdown hook. Each test starts from empty tables.
 */
final class TestRegistry {

  static final String OLD_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  static final String NEW_KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

  private static EmbeddedRegistryDatabase database;

  private TestRegistry() {}

  static synchronized EmbeddedRegistryDatabase database() {
    if (database == null) {
      Path dir = Path.of("target", "registry-test-db", UUID.randomUUID().toString());
      database = EmbeddedRegistryDatabase.start(EmbeddedDatabaseSettings.in(dir));
    }
    return database;
  }

  static RegistrySettings settings() {
    return new RegistrySettings(RegistrySettings.LOCAL_DEVELOPMENT_HASH_KEY,
        new EncryptionSettings("k2", Map.of("k1", OLD_KEY, "k2", NEW_KEY)));
  }

  /** A registry on empty tables. */
  static PostingRegistry empty() {
    execute("TRUNCATE postings, connections");
    return new PostingRegistry(database().dataSource(), settings());
  }

  static void execute(String sql) {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static long count(String sql) {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement();
        java.sql.ResultSet row = statement.executeQuery(sql)) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static void connection(String connectionId, String providerApi) {
    execute("INSERT INTO connections (connection_id, provider_api, name, base_url, credentials_sealed, key_id, last4,"
        + " created_at, updated_at) VALUES ('" + connectionId + "', '" + providerApi + "', 'Test " + connectionId
        + "', 'http://127.0.0.1:1', '\\x00'::bytea, 'k2', 'abcd', now(), now())");
  }

  static NewPosting posting(String postingId, String fingerprint, Instant startedAt) {
    return new NewPosting(postingId, "billing", fingerprint, Provider.ACQUAINT, null, 12_500, "GBP",
        "REF-" + postingId, LocalDate.of(2026, 12, 1), startedAt);
  }
}
