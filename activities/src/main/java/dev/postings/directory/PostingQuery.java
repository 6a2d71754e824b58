package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.time.Duration;
import java.util.Set;

/**
 * Which postings an operator wants to see.
 *
 * @param states only postings in one of these states (empty: any state); the counts ignore this filter
 * @param providers only postings of one of these providers (empty: any)
 * @param olderThan only postings started at least this long ago (null: any age)
 * @param reference only postings with exactly this reference number (null: any)
 * @param limit at most this many postings per page
 * @param cursor where the previous page ended ({@link PostingPage#nextCursor()}), or null for the first page
 */
public record PostingQuery(Set<PostingState> states, Set<Provider> providers, Duration olderThan, String reference,
    int limit, String cursor) {

  public PostingQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
    providers = providers == null ? Set.of() : Set.copyOf(providers);
  }
}
