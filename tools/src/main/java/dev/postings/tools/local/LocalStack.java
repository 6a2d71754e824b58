package dev.postings.tools.local;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The local stack as five processes on loopback, each from its module's own jar: the registry's PostgreSQL (this jar's
 * {@code registry-database}, data in {@code .postings/registry}, so the registry survives a restart), the Temporal test
 * server (this jar's {@code temporal-server}), the provider sandbox, a worker and the starter API. Ports and settings
 * reach them through their environment (REGISTRY_PORT, TEMPORAL_PORT, SANDBOX_PORT, WORKER_PORT, STARTER_PORT,
 * TEMPORAL_ADDRESS, SPRING_DATASOURCE_URL, and whatever a run adds, such as bench's lifted rate limits), exactly as
 * each service reads them in production. Logs go to
 * {@code .postings/logs/<name>.log}. Closing it stops the processes in the reverse order of their start.
 */
public final class LocalStack implements AutoCloseable {

  /** How long a process may take to open its port: a cold JVM with Spring on a busy two-core machine. */
  private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
  /** How long a stopped process may take to shut down gracefully before it is killed. */
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
  private static final String DEFAULT_JAVA_OPTS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xms64m";

  /** The five ports, from the environment (the launcher's defaults otherwise). */
  public record Ports(int temporal, int sandbox, int worker, int starter, int registry) {

    static Ports from(Map<String, String> env) {
      return new Ports(port(env, "TEMPORAL_PORT", 7233), port(env, "SANDBOX_PORT", 8090),
          port(env, "WORKER_PORT", 8081), port(env, "STARTER_PORT", 8080), port(env, "REGISTRY_PORT", 5433));
    }

    /** The registry's database, as the worker and the starter reach it (SPRING_DATASOURCE_URL). */
    public String registryJdbcUrl() {
      return "jdbc:postgresql://127.0.0.1:" + registry + "/registry";
    }

    private static int port(Map<String, String> env, String name, int fallback) {
      String value = env.get(name);
      return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }

    public URI api() {
      return URI.create("http://127.0.0.1:" + starter);
    }

    public URI sandboxUrl() {
      return URI.create("http://127.0.0.1:" + sandbox);
    }

    public URI workerUrl() {
      return URI.create("http://127.0.0.1:" + worker);
    }

    public String temporalTarget() {
      return "127.0.0.1:" + temporal;
    }
  }

  /** The stack could not start: the message says why and what to do. */
  public static final class StackFailure extends Exception {
    StackFailure(String message) {
      super(message);
    }
  }

  private final Path runDir;
  private final Path logDir;
  private final Ports ports;
  private final Map<String, String> environment;
  private final List<String> javaOpts;
  private final PrintStream out;
  private final Map<String, Process> running = new LinkedHashMap<>();
  private final Map<String, List<String>> commands = new HashMap<>();
  private boolean stopped;

  /**
   * @param settings added to every process's environment (on top of this process's own), e.g. bench's lifted limits
   */
  public LocalStack(Map<String, String> settings, PrintStream out) {
    Map<String, String> env = new HashMap<>(System.getenv());
    env.putAll(settings);
    this.ports = Ports.from(env);
    this.runDir = Path.of(".postings").toAbsolutePath();
    this.logDir = runDir.resolve("logs");
    env.putIfAbsent("POSTINGS_DEV_KEYS_FILE", runDir.resolve("dev-api-keys.json").toString());
    // every service finds the others from these, whatever the caller set
    env.put("TEMPORAL_PORT", String.valueOf(ports.temporal()));
    env.put("SANDBOX_PORT", String.valueOf(ports.sandbox()));
    env.put("WORKER_PORT", String.valueOf(ports.worker()));
    env.put("STARTER_PORT", String.valueOf(ports.starter()));
    env.put("TEMPORAL_ADDRESS", ports.temporalTarget());
    env.put("REGISTRY_PORT", String.valueOf(ports.registry()));
    // the worker and the starter name their database as in production; the embedded server takes loopback users only
    env.put("SPRING_DATASOURCE_URL", ports.registryJdbcUrl());
    env.put("SPRING_DATASOURCE_USERNAME", "postgres");
    this.environment = Map.copyOf(env);
    String opts = env.getOrDefault("JAVA_OPTS", DEFAULT_JAVA_OPTS);
    this.javaOpts = Arrays.stream(opts.trim().split("\\s+")).filter(o -> !o.isEmpty()).toList();
    this.out = out;
  }

  public Ports ports() {
    return ports;
  }

  /** The file where the local starter writes its development API keys. */
  public Path devKeysFile() {
    return Path.of(environment.get("POSTINGS_DEV_KEYS_FILE"));
  }

  public Path runDir() {
    return runDir;
  }

  /** The registry's PostgreSQL files: kept between runs, so postings stay duplicates and stay listed. */
  public Path registryDir() {
    return runDir.resolve("registry");
  }

  /** Starts the five processes and returns once each listens on its port. */
  public void start() throws StackFailure, IOException, InterruptedException {
    for (int port : List.of(ports.registry(), ports.temporal(), ports.sandbox(), ports.worker(), ports.starter())) {
      if (listening(port)) {
        throw new StackFailure("port " + port + " is in use: stop what holds it, or choose other ports"
            + " (REGISTRY_PORT, TEMPORAL_PORT, SANDBOX_PORT, WORKER_PORT, STARTER_PORT)");
      }
    }
    Files.createDirectories(logDir);
    out.println("starting the local stack (embedded defaults):");
    // first, and stopped last: the worker and the starter need it from their start (the starter migrates it)
    launch("registry", ports.registry(), List.of("-jar", ownJar().toString(), "registry-database",
        "--port=" + ports.registry(), "--data-dir=" + registryDir()), false);
    launch("temporal", ports.temporal(), List.of("-jar", ownJar().toString(), "temporal-server", "--host=127.0.0.1",
        "--port=" + ports.temporal()), false);
    launch("sandbox", ports.sandbox(), service("sandbox"), false);
    awaitPort("registry", ports.registry());
    awaitPort("temporal", ports.temporal());
    launch("worker", ports.worker(), service("worker"), false);
    launch("starter", ports.starter(), service("starter"), false);
    awaitPort("sandbox", ports.sandbox());
    awaitPort("worker", ports.worker());
    awaitPort("starter", ports.starter());
    out.println("local stack is up: API " + ports.api() + "/api/postings, Temporal " + ports.temporalTarget()
        + ", sandbox " + ports.sandboxUrl());
    try (Stream<String> lines = Files.lines(logDir.resolve("starter.log"), StandardCharsets.UTF_8)) {
      lines.filter(line -> line.startsWith("dev API keys:")).forEach(out::println);
    } catch (UncheckedIOException unreadable) {
      // the keys are in the keys file too; the line is a convenience
    }
    out.println("  (also in " + devKeysFile() + "; send one as X-Api-Key; OpenAPI: " + ports.api()
        + "/swagger-ui.html)");
  }

  /** Completes when any process of the stack exits (up watches this to stop the rest). */
  public CompletableFuture<Object> anyExit() {
    return CompletableFuture.anyOf(running.values().stream().map(Process::onExit).toArray(CompletableFuture[]::new));
  }

  /** Kills the worker with SIGKILL (no shutdown, no goodbye to the server) and returns its pid. */
  public long killWorker() throws InterruptedException {
    Process worker = running.get("worker");
    worker.destroyForcibly();
    worker.waitFor();
    return worker.pid();
  }

  /** Starts a new worker (appending to its log) and returns its pid once it listens again. */
  public long restartWorker(Runnable onLaunched) throws StackFailure, IOException, InterruptedException {
    launch("worker", ports.worker(), commands.get("worker"), true);
    onLaunched.run();
    awaitPort("worker", ports.worker());
    return running.get("worker").pid();
  }

  /** Whether {@link #close} has begun (Ctrl-C, or the end of a run). */
  public synchronized boolean stopping() {
    return stopped;
  }

  public long pid(String name) {
    return running.get(name).pid();
  }

  /** Stops every process, the newest first; each gets SIGTERM, then SIGKILL if it does not stop in time. */
  @Override
  public synchronized void close() {
    if (stopped || running.isEmpty()) {
      stopped = true;
      return;
    }
    stopped = true;
    out.println("stopping the local stack...");
    List<Process> newestFirst = new ArrayList<>(running.values());
    java.util.Collections.reverse(newestFirst);
    newestFirst.forEach(Process::destroy);
    for (Process process : newestFirst) {
      try {
        if (!process.waitFor(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException interrupted) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
      }
    }
  }

  private List<String> service(String module) throws StackFailure {
    return List.of("-jar", jar(module).toString(), "--spring.profiles.active=local", "--server.address=127.0.0.1");
  }

  private void launch(String name, int port, List<String> arguments, boolean appendLog) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaOpts);
    command.addAll(arguments);
    commands.put(name, arguments);
    Path log = logDir.resolve(name + ".log");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(appendLog ? ProcessBuilder.Redirect.appendTo(log.toFile()) : ProcessBuilder.Redirect.to(
            log.toFile()));
    builder.environment().clear();
    builder.environment().putAll(environment);
    Process process = builder.start();
    running.put(name, process);
    if (!appendLog) {
      out.println("  " + name + " starting (port " + port + ", pid " + process.pid() + ", log .postings/logs/" + name
          + ".log)");
    }
  }

  private void awaitPort(String name, int port) throws StackFailure, IOException, InterruptedException {
    Process process = running.get(name);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        Path log = logDir.resolve(name + ".log");
        List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
        throw new StackFailure(name + " exited while starting; its log (" + log + ") ends with:\n"
            + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size())));
      }
      if (listening(port)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new StackFailure(name + " did not open port " + port + " within " + START_TIMEOUT.toSeconds() + "s (log: "
        + logDir.resolve(name + ".log") + ")");
  }

  static boolean listening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException refused) {
      return false;
    }
  }

  /** The module's runnable jar ({@code <module>/target/<module>-<version>-exec.jar}), built by ./postings. */
  private static Path jar(String module) throws StackFailure {
    Path target = Path.of(module, "target");
    List<Path> jars;
    try (Stream<Path> files = Files.exists(target) ? Files.list(target) : Stream.empty()) {
      jars = files.filter(f -> f.getFileName().toString().matches(module + "-.+-exec\\.jar")).toList();
    } catch (IOException unreadable) {
      throw new StackFailure("cannot read " + target + ": " + unreadable);
    }
    if (jars.size() != 1) {
      throw new StackFailure("expected one " + module + "-<version>-exec.jar in " + target.toAbsolutePath() + ", found "
          + jars + ": build with ./postings build, from the repository's root");
    }
    return jars.get(0).toAbsolutePath();
  }

  /** This jar (java -jar puts it alone on the class path), else the built one, for the temporal-server process. */
  private static Path ownJar() throws StackFailure {
    String classPath = System.getProperty("java.class.path", "");
    if (classPath.endsWith(".jar") && !classPath.contains(java.io.File.pathSeparator)) {
      return Path.of(classPath).toAbsolutePath();
    }
    return jar("tools");
  }
}
