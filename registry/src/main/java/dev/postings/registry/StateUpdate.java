package dev.postings.registry;

import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.util.Objects;

/**
 * A state the posting's workflow entered, as the workflow saw it.
 *
 * @param recordId the provider's record, once known; {@code null} keeps the one recorded before
 * @param attentionCode why it waits for a person, or {@code null}
 * @param at the workflow's time of the change: the registry orders updates by it, never by when they arrive
 */
public record StateUpdate(String postingId, PostingState state, PostingStep step, String recordId,
    AttentionCode attentionCode, Instant at) {

  public StateUpdate {
    Objects.requireNonNull(postingId, "postingId");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(at, "at");
  }
}
