package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.time.Duration;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which postings an operator wants to see.
 *
 * @param states only postings in one of these states (empty: any state); the counts ignore this filter
 * @param providers only postings of one of these providers (empty: any)
 * @param olderThan only postings started at least this long ago (null: any age)
 * @param reference only postings with exactly this reference number (null: any)
 * @param limit at most this many postings per page
 * @param cursor where the previous page ended ({@link PostingPage#nextCursor()}), or null for the first page
 * @param owner only postings this service started ({@code PostingOwner}), for a service's key; null: every posting
 *     (an operator's)
 */
public record PostingQuery(Set<PostingState> states, Set<Provider> providers, Duration olderThan, String reference,
    int limit, String cursor, String owner) {

  /** What an owner may look like: it is compared in a visibility query, so plain words only, never quotes. */
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public PostingQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
    providers = providers == null ? Set.of() : Set.copyOf(providers);
    if (owner != null && !OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException("an owner is a service name (letters, digits, . _ @ -), not " + owner);
    }
  }

  /** The same query for every owner (an operator's). */
  public PostingQuery(Set<PostingState> states, Set<Provider> providers, Duration olderThan, String reference,
      int limit, String cursor) {
    this(states, providers, olderThan, reference, limit, cursor, null);
  }
}
