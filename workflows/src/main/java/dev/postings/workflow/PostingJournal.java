package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The posting's observable state inside the workflow: current state and step, the ids learnt, the timeline. The state is
 * mirrored to the {@code PostingState} search attribute (one history event per upsert, none when only the step moves):
 * every state that something finds postings by ({@link PostingState#isFoundByAttribute()}) at once; a working state
 * (SUBMITTING, DISCOVERING_RECORD) only when it ends a wait, so that the attribute never names a wait that is over (a
 * re-drive must not find a posting PARKED once it runs again). On the happy path the attribute thus goes from RECEIVED
 * straight to the end state; the status query still shows every state and the timeline every step.
 *
 * <p>A posting the starter registered ({@link PostingOrder#endIsRegistered}) that ends without ever having waited keeps
 * RECEIVED in the attribute: its end is in the registry, which the operator's lists read, and in the workflow's result,
 * and nothing looks for ends by the attribute (decision 0028). That saves the happy path one history event.
 */
final class PostingJournal {

  private final String postingId;
  private final PostingRequest request;
  private final List<TimelineEntry> timeline = new ArrayList<>();
  private PostingState state;
  private PostingStep step;
  private String providerJobId;
  private String providerRecordId;
  private String lastError;
  /** Why the posting waits for a person, while it does (PARKED, NEEDS_ATTENTION); null otherwise. */
  private AttentionCode attention;
  private PostingState publishedState;
  /** Whether the registry holds the posting's end, so that an end after RECEIVED need not be published. */
  private final boolean endIsRegistered;
  private final PostingMetrics metrics;
  /** What the registry learns of this posting's states (waits and ends). */
  private final RegistryRecording registry;

  PostingJournal(PostingRequest request, boolean endIsRegistered) {
    this.request = request;
    this.endIsRegistered = endIsRegistered;
    this.postingId = request == null ? null : request.postingId();
    // The starter sets PostingState=RECEIVED in the start options; a start without it (Temporal CLI) gets it here.
    this.publishedState = startedWith(Workflow.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_STATE));
    this.metrics = new PostingMetrics(request == null ? "unknown" : String.valueOf(request.provider()));
    this.registry = new RegistryRecording();
    metrics.started();
    moveTo(PostingState.RECEIVED, PostingStep.VALIDATE, "posting received");
  }

  /** A continued run: the journal as the run before carried it (no new RECEIVED, the posting is not counted again). */
  PostingJournal(PostingRequest request, boolean endIsRegistered, PostingCarry.JournalSnapshot carried) {
    this.request = request;
    this.endIsRegistered = endIsRegistered;
    this.postingId = request == null ? null : request.postingId();
    this.metrics = new PostingMetrics(request == null ? "unknown" : String.valueOf(request.provider()));
    this.registry = RegistryRecording.continued();
    this.state = carried.state();
    this.step = carried.step();
    this.providerJobId = carried.providerJobId();
    this.providerRecordId = carried.providerRecordId();
    this.lastError = carried.lastError();
    this.attention = carried.attention();
    this.publishedState = carried.publishedState();
    this.timeline.addAll(carried.timeline());
  }

  /** How many timeline entries a run carries into the next: the first ones and the latest ones. */
  static final int CARRIED_FIRST = 20;
  static final int CARRIED_LATEST = 280;

  /**
   * The journal for the next run. A timeline longer than {@link #CARRIED_FIRST} plus {@link #CARRIED_LATEST} entries
   * keeps its beginning and its latest entries and says how many were left out (the earlier runs' histories keep them
   * all): an input must stay small however long the posting lives.
   */
  PostingCarry.JournalSnapshot snapshot() {
    List<TimelineEntry> carried = timeline;
    if (timeline.size() > CARRIED_FIRST + CARRIED_LATEST + 1) {
      carried = new ArrayList<>(timeline.subList(0, CARRIED_FIRST));
      List<TimelineEntry> latest = timeline.subList(timeline.size() - CARRIED_LATEST, timeline.size());
      TimelineEntry firstLeftOut = timeline.get(CARRIED_FIRST);
      carried.add(new TimelineEntry(firstLeftOut.state(), firstLeftOut.step(), firstLeftOut.at(),
          (timeline.size() - CARRIED_FIRST - CARRIED_LATEST) + " entries left out here; the posting's earlier runs"
              + " have them in their histories"));
      carried.addAll(latest);
    }
    return new PostingCarry.JournalSnapshot(state, step, providerJobId, providerRecordId, lastError, publishedState,
        List.copyOf(carried), attention);
  }

  /** The state the start options published, if it is one of ours (anything else is overwritten at once). */
  private static PostingState startedWith(String published) {
    for (PostingState state : PostingState.values()) {
      if (state.name().equals(published)) {
        return state;
      }
    }
    return null;
  }

  void moveTo(PostingState newState, PostingStep newStep, String detail) {
    if (newState != state) {
      metrics.changed(state, newState);
    }
    state = newState;
    step = newStep;
    if (newState != PostingState.PARKED && newState != PostingState.NEEDS_ATTENTION) {
      attention = null;
    }
    timeline.add(new TimelineEntry(newState, newStep, Instant.ofEpochMilli(Workflow.currentTimeMillis()), detail));
    if (newState != publishedState && mustPublish(newState)) {
      Workflow.upsertTypedSearchAttributes(PostingSearchAttributes.POSTING_STATE.valueSet(newState.name()));
      publishedState = newState;
    }
    registry.entered(postingId, newState, newStep, providerRecordId, attention);
  }

  /**
   * A state someone finds postings by is always published; a working state only when the attribute still names a wait
   * (or nothing yet). A working state after RECEIVED or after another working state is left unpublished: the attribute
   * keeps saying RECEIVED (in progress) until the posting waits or ends (each upsert is a history event), and, for a
   * registered posting, after it ends too.
   */
  private boolean mustPublish(PostingState newState) {
    if (endIsRegistered && newState.isTerminal() && publishedState == PostingState.RECEIVED) {
      return false;
    }
    return newState.isFoundByAttribute() || publishedState == null
        || (publishedState != PostingState.RECEIVED && publishedState.isFoundByAttribute());
  }

  /** Moves to a state because something went wrong; the reason becomes {@code lastError}. */
  void fail(PostingState newState, String reason) {
    lastError = reason;
    moveTo(newState, step, reason);
  }

  /** Moves to a waiting state (PARKED, NEEDS_ATTENTION) that needs a person, with the code saying why. */
  void fail(PostingState newState, AttentionCode code, String reason) {
    // the code first: the registry learns it with the state
    lastError = reason;
    attention = code;
    moveTo(newState, step, reason);
  }

  void jobId(String jobId) {
    this.providerJobId = jobId;
  }

  void recordId(String recordId) {
    this.providerRecordId = recordId;
  }

  PostingState state() {
    return state;
  }

  PostingStep step() {
    return step;
  }

  PostingStatus status() {
    return new PostingStatus(
        postingId,
        request == null ? null : request.provider(),
        state,
        step,
        providerJobId,
        providerRecordId,
        List.copyOf(timeline),
        lastError,
        attention == null ? null : Attention.of(attention));
  }
}
