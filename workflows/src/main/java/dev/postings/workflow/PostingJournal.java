package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The posting's observable state inside the workflow: current state and step, the ids learnt, the timeline. Every
 * state change is mirrored to the {@code PostingState} search attribute (one history event per change, none when only
 * the step moves).
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
  private PostingState publishedState;
  private final PostingMetrics metrics;

  PostingJournal(PostingRequest request) {
    this.request = request;
    this.postingId = request == null ? null : request.postingId();
    // The starter sets PostingState=RECEIVED in the start options; a start without it (Temporal CLI) gets it here.
    this.publishedState = startedWith(Workflow.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_STATE));
    this.metrics = new PostingMetrics(request == null ? "unknown" : String.valueOf(request.provider()));
    metrics.started();
    moveTo(PostingState.RECEIVED, PostingStep.VALIDATE, "posting received");
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
    timeline.add(new TimelineEntry(newState, newStep, Instant.ofEpochMilli(Workflow.currentTimeMillis()), detail));
    if (newState != publishedState) {
      Workflow.upsertTypedSearchAttributes(PostingSearchAttributes.POSTING_STATE.valueSet(newState.name()));
      publishedState = newState;
    }
  }

  /** Moves to a waiting state because something went wrong; the reason becomes {@code lastError}. */
  void fail(PostingState newState, String reason) {
    lastError = reason;
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
        lastError);
  }
}
