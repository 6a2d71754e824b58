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
 * @param narrowing the registry's filters (connection, amount, transaction dates); {@link Narrowing#NONE}: none
 */
public record PostingQuery(Set<PostingState> states, Set<Provider> providers, Duration olderThan, String reference,
    int limit, String cursor, String owner, Narrowing narrowing) {

  /**
   * Filters only the registry answers (Temporal's search attributes carry no payment data, so its listing has none).
   *
   * @param connectionId only postings to this connection (customer account)
   * @param amountMinor only postings of exactly this amount, in minor units
   * @param transactionDateFrom only postings whose transaction date is this day or later
   * @param transactionDateTo only postings whose transaction date is this day or earlier
   */
  public record Narrowing(String connectionId, Long amountMinor, java.time.LocalDate transactionDateFrom,
      java.time.LocalDate transactionDateTo) {

    public static final Narrowing NONE = new Narrowing(null, null, null, null);

    public boolean isNone() {
      return equals(NONE);
    }
  }

  /** What an owner may look like: it is compared in a visibility query, so plain words only, never quotes. */
  private static final Pattern OWNER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");

  public PostingQuery {
    states = states == null ? Set.of() : Set.copyOf(states);
    providers = providers == null ? Set.of() : Set.copyOf(providers);
    narrowing = narrowing == null ? Narrowing.NONE : narrowing;
    if (owner != null && !OWNER.matcher(owner).matches()) {
      throw new IllegalArgumentException("an owner is a service name (letters, digits, . _ @ -), not " + owner);
    }
  }

  /** Without the registry's filters. */
  public PostingQuery(Set<PostingState> states, Set<Provider> providers, Duration olderThan, String reference,
      int limit, String cursor, String owner) {
    this(states, providers, olderThan, reference, limit, cursor, owner, Narrowing.NONE);
  }

  /** The same query for every owner (an operator's). */
  public PostingQuery(Set<PostingState> states, Set<Provider> providers, Duration olderThan, String reference,
      int limit, String cursor) {
    this(states, providers, olderThan, reference, limit, cursor, null);
  }
}
