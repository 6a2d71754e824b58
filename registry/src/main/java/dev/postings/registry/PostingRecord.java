package dev.postings.registry;

import dev.postings.model.Provider;
import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One row of the registry, with the reference opened for display.
 *
 * @param stateSince when the posting entered its current state
 * @param updatedAt the time of the latest state update recorded
 * @param finishedAt when it reached a terminal state; {@code null} while open
 * @param workflowLostAt when the row was marked as open without a workflow (the local Temporal server restarted and
 *     forgot it); {@code null} otherwise. The next state update recorded clears it
 * @param workflowLostReason the sentence operators see for such a row
 */
public record PostingRecord(String postingId, String owner, String fingerprint, Provider provider,
    String connectionId, long amountMinor, String currency, String reference, LocalDate transactionDate,
    PostingState state, PostingStep step, String recordId, AttentionCode attentionCode, Instant startedAt,
    Instant stateSince, Instant updatedAt, Instant finishedAt, Instant workflowLostAt, String workflowLostReason) {

  public boolean isOpen() {
    return finishedAt == null;
  }

  /** Without the reference: it is payment data, and this line may reach a log. */
  @Override
  public String toString() {
    return "PostingRecord[postingId=" + postingId + ", owner=" + owner + ", provider=" + provider + ", state=" + state
        + ", step=" + step + ", updatedAt=" + updatedAt + "]";
  }
}
