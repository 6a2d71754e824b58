package dev.postings.tools.local;

import dev.postings.registry.EmbeddedDatabaseSettings;
import dev.postings.registry.EmbeddedRegistryDatabase;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code registry-database}: the local stack's PostgreSQL (zonky's embedded server, no install) as a process of its
 * own, which {@code up} starts before the others. Its data directory outlives the stack, so the registry's rows survive
 * a restart of {@code ./postings up}. As root, the server runs in a user namespace ({@code unshare -U}): PostgreSQL
 * refuses to run as root.
 */
@Command(name = "registry-database", mixinStandardHelpOptions = true,
    description = "Run the registry's embedded PostgreSQL on 127.0.0.1 until stopped (data kept in --data-dir).")
public final class RegistryDatabaseCommand implements Callable<Integer> {

  /** Its own pool serves only the migration at start, and Flyway holds two connections at once (lock and work). */
  private static final int POOL = 2;

  @Option(names = "--port", defaultValue = "5433", description = "port on 127.0.0.1 (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--data-dir", defaultValue = ".postings/registry",
      description = "the server's files (default ${DEFAULT-VALUE})")
  Path dataDir;

  @Option(names = "--startup-wait", defaultValue = "PT2M",
      description = "how long the server may take to accept connections (default ${DEFAULT-VALUE})")
  Duration startupWait;

  @Override
  public Integer call() throws InterruptedException {
    EmbeddedRegistryDatabase database;
    try {
      database = EmbeddedRegistryDatabase.start(
          new EmbeddedDatabaseSettings(dataDir.toAbsolutePath(), port, startupWait, POOL));
    } catch (RuntimeException failed) {
      System.err.println("cannot start the registry's PostgreSQL on 127.0.0.1:" + port + " in " + dataDir + ": "
          + failed);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(database::close, "registry-database-shutdown"));
    System.out.println("registry PostgreSQL listening: " + database.jdbcUrl() + " (user postgres, data "
        + dataDir.toAbsolutePath() + ")");
    Thread.currentThread().join();
    return 0;
  }
}
