package dev.postings.starter.timeline;

import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.model.PostingRequest;
import dev.postings.starter.timeline.PostingTimeline.HistoryLine;
import dev.postings.starter.timeline.PostingTimeline.Step;
import dev.postings.starter.timeline.PostingTimeline.Waiting;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.TimelineEntry;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Builds a posting's {@link PostingTimeline} from its status and its Temporal history. */
public class TimelineService {

  /** The states in which a posting waits for something outside itself (a job, a PMC, a re-drive, an operator). */
  private static final Set<PostingState> WAITING = EnumSet.of(PostingState.AWAITING_JOB,
      PostingState.AWAITING_APPROVAL, PostingState.PARKED, PostingState.NEEDS_ATTENTION);

  private final WorkflowClient client;
  private final PostingStatuses postings;
  private final HistoryNarrator narrator;
  private final Clock clock;

  public TimelineService(WorkflowClient client, PostingStatuses postings, Clock clock) {
    this.client = client;
    this.postings = postings;
    this.narrator = new HistoryNarrator(client.getOptions().getDataConverter());
    this.clock = clock;
  }

  public Optional<PostingTimeline> timeline(String postingId) {
    Optional<PostingStatus> found = postings.status(postingId);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PostingStatus status = found.get();
    List<HistoryEvent> events = client.fetchHistory(PostingRequest.workflowIdOf(postingId)).getEvents();
    return Optional.of(build(status, narrator.narrateWithOrigin(events), clock.instant()));
  }

  /**
   * Each history line goes under the last transition before it: an attempt that failed belongs to the step that made
   * it, the timer started by the next transition to that one. At equal times (the server's clock has milliseconds) an
   * outside event (an activity's outcome, a timer firing, an update arriving) goes before the transition it caused, and
   * the effect of a command after the transition that made it.
   */
  static PostingTimeline build(PostingStatus status, List<HistoryNarrator.Narrated> narrated, Instant now) {
    List<TimelineEntry> timeline = status.timeline() == null ? List.of() : status.timeline();
    List<List<HistoryLine>> byStep = new ArrayList<>();
    timeline.forEach(entry -> byStep.add(new ArrayList<>()));
    List<HistoryLine> unplaced = new ArrayList<>();
    for (HistoryNarrator.Narrated told : narrated) {
      HistoryLine line = told.line();
      int at = -1;
      for (int i = 0; i < timeline.size(); i++) {
        Instant transition = timeline.get(i).at();
        if (told.external() ? transition.isBefore(line.time()) : !transition.isAfter(line.time())) {
          at = i;
        }
      }
      if (timeline.isEmpty()) {
        unplaced.add(line);
      } else {
        byStep.get(Math.max(at, 0)).add(line);
      }
    }
    List<Step> steps = new ArrayList<>();
    for (int i = 0; i < timeline.size(); i++) {
      TimelineEntry entry = timeline.get(i);
      steps.add(new Step(entry.step(), entry.state(), entry.at(),
          i + 1 < timeline.size() ? timeline.get(i + 1).at() : null, entry.detail(), byStep.get(i)));
    }
    if (timeline.isEmpty() && !unplaced.isEmpty()) {
      // no worker has answered for the posting yet: the history alone
      steps.add(new Step(status.step(), status.state(), unplaced.get(0).time(), null,
          "no step recorded yet (no worker has run the posting)", unplaced));
    }
    Waiting waiting = null;
    if (WAITING.contains(status.state())) {
      Instant since = TemporalWaitingPostings.stateSince(status);
      if (since != null) {
        waiting = new Waiting(status.step(), since, Duration.between(since, now).withNanos(0).toString());
      }
    }
    return new PostingTimeline(status.postingId(), status.state(), waiting, steps);
  }
}
