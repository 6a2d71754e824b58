package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.util.List;

/** Finds the open postings of a provider that are in a given state (by the PostingState search attribute). */
public interface WaitingPostings {

  /** Workflow ids of the open postings of {@code provider} in {@code state}. */
  List<String> find(PostingState state, Provider provider);
}
