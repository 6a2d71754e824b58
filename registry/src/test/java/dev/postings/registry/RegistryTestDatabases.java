package dev.postings.registry;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * One embedded PostgreSQL per test JVM for the Spring context tests of other modules (the starter, the worker), never
 * H2: started on first use with its data in a temp dir, stopped by its shutdown hook. Each {@link #freshDatabase()} is a
 * database of its own on that server, already migrated, so two test classes that use the same posting id (each with a
 * Temporal server of its own) never see each other's rows. Published in this module's tests-jar.
 */
public final class RegistryTestDatabases {

  private static final AtomicInteger NEXT = new AtomicInteger();
  private static EmbeddedRegistryDatabase server;

  private RegistryTestDatabases() {}

  /** The shared server (started on first use). */
  public static synchronized EmbeddedRegistryDatabase server() {
    if (server == null) {
      try {
        Path dir = Files.createTempDirectory("registry-test-db");
        server = EmbeddedRegistryDatabase.start(EmbeddedDatabaseSettings.in(dir));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }
    return server;
  }

  /** The JDBC URL (user {@code postgres}, no password) of a new, migrated, empty registry database. */
  public static String freshDatabase() {
    EmbeddedRegistryDatabase shared = server();
    String name = "registry_test_" + ProcessHandle.current().pid() + "_" + NEXT.incrementAndGet();
    try (Connection connection = DriverManager.getConnection(shared.jdbcUrl(), USER, null);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot create the test database " + name, e);
    }
    String url = "jdbc:postgresql://127.0.0.1:" + shared.port() + "/" + name;
    PGSimpleDataSource dataSource = new PGSimpleDataSource();
    dataSource.setUrl(url);
    dataSource.setUser(USER);
    RegistryMigrations.migrate(dataSource);
    return url;
  }

  public static final String USER = "postgres";
}
