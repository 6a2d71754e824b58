package dev.postings.starter.registry;

import dev.postings.model.PostingRequest;
import dev.postings.registry.PostingRecord;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.RegistryQuery;
import dev.postings.registry.StateRecorded;
import dev.postings.registry.StateUpdate;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.TimelineEntry;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the registry true to Temporal where the workflow's own updates could not (docs/decisions/0022-postgresql-registry.md):
 *
 * <ul>
 *   <li>{@link #repairStates}: a state update lost while the registry was away. Each open row is compared with its
 *       posting's status (the workflow's own answer); a wait or an end the row does not show, or a wait the row still
 *       shows after it ended, is recorded with the workflow's time of the change. Idempotent and monotonic as every
 *       update: a repair never overwrites a later update of the workflow's.
 *   <li>{@link #markLostWorkflows}: after a restart of the local Temporal server, which forgets every workflow, each
 *       open row without a workflow is marked {@link PostingRegistry#LOCAL_TEMPORAL_RESTARTED}, shown to operators,
 *       never dropped. Only on the embedded server: on a cluster an open workflow is never forgotten.
 * </ul>
 */
public class RegistryRepair {

  private static final Logger log = LoggerFactory.getLogger(RegistryRepair.class);

  private final PostingRegistry registry;
  private final WorkflowClient client;
  private final Function<String, Optional<PostingStatus>> statusOf;
  private final Clock clock;

  /** @param statusOf the posting's status as the API answers it (the workflow's query, or its result once closed) */
  public RegistryRepair(PostingRegistry registry, WorkflowClient client,
      Function<String, Optional<PostingStatus>> statusOf, Clock clock) {
    this.registry = registry;
    this.client = client;
    this.statusOf = statusOf;
    this.clock = clock;
  }

  /** @return how many rows were marked as without a workflow */
  public int markLostWorkflows() {
    int marked = 0;
    String after = null;
    while (true) {
      List<PostingRecord> open = registry.openPostings(after, RegistryQuery.MAX_LIMIT);
      if (open.isEmpty()) {
        break;
      }
      List<String> lost = new ArrayList<>();
      for (PostingRecord row : open) {
        if (!workflowExists(row.postingId())) {
          lost.add(row.postingId());
        }
      }
      marked += registry.markOutcomeUnknown(lost, PostingRegistry.LOCAL_TEMPORAL_RESTARTED, clock.instant());
      after = open.get(open.size() - 1).postingId();
    }
    if (marked > 0) {
      log.warn("{} open postings have no workflow on this Temporal server (it restarted and forgot them): marked"
          + " \"{}\" for operators", marked, PostingRegistry.LOCAL_TEMPORAL_RESTARTED);
    }
    return marked;
  }

  /** @return how many rows were corrected */
  public int repairStates() {
    int repaired = 0;
    String after = null;
    while (true) {
      List<PostingRecord> open = registry.openPostings(after, RegistryQuery.MAX_LIMIT);
      if (open.isEmpty()) {
        break;
      }
      for (PostingRecord row : open) {
        try {
          Optional<StateUpdate> missing = statusOf.apply(row.postingId()).flatMap(status -> missedUpdate(row, status));
          if (missing.isPresent() && registry.recordState(missing.get()) == StateRecorded.APPLIED) {
            repaired++;
            log.info("posting {}: registry repaired from {} to {}", row.postingId(), row.state(),
                missing.get().state());
          }
        } catch (RuntimeException unanswered) {
          // one posting that does not answer (no worker yet) must not stop the others; the next run tries again
          log.debug("posting {}: not compared with its workflow: {}", row.postingId(), unanswered.toString());
        }
      }
      after = open.get(open.size() - 1).postingId();
    }
    return repaired;
  }

  /**
   * The update the workflow's own would have made, when the row misses it: the workflow waits or ended in a state the
   * row does not show, or the row shows a wait the workflow left. The time is the workflow's: when the current state
   * began on its timeline (no timeline, no time: nothing is recorded).
   */
  static Optional<StateUpdate> missedUpdate(PostingRecord row, PostingStatus status) {
    PostingState now = status.state();
    if (now == null || now == row.state() || status.timeline().isEmpty()
        || !(isWait(now) || now.isTerminal() || isWait(row.state()))) {
      return Optional.empty();
    }
    List<TimelineEntry> timeline = status.timeline();
    int first = timeline.size() - 1;
    while (first > 0 && timeline.get(first - 1).state() == now) {
      first--;
    }
    TimelineEntry began = timeline.get(first);
    if (began.state() != now) {
      return Optional.empty();
    }
    return Optional.of(new StateUpdate(row.postingId(), now, status.step() == null ? began.step() : status.step(),
        status.providerRecordId(), status.attention() == null ? null : status.attention().code(), began.at()));
  }

  static boolean isWait(PostingState state) {
    return state == PostingState.PARKED || state == PostingState.NEEDS_ATTENTION
        || state == PostingState.AWAITING_APPROVAL;
  }

  private boolean workflowExists(String postingId) {
    try {
      client.newUntypedWorkflowStub(PostingRequest.workflowIdOf(postingId)).describe();
      return true;
    } catch (WorkflowNotFoundException notFound) {
      return false;
    } catch (StatusRuntimeException rpc) {
      if (rpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return false;
      }
      throw rpc;
    }
  }
}
