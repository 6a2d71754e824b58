package dev.postings.starter;

import dev.postings.registry.RegistryTestDatabases;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.tools.local.LocalTemporalServer;
import dev.postings.worker.WorkerApplication;
import java.net.URI;
import java.net.http.HttpRequest;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The whole local stack in one JVM for end-to-end tests: the loopback Temporal test server, a registry database of its
 * own on the test JVM's embedded PostgreSQL, the sandbox, a worker and the starter API, each on a free port and talking to the others over the network, exactly as `./postings up` wires
 * them.
 */
final class LocalStack implements AutoCloseable {

  /** The local profile's development keys (starter-local.yml). */
  static final String SERVICE_KEY = "dev-service-key-4f1c9a7e2b6d";
  static final String OPERATOR_KEY = "dev-operator-key-8d3e5b1a9c7f";

  /** A request carrying the operator's API key (an operator may do everything a service may). */
  static HttpRequest.Builder withKey(URI uri) {
    return HttpRequest.newBuilder(uri).header("X-Api-Key", OPERATOR_KEY);
  }

  /** A request carrying the given API key. */
  static HttpRequest.Builder withKey(URI uri, String key) {
    return HttpRequest.newBuilder(uri).header("X-Api-Key", key);
  }

  /**
   * The sandbox and the worker share this JVM's class path with the starter, and so its Spring Security, which their
   * own jars do not have: without this, Spring Boot would lock their endpoints behind a generated password.
   */
  private static final String NO_SECURITY = "--spring.autoconfigure.exclude="
      + "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration,"
      + "org.springframework.boot.autoconfigure.security.servlet.SecurityFilterAutoConfiguration,"
      + "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration,"
      + "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration";

  final LocalTemporalServer temporal;
  final ConfigurableApplicationContext sandbox;
  final ConfigurableApplicationContext worker;
  final ConfigurableApplicationContext starter;
  final URI sandboxUrl;
  final URI apiUrl;
  /** The registry database the starter and the worker share (one of its own per stack, as the Temporal server). */
  final String registryUrl;

  LocalStack(String... sandboxArgs) throws Exception {
    this(new String[0], sandboxArgs);
  }

  LocalStack(String[] starterArgs, String... sandboxArgs) throws Exception {
    this(starterArgs, new String[0], sandboxArgs);
  }

  /** @param workerArgs added to the worker's (e.g. the callbacks' allowed hosts, which starter and worker share) */
  LocalStack(String[] starterArgs, String[] workerArgs, String... sandboxArgs) throws Exception {
    temporal = LocalTemporalServer.start("127.0.0.1", 0, "default");
    registryUrl = RegistryTestDatabases.freshDatabase();
    String database = "--spring.datasource.url=" + registryUrl;
    String user = "--spring.datasource.username=" + RegistryTestDatabases.USER;
    // the sandbox's port is chosen first: the starter seeds the local connections to the sandbox's customers with it
    // (postings.connections.seed in starter-local.yml), before the sandbox starts
    int sandboxPort;
    try (java.net.ServerSocket free = new java.net.ServerSocket(0, 0, java.net.InetAddress.getLoopbackAddress())) {
      sandboxPort = free.getLocalPort();
    }
    // the starter first: the sandbox sends Propexo's webhooks to it
    // the daily reconciliation's loop is left out: a test running across its time of day would meet a run it did not
    // start (BatchEndToEndTest starts the daily run itself)
    starter = StarterApplication.start(concat(new String[] {"--server.port=0", "--spring.profiles.active=local",
        database, user, "--spring.temporal.connection.target=" + temporal.target(), "--SANDBOX_PORT=" + sandboxPort,
        "--postings.reconciliation.schedule.scheduled=false"}, starterArgs));
    apiUrl = URI.create("http://127.0.0.1:" + starter.getEnvironment().getProperty("local.server.port"));
    String[] sandboxDefaults = {"--server.port=" + sandboxPort, "--spring.profiles.active=local", NO_SECURITY,
        database, user,
        "--sandbox.propexo.rate-limit.slowdown-delay=0s",
        "--sandbox.propexo.webhooks.url=" + apiUrl.resolve("/webhooks/propexo")};
    sandbox = SandboxApplication.start(concat(sandboxDefaults, sandboxArgs));
    sandboxUrl = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
    // local profile as in `./postings up` (development encryption key, card vault secret); the starter runs first
    // because the worker redeems card data from it
    worker = WorkerApplication.start(concat(new String[] {"--server.port=0", "--spring.profiles.active=local",
        NO_SECURITY, database, user,
        "--spring.temporal.connection.target=" + temporal.target(),
        "--postings.propexo.base-url=" + sandboxUrl,
        "--postings.propexo.token=dev-propexo-token",
        "--postings.acquaint.base-url=" + sandboxUrl + "/acquaint",
        "--postings.acquaint.api-key=dev-acquaint-key",
        "--postings.acquaint.site-prefix=DEV",
        "--postings.storedge.base-url=" + sandboxUrl + "/storedge",
        "--postings.storedge.consumer-key=dev-storedge-key",
        "--postings.storedge.consumer-secret=dev-storedge-secret",
        "--postings.card-vault.base-url=" + apiUrl}, workerArgs));
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  @Override
  public void close() {
    starter.close();
    worker.close();
    sandbox.close();
    temporal.close();
  }
}
