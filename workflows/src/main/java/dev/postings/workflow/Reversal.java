package dev.postings.workflow;

import java.util.Optional;

/**
 * How a landed payment is undone through the provider's API, for compensation (a cancel after the write, a record that
 * landed wrong) and for a reversal requested after CONFIRMED. Providers without one ({@link PostingPath#reversal()}
 * null) get an operator task carrying everything needed to reverse by hand. Runs in workflow code: deterministic.
 */
public interface Reversal {

  /** In words, for the timeline: what this reversal will do. */
  String describe();

  /**
   * Offsets {@code amountMinor} of record {@code recordId} in one go: looks for an earlier offsetting entry, sends one
   * if there is none, and looks again at once after an unclear outcome. Returns the provider's id of the offsetting
   * entry; throws {@link AttentionNeeded} with the evidence when the outcome cannot be known (never writes twice).
   */
  String reverse(String recordId, long amountMinor, String reason);

  /**
   * Looks for the offsetting entry of {@code recordId} (this reversal's own reference and amount). Empty when none is
   * listed, which proves nothing landed only once the provider had time to show it (the reversal workflow's settle
   * time). Throws the activity's failure when the search itself failed.
   */
  Optional<String> findOffset(String recordId, long amountMinor);

  /** Sends one offsetting entry and waits for its outcome; never sends it again by itself. */
  Attempt send(String recordId, long amountMinor, String reason);

  /** What one offsetting entry became. */
  sealed interface Attempt {

    /** On the ledger as {@code offsetId}. */
    record Landed(String offsetId, String evidence) implements Attempt {}

    /** The provider says it was written, without naming the entry. */
    record LandedUnnamed(String evidence) implements Attempt {}

    /** The provider refused it or its job failed: nothing was offset. */
    record Refused(String evidence) implements Attempt {}

    /** Nobody knows whether it landed: it must be searched for after the provider's settle time. */
    record Unclear(String evidence) implements Attempt {}

    String evidence();
  }
}
