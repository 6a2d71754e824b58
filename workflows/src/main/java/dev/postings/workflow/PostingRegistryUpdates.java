package dev.postings.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.time.Instant;

/**
 * The registry of every posting learns the states a posting waits in or ends in (docs/decisions/0022-postgresql-registry.md):
 * a local activity, run by the worker that runs the workflow, on the registry's database. The registry applies an
 * update only when it is later (by {@link StateChange#at}, the workflow's time) than the one it shows, so replays and
 * retries change nothing.
 */
@ActivityInterface
public interface PostingRegistryUpdates {

  /**
   * A state the posting entered, as the workflow saw it.
   *
   * @param recordId the provider's record once known, else null
   * @param attentionCode why it waits for a person (PARKED, NEEDS_ATTENTION), else null
   * @param at the workflow's time of the change
   */
  record StateChange(String postingId, PostingState state, PostingStep step, String recordId,
      AttentionCode attentionCode, Instant at) {}

  @ActivityMethod(name = "RecordPostingState")
  void recordState(StateChange change);

  /**
   * Tells nothing: for a worker without a registry (tests of the workflow, tools). The posting workflow's worker must
   * have an implementation registered: without any activity the SDK cannot run a local activity and the workflow task
   * fails.
   */
  final class Unrecorded implements PostingRegistryUpdates {
    @Override
    public void recordState(StateChange change) {}
  }
}
