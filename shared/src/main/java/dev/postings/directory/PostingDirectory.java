package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.util.List;
import java.util.Set;

/**
 * Finds postings for operators and for the services around the workflows: by state, provider, age and reference, with
 * counts per state. One interface for both places a posting runs: on a Temporal cluster it is answered by visibility
 * queries on the search attributes; on the embedded test server (no visibility queries) by listing the executions and
 * describing each one, see {@link TemporalWaitingPostings}.
 */
public interface PostingDirectory extends WaitingPostings {

  /** @throws InvalidCursor when {@code query.cursor()} is not one this directory handed out */
  PostingPage list(PostingQuery query);

  /**
   * The open postings of these providers in {@code state}, with their memo (see {@link NoticeCandidate}): one query (one
   * listing on the embedded server) whatever the number of providers.
   */
  List<NoticeCandidate> noticeCandidates(PostingState state, Set<Provider> providers);

  /** The caller passed a cursor this directory did not hand out (or one from another kind of server). */
  final class InvalidCursor extends IllegalArgumentException {
    public InvalidCursor(String message) {
      super(message);
    }
  }
}
