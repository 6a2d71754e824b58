package dev.postings.registry;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * How the local stack runs its PostgreSQL.
 *
 * @param dataDirectory where the server keeps its files; the same directory on the next start finds the same rows
 * @param port the TCP port on 127.0.0.1, or 0 for any free port
 * @param startupWait how long to wait for the server to accept connections (its first start also creates the files)
 * @param poolSize connections kept open to it; at least 2 (the migration at start holds two)
 */
public record EmbeddedDatabaseSettings(Path dataDirectory, int port, Duration startupWait, int poolSize) {

  public EmbeddedDatabaseSettings {
    Objects.requireNonNull(dataDirectory, "dataDirectory");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be 0 (any free port) to 65535, was " + port);
    }
    if (startupWait == null || startupWait.isNegative() || startupWait.isZero()) {
      throw new IllegalArgumentException("startupWait must be positive");
    }
    if (poolSize < 2) {
      // Flyway's migration at start holds two connections at once (its lock and its work): one would wait for ever
      throw new IllegalArgumentException("poolSize must be at least 2, was " + poolSize);
    }
  }

  /** Any free port, a minute to start, a pool of 4 connections. */
  public static EmbeddedDatabaseSettings in(Path dataDirectory) {
    return new EmbeddedDatabaseSettings(dataDirectory, 0, Duration.ofMinutes(1), 4);
  }
}
