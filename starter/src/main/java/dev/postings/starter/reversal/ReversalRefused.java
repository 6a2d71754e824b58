package dev.postings.starter.reversal;

/** The posting cannot be reversed now (not CONFIRMED, say): the API answers 409 with this message. */
public class ReversalRefused extends RuntimeException {

  public ReversalRefused(String message) {
    super(message);
  }
}
