package dev.postings.registry;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * A real PostgreSQL for the local stack, with no install step: the server binaries come from Maven Central inside
 * zonky's jars and are unpacked on first use. The server listens on 127.0.0.1 only, keeps its files in the directory
 * the caller names (so the registry survives a restart of the stack), and the registry's migrations have run before
 * {@link #dataSource()} is handed out. Production never starts this: it names its database by
 * {@code spring.datasource.*}.
 *
 * <p>PostgreSQL refuses to run as root; when the JVM is root (a container, CI), zonky starts the server in a user
 * namespace ({@code unshare -U}) where it is not.
 */
public final class EmbeddedRegistryDatabase implements AutoCloseable {

  /** The database the registry's tables live in (the server's own {@code postgres} database stays empty). */
  public static final String DATABASE = "registry";
  private static final String SUPERUSER = "postgres";

  private final EmbeddedPostgres server;
  private final HikariDataSource dataSource;

  private EmbeddedRegistryDatabase(EmbeddedPostgres server, HikariDataSource dataSource) {
    this.server = server;
    this.dataSource = dataSource;
  }

  /** Starts the server on its data directory (creating it on first use), migrates, and opens the pool. */
  public static EmbeddedRegistryDatabase start(EmbeddedDatabaseSettings settings) {
    EmbeddedPostgres server;
    try {
      Files.createDirectories(settings.dataDirectory());
      server = EmbeddedPostgres.builder()
          .setDataDirectory(settings.dataDirectory())
          // never wipe: the data directory is the registry
          .setCleanDataDirectory(false)
          .setPort(settings.port())
          .setServerConfig("listen_addresses", "127.0.0.1")
          .setPGStartupWait(settings.startupWait())
          // Ctrl-C on the local stack still stops the server cleanly (a checkpoint, not a crash recovery next time)
          .setRegisterShutdownHook(true)
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded PostgreSQL in " + settings.dataDirectory(), e);
    }
    try {
      createDatabaseIfAbsent(server);
      HikariConfig pool = new HikariConfig();
      pool.setJdbcUrl(jdbcUrl(server.getPort()));
      pool.setUsername(SUPERUSER);
      pool.setMaximumPoolSize(settings.poolSize());
      pool.setPoolName("registry-embedded");
      HikariDataSource dataSource = new HikariDataSource(pool);
      RegistryMigrations.migrate(dataSource);
      return new EmbeddedRegistryDatabase(server, dataSource);
    } catch (SQLException e) {
      closeQuietly(server);
      throw new RegistryUnavailable("cannot create the registry's database", e);
    } catch (RuntimeException e) {
      closeQuietly(server);
      throw e;
    }
  }

  private static void createDatabaseIfAbsent(EmbeddedPostgres server) throws SQLException {
    try (Connection connection = server.getDatabase(SUPERUSER, "postgres").getConnection();
        PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
      exists.setString(1, DATABASE);
      try (ResultSet rows = exists.executeQuery()) {
        if (rows.next()) {
          return;
        }
      }
      try (Statement create = connection.createStatement()) {
        create.execute("CREATE DATABASE " + DATABASE);
      }
    }
  }

  private static String jdbcUrl(int port) {
    return "jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE;
  }

  /** A pooled DataSource on the registry's database, migrated. */
  public DataSource dataSource() {
    return dataSource;
  }

  /** For a client of its own (user {@code postgres}, no password: the server accepts loopback connections only). */
  public String jdbcUrl() {
    return jdbcUrl(server.getPort());
  }

  public int port() {
    return server.getPort();
  }

  /** Closes the pool, then stops the server (its files stay). */
  @Override
  public void close() {
    dataSource.close();
    closeQuietly(server);
  }

  private static void closeQuietly(EmbeddedPostgres server) {
    try {
      server.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
    }
  }
}
