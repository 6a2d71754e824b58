package dev.postings.starter.reversal;

/**
 * Reversal of a CONFIRMED posting: an operator asks for it through {@code POST /api/postings/{id}/reverse}, and it runs
 * as a workflow of its own ({@code reversal-<postingId>}). The API calls whatever bean implements this; without one it
 * answers 501.
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
}
