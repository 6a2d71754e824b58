package dev.postings.starter.timeline;

import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.util.List;

/**
 * A posting's story for operators: its step transitions (the workflow's own timeline) and, under each, the Temporal
 * history behind it in words (activity attempts and their failures, timers, signals, updates) with times. Never any
 * payload: activity inputs and results are left out, only failure messages are told, decoded with the data converter.
 *
 * @param waiting what the posting waits in now, null when it is moving or finished
 */
public record PostingTimeline(String postingId, PostingState state, Waiting waiting, List<Step> steps) {

  /**
   * @param step where it waits
   * @param since when it entered its current state
   * @param waitingFor how long it has waited so far (ISO-8601 duration), serialized as {@code for}
   */
  public record Waiting(PostingStep step, Instant since,
      @com.fasterxml.jackson.annotation.JsonProperty("for") String waitingFor) {}

  /**
   * One transition of the posting's timeline and what happened until the next one.
   *
   * @param leftAt when the next transition happened, null for the last one
   * @param summary the transition's own words
   */
  public record Step(PostingStep step, PostingState state, Instant enteredAt, Instant leftAt, String summary,
      List<HistoryLine> history) {}

  /**
   * One Temporal history event in words.
   *
   * @param kind workflow, activity, timer, update, signal, search-attribute, marker, workflow-task, child-workflow
   */
  public record HistoryLine(Instant time, String kind, String text) {}
}
