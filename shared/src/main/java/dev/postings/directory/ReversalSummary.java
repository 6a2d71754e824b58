package dev.postings.directory;

import dev.postings.model.Money;
import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import java.time.Instant;

/**
 * One line of a reversal list: what to reverse and where it stands. The details (task, amount, deadlines) are null when
 * no worker could answer for the reversal.
 *
 * @param task for an operator task, what to check and reverse by hand
 * @param escalateAt when an open operator task is (or was) escalated
 * @param reversedBy who marked it reversed by hand
 */
public record ReversalSummary(String postingId, Provider provider, ReversalState state, String recordId, Money amount,
    String task, Instant startedAt, Instant taskOpenedAt, Instant escalateAt, String reversedBy) {}
