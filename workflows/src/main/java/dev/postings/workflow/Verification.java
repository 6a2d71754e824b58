package dev.postings.workflow;

/**
 * The read-back of a record compared with the request: {@code detail} names every difference, or what matched.
 *
 * @param landedAmountMinor set when the record is provably this posting's (our reference, our resident) but differs:
 *     the amount that landed, which a reversal must offset. Null otherwise.
 */
public record Verification(boolean matches, String detail, Long landedAmountMinor) {

  public Verification(boolean matches, String detail) {
    this(matches, detail, null);
  }
}
