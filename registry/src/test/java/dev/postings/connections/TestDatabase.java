package dev.postings.connections;

import dev.postings.encryption.EncryptionSettings;
import dev.postings.registry.EmbeddedDatabaseSettings;
import dev.postings.registry.EmbeddedRegistryDatabase;
import dev.postings.registry.RegistrySettings;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** One real PostgreSQL (zonky's embedded server) for the connection tests, started on first use in target/. */
final class TestDatabase {

  static final String OLD_KEY = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=";
  static final String NEW_KEY = "AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE=";

  private static EmbeddedRegistryDatabase database;

  private TestDatabase() {}

  static synchronized EmbeddedRegistryDatabase database() {
    if (database == null) {
      database = EmbeddedRegistryDatabase.start(EmbeddedDatabaseSettings.in(
          Path.of("target", "connections-test-db", UUID.randomUUID().toString())));
    }
    return database;
  }

  static RegistrySettings settings(String currentKeyId) {
    return new RegistrySettings(RegistrySettings.LOCAL_DEVELOPMENT_HASH_KEY,
        new EncryptionSettings(currentKeyId, Map.of("k1", OLD_KEY, "k2", NEW_KEY)));
  }

  static void execute(String sql) {
    try (Connection connection = database().dataSource().getConnection();
        Statement statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
  }

  static List<String> query(String sql) {
    List<String> values = new ArrayList<>();
    try (Connection connection = database().dataSource().getConnection();
        PreparedStatement statement = connection.prepareStatement(sql);
        ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        values.add(rows.getString(1));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(sql, e);
    }
    return values;
  }
}
