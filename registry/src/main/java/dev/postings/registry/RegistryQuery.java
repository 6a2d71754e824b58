package dev.postings.registry;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.Set;

/**
 * A list of postings, newest first. Filters combine (AND); an empty set of states or providers means any. Counts by
 * state use every filter but the states.
 *
 * @param connectionId only this customer account's postings, or {@code null}
 * @param startedBefore only postings started before this instant (the API's {@code olderThan}: now minus the age), or
 *     {@code null}
 * @param reference the exact reference, or {@code null}: compared by its keyed hash, never in clear
 * @param amountMinor the exact amount in minor units, or {@code null}
 * @param transactionDateFrom first transaction date included, or {@code null}
 * @param transactionDateTo last transaction date included, or {@code null}
 * @param owner only this service's postings (a service key), or {@code null} (an operator sees every posting)
 * @param limit page size, 1 to {@link #MAX_LIMIT}
 * @param cursor the {@code nextCursor} of the previous page of the same list, or {@code null} for the first page
 */
public record RegistryQuery(Set<PostingState> states, Set<Provider> providers, String connectionId,
    Instant startedBefore, String reference, Long amountMinor, LocalDate transactionDateFrom,
    LocalDate transactionDateTo, String owner, int limit, String cursor) {

  public static final int MAX_LIMIT = 200;

  public RegistryQuery {
    states = states == null || states.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(states));
    providers = providers == null || providers.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(providers));
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
    }
    if (transactionDateFrom != null && transactionDateTo != null && transactionDateFrom.isAfter(transactionDateTo)) {
      throw new IllegalArgumentException("transactionDateFrom is after transactionDateTo");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The same list, from the page the cursor names. */
  public RegistryQuery after(String nextCursor) {
    return new RegistryQuery(states, providers, connectionId, startedBefore, reference, amountMinor,
        transactionDateFrom, transactionDateTo, owner, limit, nextCursor);
  }

  /** Without the reference: it is payment data, and this line may reach a log. */
  @Override
  public String toString() {
    return "RegistryQuery[states=" + states + ", providers=" + providers + ", connectionId=" + connectionId
        + ", startedBefore=" + startedBefore + ", reference=" + (reference == null ? "any" : "given")
        + ", amountMinor=" + amountMinor + ", transactionDates=" + transactionDateFrom + ".." + transactionDateTo
        + ", owner=" + owner + ", limit=" + limit + ", cursor=" + (cursor == null ? "first page" : "given") + "]";
  }

  public static final class Builder {
    private Set<PostingState> states = Set.of();
    private Set<Provider> providers = Set.of();
    private String connectionId;
    private Instant startedBefore;
    private String reference;
    private Long amountMinor;
    private LocalDate transactionDateFrom;
    private LocalDate transactionDateTo;
    private String owner;
    private int limit = 50;
    private String cursor;

    private Builder() {}

    public Builder states(Set<PostingState> states) {
      this.states = states;
      return this;
    }

    public Builder states(PostingState first, PostingState... more) {
      this.states = EnumSet.of(first, more);
      return this;
    }

    public Builder providers(Set<Provider> providers) {
      this.providers = providers;
      return this;
    }

    public Builder providers(Provider first, Provider... more) {
      this.providers = EnumSet.of(first, more);
      return this;
    }

    public Builder connectionId(String connectionId) {
      this.connectionId = connectionId;
      return this;
    }

    public Builder startedBefore(Instant startedBefore) {
      this.startedBefore = startedBefore;
      return this;
    }

    public Builder reference(String reference) {
      this.reference = reference;
      return this;
    }

    public Builder amountMinor(Long amountMinor) {
      this.amountMinor = amountMinor;
      return this;
    }

    public Builder transactionDates(LocalDate from, LocalDate to) {
      this.transactionDateFrom = from;
      this.transactionDateTo = to;
      return this;
    }

    public Builder owner(String owner) {
      this.owner = owner;
      return this;
    }

    public Builder limit(int limit) {
      this.limit = limit;
      return this;
    }

    public Builder cursor(String cursor) {
      this.cursor = cursor;
      return this;
    }

    public RegistryQuery build() {
      return new RegistryQuery(states, providers, connectionId, startedBefore, reference, amountMinor,
          transactionDateFrom, transactionDateTo, owner, limit, cursor);
    }
  }
}
