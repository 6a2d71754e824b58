package dev.postings.workflow;

import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowLocal;
import java.time.Instant;

/**
 * When the posting started: its first run's start, also in the runs it continued as new into. The provider paths use
 * it to tell this posting's records from older ones with the same reference and amount, so it must not move when a
 * posting continues as new.
 */
public final class PostingStart {

  private static final WorkflowLocal<Instant> CARRIED = WorkflowLocal.withCachedInitial(() -> null);

  private PostingStart() {}

  /** A continued run: the first run's start. */
  static void carry(Instant startedAt) {
    CARRIED.set(startedAt);
  }

  public static Instant at() {
    Instant carried = CARRIED.get();
    return carried != null ? carried : Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis());
  }
}
