package dev.postings.starter.reversal;

import dev.postings.reversal.ReversalStatus;
import java.util.Optional;

/**
 * Reversals of postings, each a workflow of its own ({@code reversal-<postingId>}): asked for after CONFIRMED through
 * {@code POST /api/postings/{id}/reverse}, or opened by a posting's compensation. The API calls whatever bean
 * implements this; without one it answers 501.
 */
public interface PostingReversals {

  /**
   * Starts (or finds, when already requested) the reversal of a posting.
   *
   * @param postingId the posting to reverse
   * @param reason why, in the operator's words
   * @param requestedBy the name of the API key that asked
   * @throws ReversalRefused when the posting cannot be reversed in its state (answered 409 with the message)
   */
  ReversalAccepted request(String postingId, String reason, String requestedBy);

  /** The posting's reversal as it stands (its result once it ended), or empty when the posting has none. */
  Optional<ReversalStatus> status(String postingId);

  /**
   * An operator reversed the posting by hand: the reversal's operator task ends REVERSED, recording who and how.
   *
   * @param note how it was reversed (the entry's id in the provider's system), for the timeline
   * @param operator the name of the API key that says so
   * @return empty when the posting has no reversal
   * @throws ReversalRefused when the reversal is not an operator task (any more): answered 409 with its reason
   */
  Optional<ReversalStatus> reversedByHand(String postingId, String note, String operator);
}
