package dev.postings.tools.local;

import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;

/** {@code up}: the local stack in the foreground until Ctrl-C, or until one of its processes exits. */
@Command(name = "up", mixinStandardHelpOptions = true,
    description = "Run the local stack in the foreground: Temporal test server, provider sandbox, worker and starter"
        + " API, every port on loopback (TEMPORAL_PORT, SANDBOX_PORT, WORKER_PORT, STARTER_PORT). Ctrl-C stops it.")
public final class UpCommand implements Callable<Integer> {

  @Override
  public Integer call() throws Exception {
    LocalStack stack = new LocalStack(Map.of(), System.out);
    // Ctrl-C ends this JVM through its shutdown hooks: the stack goes with it
    Runtime.getRuntime().addShutdownHook(new Thread(stack::close, "local-stack-stop"));
    try {
      stack.start();
    } catch (LocalStack.StackFailure failure) {
      System.err.println(failure.getMessage());
      stack.close();
      return 1;
    }
    System.out.println("press Ctrl-C to stop");
    stack.anyExit().join();
    if (stack.stopping()) {
      return 0; // Ctrl-C: the shutdown hook stops the stack
    }
    System.err.println("a process of the stack exited; stopping the rest");
    stack.close();
    return 1;
  }
}
