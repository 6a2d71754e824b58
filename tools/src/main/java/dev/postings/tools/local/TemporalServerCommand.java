package dev.postings.tools.local;

import java.io.IOException;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code temporal-server}: the local Temporal server as a process of its own, which {@code up} starts first. Its own
 * process so that killing a worker (chaos) never takes the server's in-memory state with it.
 */
@Command(name = "temporal-server", mixinStandardHelpOptions = true,
    description = "Run the local Temporal server (the Java test server, in memory, real clock) until stopped.")
public final class TemporalServerCommand implements Callable<Integer> {

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "address to listen on (default ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--port", defaultValue = "7233", description = "port to listen on (default ${DEFAULT-VALUE})")
  int port;

  @Option(names = "--namespace", defaultValue = "default",
      description = "namespace whose search attributes are registered (default ${DEFAULT-VALUE})")
  String namespace;

  @Override
  public Integer call() throws InterruptedException {
    LocalTemporalServer server;
    try {
      server = LocalTemporalServer.start(host, port, namespace);
    } catch (IOException | RuntimeException failed) {
      System.err.println("cannot start the Temporal test server on " + host + ":" + port + ": " + failed);
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "temporal-server-shutdown"));
    System.out.println("Temporal test server listening on " + server.target() + " (namespace " + namespace
        + "; in memory, real clock; search attributes " + LocalTemporalServer.SEARCH_ATTRIBUTES.keySet() + ")");
    Thread.currentThread().join();
    return 0;
  }
}
