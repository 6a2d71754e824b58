package dev.postings.workflow;

import io.temporal.workflow.CancellationScope;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/** The posting's waits and clock: workflow time, and a bounded wait that leaves no timer behind. */
final class Waits {

  private Waits() {}

  /** Workflow time (the same on every replay). */
  static Instant now() {
    return Instant.ofEpochMilli(Workflow.currentTimeMillis());
  }

  /**
   * Waits until {@code condition} holds or {@code timeout} passes; true when the condition held. A wait that ends by
   * its condition cancels its timer: {@code Workflow.await(timeout, condition)} leaves it running, and every such timer
   * fires later into the history (a workflow task each) although nobody waits for it any more.
   */
  static boolean awaitAtMost(Duration timeout, Supplier<Boolean> condition) {
    if (condition.get()) {
      return true;
    }
    List<Promise<Void>> timer = new ArrayList<>(1);
    CancellationScope scope = Workflow.newCancellationScope(() -> {
      timer.add(Workflow.newTimer(timeout));
      Workflow.await(() -> timer.get(0).isCompleted() || condition.get());
    });
    scope.run();
    if (!timer.get(0).isCompleted()) {
      scope.cancel();
    }
    return condition.get();
  }
}
