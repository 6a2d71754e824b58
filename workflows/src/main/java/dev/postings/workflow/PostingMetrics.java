package dev.postings.workflow;

import com.uber.m3.tally.Scope;
import io.temporal.workflow.Workflow;
import java.util.Map;

/**
 * The posting's business metrics, from inside the workflow through {@link Workflow#getMetricsScope()}: that scope emits
 * nothing while a worker replays a history, so every posting is counted once however often it is replayed. The worker
 * bridges them to Micrometer (Prometheus: {@code postings_started_total}, {@code postings_finished_total},
 * {@code postings_time_to_confirm_seconds}, {@code postings_approval_wait_seconds}). Durations come from workflow time
 * (the run's start and {@link Workflow#currentTimeMillis()}), not from a wall clock in the worker.
 */
final class PostingMetrics {

  static final String STARTED = "postings_started";
  static final String FINISHED = "postings_finished";
  static final String TIME_TO_CONFIRM = "postings_time_to_confirm";
  static final String APPROVAL_WAIT = "postings_approval_wait";

  private final String provider;
  private long approvalSince = -1;

  PostingMetrics(String provider) {
    this.provider = provider;
  }

  void started() {
    scope().counter(STARTED).inc(1);
  }

  /** Called on every change of state (not of step): counts the end and times the waits. */
  void changed(PostingState from, PostingState to) {
    long now = Workflow.currentTimeMillis();
    if (to == PostingState.AWAITING_APPROVAL && approvalSince < 0) {
      approvalSince = now;
    } else if (from == PostingState.AWAITING_APPROVAL && approvalSince >= 0) {
      scope().tagged(Map.of("outcome", to.name())).timer(APPROVAL_WAIT)
          .record(com.uber.m3.util.Duration.ofMillis(now - approvalSince));
      approvalSince = -1;
    }
    if (to.isTerminal()) {
      scope().tagged(Map.of("outcome", to.name())).counter(FINISHED).inc(1);
      if (to == PostingState.CONFIRMED) {
        long startedAt = PostingStart.at().toEpochMilli();
        scope().timer(TIME_TO_CONFIRM).record(com.uber.m3.util.Duration.ofMillis(Math.max(0, now - startedAt)));
      }
    }
  }

  private Scope scope() {
    return Workflow.getMetricsScope().tagged(Map.of("provider", provider));
  }
}
