package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedRegistryDatabaseTest {

  @Test
  void theRegistrySurvivesARestartOnTheSameDataDirectory(@TempDir Path dir) throws Exception {
    Path data = dir.resolve("registry");
    try (EmbeddedRegistryDatabase first = EmbeddedRegistryDatabase.start(EmbeddedDatabaseSettings.in(data))) {
      PostingRegistry registry = new PostingRegistry(first.dataSource(), TestRegistry.settings());
      assertThat(registry.register(TestRegistry.posting("kept", "fp", Instant.parse("2026-12-05T08:00:00Z"))))
          .isInstanceOf(Registration.Registered.class);
      try (Connection connection = first.dataSource().getConnection();
          Statement statement = connection.createStatement();
          ResultSet listen = statement.executeQuery("SHOW listen_addresses")) {
        listen.next();
        assertThat(listen.getString(1)).isEqualTo("127.0.0.1");
      }
      migrationsApplied = appliedMigrations(first);
    }

    try (EmbeddedRegistryDatabase second = EmbeddedRegistryDatabase.start(EmbeddedDatabaseSettings.in(data))) {
      PostingRegistry registry = new PostingRegistry(second.dataSource(), TestRegistry.settings());
      assertThat(registry.find("kept")).hasValueSatisfying(row -> assertThat(row.reference()).isEqualTo("REF-kept"));
      // the migrations ran once: the second start found the schema current and applied nothing again
      assertThat(migrationsApplied).isPositive();
      assertThat(appliedMigrations(second)).isEqualTo(migrationsApplied);
    }
  }

  private int migrationsApplied;

  private static int appliedMigrations(EmbeddedRegistryDatabase database) throws Exception {
    try (Connection connection = database.dataSource().getConnection();
        Statement statement = connection.createStatement();
        ResultSet history = statement.executeQuery("SELECT count(*) FROM flyway_schema_history WHERE success")) {
      history.next();
      return history.getInt(1);
    }
  }
}
