package dev.postings.workflow;

import io.temporal.activity.LocalActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * Which state changes the posting tells the registry, and the telling (a part of the journal). A state a posting waits
 * in (PARKED, NEEDS_ATTENTION, AWAITING_APPROVAL), the end of such a wait, and the state it ends in: one local activity
 * each, one history event (a marker). The API registers RECEIVED; the working states in between (SUBMITTING, AWAITING_JOB,
 * DISCOVERING_RECORD) last a few calls and are not told, so a synchronous posting costs one event: the local
 * activity's marker for its end.
 *
 * <p>A failed update (the registry away) never holds the posting up: the workflow goes on, and the starter's repair
 * (docs/decisions/0022-postgresql-registry.md) finds the row whose state Temporal contradicts and records the
 * difference.
 */
final class RegistryRecording {

  /** One database statement on a pool that gives up on a connection after 2 s (worker.yml). */
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(4);
  /** Two tries, well inside a workflow task's 10 s: a registry away costs the posting seconds, never its progress. */
  private static final LocalActivityOptions OPTIONS = LocalActivityOptions.newBuilder()
      .setStartToCloseTimeout(CALL_TIMEOUT)
      .setScheduleToCloseTimeout(CALL_TIMEOUT.multipliedBy(2))
      .setRetryOptions(RetryOptions.newBuilder()
          .setInitialInterval(Duration.ofMillis(500))
          .setMaximumAttempts(2)
          .build())
      .build();

  private static final Logger log = Workflow.getLogger(RegistryRecording.class);

  /** What the registry was last told (RECEIVED: the API's registration). */
  private PostingState told = PostingState.RECEIVED;

  RegistryRecording() {}

  /** A continued run: what the run before told is unknown here, so its wait is told again (harmless: idempotent). */
  static RegistryRecording continued() {
    RegistryRecording recording = new RegistryRecording();
    recording.told = null;
    return recording;
  }

  /** Whether entering {@code state} is told: a wait, an end, or leaving a wait that was told. */
  static boolean isTold(PostingState previouslyTold, PostingState state) {
    if (state == previouslyTold) {
      return false;
    }
    return isWait(state) || state.isTerminal() || previouslyTold == null || isWait(previouslyTold);
  }

  static boolean isWait(PostingState state) {
    return state == PostingState.PARKED || state == PostingState.NEEDS_ATTENTION
        || state == PostingState.AWAITING_APPROVAL;
  }

  void entered(String postingId, PostingState state, PostingStep step, String recordId, AttentionCode attention) {
    if (postingId == null || !isTold(told, state)) {
      return;
    }
    told = state;
    PostingRegistryUpdates registry = Workflow.newLocalActivityStub(PostingRegistryUpdates.class, OPTIONS);
    try {
      registry.recordState(new PostingRegistryUpdates.StateChange(postingId, state, step, recordId, attention,
          Instant.ofEpochMilli(Workflow.currentTimeMillis())));
    } catch (ActivityFailure failure) {
      // the repair in the starter records what Temporal shows; the posting goes on
      log.warn("posting {}: the registry did not take state {}: {}", postingId, state, failure.getMessage());
    }
  }
}
