package dev.postings.worker.registry;

import dev.postings.registry.PostingRegistry;
import dev.postings.registry.StateRecorded;
import dev.postings.registry.StateUpdate;
import dev.postings.workflow.PostingRegistryUpdates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local activity that tells the registry a posting's waiting or terminal state (docs/decisions/0022-postgresql-registry.md).
 * A stale update (a replay, a retry after the row moved on) is applied by nobody and is no failure; a database away
 * is (RegistryUnavailable): the workflow notes it and goes on, and the starter's repair records the state later.
 */
public class RegistryStateUpdates implements PostingRegistryUpdates {

  private static final Logger log = LoggerFactory.getLogger(RegistryStateUpdates.class);

  private final PostingRegistry registry;

  public RegistryStateUpdates(PostingRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void recordState(StateChange change) {
    StateRecorded recorded = registry.recordState(new StateUpdate(change.postingId(), change.state(), change.step(),
        change.recordId(), change.attentionCode(), change.at()));
    if (recorded == StateRecorded.UNKNOWN_POSTING) {
      // started around the API (Temporal's CLI, a posting from before the registry): nothing to update, nothing to retry
      log.info("posting {}: not in the registry; state {} not recorded", change.postingId(), change.state());
    }
  }
}
