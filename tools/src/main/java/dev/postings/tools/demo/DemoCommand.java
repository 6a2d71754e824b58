package dev.postings.tools.demo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.tools.local.LocalStack;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code demo}: starts the local stack, runs the sample postings ({@link DemoRun}), stops the stack. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Start the local stack, post sample payments, show their progress and a final table, stop the"
        + " stack. Exit code 0 only if every posting reached the state expected for it.")
public final class DemoCommand implements Callable<Integer> {

  /**
   * The demo's own callback receiver listens on 127.0.0.1: only this run lists it (loopback is never called back
   * otherwise, see postings.callbacks.allowed-hosts).
   */
  static final Map<String, String> STACK_SETTINGS = Map.ofEntries(
      Map.entry("POSTINGS_CALLBACKS_ALLOWED_HOSTS", "127.0.0.1"),
      // The day's batch (DemoBatch): 1,000 postings to Acquaint and storEDGE. At the providers' own pace (Acquaint's
      // 100 requests a minute, our 95/min pacing of it) they would take half an hour: the demo shows the intake and
      // the outcomes, not the rate limits, so it lifts them as the batch end-to-end test does, and starts rows faster
      // than the 50 a second of production.
      Map.entry("POSTINGS_BATCHES_STARTS_PER_SECOND", "200"),
      Map.entry("SANDBOX_ACQUAINT_RATE_LIMIT", "100000000"),
      Map.entry("ACQUAINT_ACTIVITIES_PER_SECOND", "100000"),
      Map.entry("ACQUAINT_REQUESTS_PER_MINUTE", "0"),
      Map.entry("ACQUAINT_ACTIVITY_SLOTS", "50"),
      Map.entry("STOREDGE_ACTIVITIES_PER_SECOND", "100000"),
      Map.entry("STOREDGE_REQUESTS_PER_MINUTE", "0"),
      Map.entry("STOREDGE_ACTIVITY_SLOTS", "50"));

  @Option(names = "--timeout", defaultValue = "90",
      description = "seconds the postings may take to settle (default ${DEFAULT-VALUE})")
  long timeoutSeconds;

  @Override
  public Integer call() throws Exception {
    long started = System.nanoTime();
    int status;
    try (LocalStack stack = new LocalStack(STACK_SETTINGS, System.out)) {
      Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
      try {
        stack.start();
      } catch (LocalStack.StackFailure failure) {
        System.err.println(failure.getMessage());
        return 1;
      }
      // the demo plays the operator too (it records a PMC's rejection): the operator key the local starter wrote
      String apiKey = new ObjectMapper().readTree(Files.readString(stack.devKeysFile())).path("operator")
          .asText(null);
      status = new DemoRun(stack.ports().api(), stack.ports().sandboxUrl(), Duration.ofSeconds(timeoutSeconds), apiKey)
          .run();
    }
    System.out.println("demo run time: " + Duration.ofNanos(System.nanoTime() - started).toSeconds()
        + "s (stack start included); exit code " + status);
    return status;
  }
}
