package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import java.util.Set;

/**
 * Which reversals an operator wants to see.
 *
 * @param states only these states (empty: any); the counts ignore this filter
 * @param providers only these providers (empty: any)
 * @param limit at most this many per page
 * @param cursor where the previous page ended, or null for the first page
 */
public record ReversalQuery(Set<ReversalState> states, Set<Provider> providers, int limit, String cursor) {

  public ReversalQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
    providers = providers == null ? Set.of() : Set.copyOf(providers);
  }
}
