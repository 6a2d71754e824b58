package dev.postings.tools.bench;

import dev.postings.model.Provider;
import dev.postings.tools.local.LocalStack;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code bench}: starts the local stack tuned for measuring, runs {@link BenchRun}, stops the stack. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Start the stack with the sandbox at zero latency and provider rate limits lifted, measure postings"
        + " per provider against the Temporal floor and direct HTTP, print a table, write JSON and a PNG."
        + " Last line: bench: sync postings/s = X, floor = Y, ratio = R. With --batch-intake N: the batch intake's"
        + " rows/s and the starter's heap for an N-row file.")
public final class BenchCommand implements Callable<Integer> {

  /**
   * Zero latency and no provider limits, so what is measured is the orchestration: jobs settle at once (and the write's
   * first look at its job is taken at once: BenchRun's policy), no slow-down
   * near Propexo's limit, the sandbox's and the worker's rate limits far above anything reached; no pacing of the
   * requests, and the SDK's default activity slots (200) instead of the few that keep a burst queued. The worker also
   * hosts the floor workflow (profile bench; the include applies to every process and only the worker has one).
   * Nobody kills this worker: sticky workflow tasks on, as on a cluster (StickyWorkflowsWiring).
   */
  static final Map<String, String> STACK_SETTINGS = Map.ofEntries(
      Map.entry("SANDBOX_PROPEXO_JOB_PENDING_FOR", "0s"),
      Map.entry("SANDBOX_PROPEXO_SLOWDOWN_DELAY", "0s"),
      Map.entry("SANDBOX_PROPEXO_RATE_LIMIT", "100000000"),
      Map.entry("SANDBOX_ACQUAINT_RATE_LIMIT", "100000000"),
      Map.entry("PROPEXO_ACTIVITIES_PER_SECOND", "100000"),
      Map.entry("ACQUAINT_ACTIVITIES_PER_SECOND", "100000"),
      Map.entry("STOREDGE_ACTIVITIES_PER_SECOND", "100000"),
      Map.entry("PROPEXO_REQUESTS_PER_MINUTE", "0"),
      Map.entry("ACQUAINT_REQUESTS_PER_MINUTE", "0"),
      Map.entry("STOREDGE_REQUESTS_PER_MINUTE", "0"),
      Map.entry("PROPEXO_ACTIVITY_SLOTS", "200"),
      Map.entry("ACQUAINT_ACTIVITY_SLOTS", "200"),
      Map.entry("STOREDGE_ACTIVITY_SLOTS", "200"),
      Map.entry("SPRING_PROFILES_INCLUDE", "bench"),
      Map.entry("POSTINGS_WORKER_STICKY_WORKFLOWS", "true"));

  @Option(names = "--postings", defaultValue = "300", description = "postings per batch (default ${DEFAULT-VALUE})")
  int postings;

  @Option(names = "--concurrency", defaultValue = "50",
      description = "postings kept in flight (default ${DEFAULT-VALUE})")
  int concurrency;

  @Option(names = "--warmup", defaultValue = "100",
      description = "postings run first and not counted (default ${DEFAULT-VALUE})")
  int warmup;

  @Option(names = "--rounds", defaultValue = "3",
      description = "rounds, the floor and the providers taking turns (default ${DEFAULT-VALUE})")
  int rounds;

  @Option(names = "--providers", split = ",", defaultValue = "STOREDGE,ACQUAINT,PROPERTYWARE",
      description = "providers to measure, comma-separated (default ${DEFAULT-VALUE}; any of ${COMPLETION-CANDIDATES})")
  List<Provider> providers;

  @Option(names = "--in-flight", paramLabel = "LEVELS", defaultValue = "10,50,200",
      description = "after the bench, one more round per level of postings in flight, drawn as <run>-in-flight.png"
          + " beside the bench's PNG (default ${DEFAULT-VALUE}; none: no sweep)")
  String inFlight;

  @Option(names = "--batch-intake", paramLabel = "ROWS", defaultValue = "0",
      description = "instead: measure the batch intake with a file of ROWS rows (rows/s to the 202, the starter's heap"
          + " before, after and at its peak); the batch is discarded, nothing starts")
  int batchIntake;

  /**
   * The batch intake's bench: the background starts put off for a day, so that only the intake is measured and the
   * batch can be discarded before any of its rows starts a posting.
   */
  static final Map<String, String> BATCH_INTAKE_SETTINGS = Map.of("POSTINGS_BATCHES_START_EVERY", "P1D");

  @Option(names = "--out", defaultValue = ".postings/bench",
      description = "directory for the JSON and the PNG (default ${DEFAULT-VALUE})")
  Path out;

  @Override
  public Integer call() throws Exception {
    if (batchIntake > 0) {
      return batchIntake();
    }
    try (LocalStack stack = new LocalStack(STACK_SETTINGS, System.out)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
      try {
        stack.start();
      } catch (LocalStack.StackFailure failure) {
        System.err.println(failure.getMessage());
        return 1;
      }
      return new BenchRun(new BenchRun.Settings(stack.ports().temporalTarget(), stack.ports().sandboxUrl(),
          stack.ports().workerUrl(), postings, concurrency, warmup, Math.max(1, rounds), out, providers,
          inFlightLevels(inFlight))).execute();
    }
  }

  /** {@code 10,50,200} as levels, each 1 to 10,000; {@code none}: no sweep. */
  static List<Integer> inFlightLevels(String levels) {
    if (levels == null || levels.isBlank() || levels.trim().equalsIgnoreCase("none")) {
      return List.of();
    }
    List<Integer> parsed = new java.util.ArrayList<>();
    for (String level : levels.split(",")) {
      int value;
      try {
        value = Integer.parseInt(level.trim());
      } catch (NumberFormatException notANumber) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new BenchCommand()),
            "--in-flight: '" + level.trim() + "' is not a number of postings in flight");
      }
      if (value < 1 || value > 10_000) {
        throw new picocli.CommandLine.ParameterException(new picocli.CommandLine(new BenchCommand()),
            "--in-flight: " + value + " is not between 1 and 10,000");
      }
      parsed.add(value);
    }
    return List.copyOf(parsed);
  }

  private int batchIntake() throws Exception {
    try (LocalStack stack = new LocalStack(BATCH_INTAKE_SETTINGS, System.out)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
      try {
        stack.start();
      } catch (LocalStack.StackFailure failure) {
        System.err.println(failure.getMessage());
        return 1;
      }
      // the operator key the local starter wrote: it may send a batch and read the starter's metrics
      String apiKey = new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(java.nio.file.Files.readString(stack.devKeysFile())).path("operator").asText(null);
      return new BatchIntakeBench(new BatchIntakeBench.Settings(stack.ports().api(), apiKey,
          stack.ports().registryJdbcUrl(), batchIntake, out)).execute();
    }
  }
}
