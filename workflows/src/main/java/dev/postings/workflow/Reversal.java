package dev.postings.workflow;

/**
 * How a landed payment is undone through the provider's API, for compensation (a cancel after the write, a record that
 * landed wrong) and for a reversal requested after CONFIRMED. Providers without one ({@link PostingPath#reversal()}
 * null) get an operator task carrying everything needed to reverse by hand. Runs in workflow code: deterministic.
 */
public interface Reversal {

  /** In words, for the timeline: what this reversal will do. */
  String describe();

  /**
   * Offsets {@code amountMinor} of record {@code recordId}. Returns the provider's id of the offsetting entry; throws
   * {@link AttentionNeeded} with the evidence when the outcome cannot be known (never writes twice).
   */
  String reverse(String recordId, long amountMinor, String reason);
}
