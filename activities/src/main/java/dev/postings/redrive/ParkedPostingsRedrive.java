package dev.postings.redrive;

import dev.postings.directory.WaitingPostings;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingWorkflow;
import io.temporal.activity.Activity;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds a provider's PARKED postings ({@link WaitingPostings}: a visibility query on a cluster, a listing on the
 * embedded server) and sends each the {@code retryNow} update, paced. A posting that left PARKED meanwhile refuses the
 * update in its validator, which costs it nothing; it is reported as skipped.
 */
public class ParkedPostingsRedrive implements RedriveActivities {

  private static final Logger log = LoggerFactory.getLogger(ParkedPostingsRedrive.class);

  private final WorkflowClient client;
  private final WaitingPostings postings;
  private final Pacer pacer;
  private final ProviderProbe probe;
  /** The time the postings' back-offs are measured in (the test server's, when time is skipped). */
  private final Clock clock;

  /** Waits between two re-drives; a test passes one that does not sleep. */
  @FunctionalInterface
  public interface Pacer {
    void pause(Duration duration) throws InterruptedException;
  }

  public ParkedPostingsRedrive(WorkflowClient client, WaitingPostings postings, Pacer pacer, ProviderProbe probe,
      Clock clock) {
    this.client = client;
    this.postings = postings;
    this.pacer = pacer;
    this.probe = probe;
    this.clock = clock;
  }

  public ParkedPostingsRedrive(WorkflowClient client, WaitingPostings postings, Pacer pacer, ProviderProbe probe) {
    this(client, postings, pacer, probe, Clock.systemUTC());
  }

  public ParkedPostingsRedrive(WorkflowClient client, WaitingPostings postings, Pacer pacer) {
    this(client, postings, pacer, ProviderProbe.NONE);
  }

  public ParkedPostingsRedrive(WorkflowClient client, WaitingPostings postings, ProviderProbe probe) {
    this(client, postings, duration -> Thread.sleep(duration.toMillis()), probe);
  }

  @Override
  public ProviderRedrive redriveParked(RedriveBatch batch) {
    List<String> parked = postings.find(PostingState.PARKED, batch.provider());
    List<String> redriven = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    if (parked.isEmpty()) {
      return new ProviderRedrive(batch.provider(), 0, redriven, skipped);
    }
    // One probe for the provider, not one failed attempt per posting: while it does not answer, nobody is resumed
    ProviderProbe.Answer answer = probe.probe(batch.provider());
    if (!answer.answers()) {
      log.info("re-drive of {}: {} parked, none resumed: the provider does not answer ({})", batch.provider(),
          parked.size(), answer.detail());
      return new ProviderRedrive(batch.provider(), parked.size(), redriven, List.copyOf(parked));
    }
    Duration gap = Duration.ofMillis((long) Math.ceil(1000 / Math.max(0.01, batch.perSecond())));
    for (String workflowId : parked) {
      if (redriven.size() >= batch.maxPostings()) {
        skipped.add(workflowId);
        continue;
      }
      if (!redriven.isEmpty()) {
        try {
          pacer.pause(gap);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          break;
        }
      }
      heartbeat(redriven.size());
      if (RedriveOrder.SCHEDULED.equals(batch.requestedBy()) && notYetDue(workflowId)) {
        skipped.add(workflowId);
        continue;
      }
      try {
        client.newWorkflowStub(PostingWorkflow.class, workflowId)
            .retryNow(new OperatorDecision(null, batch.requestedBy()));
        redriven.add(workflowId);
        log.info("posting {} re-driven by {}", workflowId, batch.requestedBy());
      } catch (WorkflowUpdateException | WorkflowNotFoundException notParkedAnyMore) {
        skipped.add(workflowId);
      }
    }
    if (!parked.isEmpty()) {
      log.info("re-drive of {}: {} parked, {} re-driven, {} skipped", batch.provider(), parked.size(),
          redriven.size(), skipped.size());
    }
    return new ProviderRedrive(batch.provider(), parked.size(), redriven, skipped);
  }

  /**
   * Whether the posting's own back-off still holds the schedule back. Asked with a query (no history); a posting that
   * cannot answer it (one started before it existed) is offered the update, whose validator decides.
   */
  private boolean notYetDue(String workflowId) {
    try {
      Instant from = client.newWorkflowStub(PostingWorkflow.class, workflowId).scheduledRedriveFrom();
      return from != null && clock.instant().isBefore(from);
    } catch (RuntimeException noAnswer) {
      return false;
    }
  }

  private static void heartbeat(int done) {
    try {
      Activity.getExecutionContext().heartbeat(done);
    } catch (IllegalStateException notInAnActivity) {
      // called directly (tests); nothing to beat for
    }
  }
}
