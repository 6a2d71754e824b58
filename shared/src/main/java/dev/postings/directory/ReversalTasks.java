package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import java.util.List;

/**
 * Finds reversals ({@code reversal-<postingId>}) for operators and the waiting gauge, by the {@code ReversalState} and
 * {@code PostingProvider} search attributes: a visibility query on a cluster, a listing on the embedded server. A
 * reversal by hand (NEEDS_ATTENTION, ESCALATED) is an operator task like a posting waiting for one.
 */
public interface ReversalTasks {

  /** @throws PostingDirectory.InvalidCursor when {@code query.cursor()} is not one this directory handed out */
  ReversalPage list(ReversalQuery query);

  /** Workflow ids of the open reversals of {@code provider} in {@code state}. */
  List<String> find(ReversalState state, Provider provider);
}
