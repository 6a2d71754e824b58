package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Finds the open postings of a provider that are in a given state (by the PostingState search attribute). */
public interface WaitingPostings {

  /** Workflow ids of the open postings of {@code provider} in {@code state}. */
  List<String> find(PostingState state, Provider provider);

  /**
   * Every open posting in one of {@code states}, with its provider and start. This default asks {@link #find} once per
   * state and provider and knows no start times; the Temporal directory lists them all in one pass.
   */
  default List<WaitingPosting> waiting(Set<PostingState> states) {
    List<WaitingPosting> all = new ArrayList<>();
    for (PostingState state : states) {
      for (Provider provider : Provider.values()) {
        for (String workflowId : find(state, provider)) {
          all.add(new WaitingPosting(workflowId, state, provider, null));
        }
      }
    }
    return all;
  }

  /**
   * When the posting entered its current state, by its own timeline (a status query: a worker must answer); empty when
   * nobody answers or it is unknown.
   */
  default Optional<Instant> enteredStateAt(String workflowId) {
    return Optional.empty();
  }
}
