package dev.postings.directory;

import dev.postings.model.Money;
import dev.postings.model.Provider;
import dev.postings.workflow.Attention;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;

/**
 * One line of a posting list. Never any cardholder data: the reference and amount are what the ledger shows.
 *
 * @param step null when no worker could answer for the posting (it has not run yet, or no worker is up)
 * @param stateSince when the posting entered its current state (its timeline), null when unknown
 * @param attention why it waits for a person (code and runbook page) while PARKED or in NEEDS_ATTENTION, else null
 */
public record PostingSummary(String postingId, Provider provider, PostingState state, PostingStep step,
    String referenceNumber, Money amount, Instant startedAt, Instant stateSince, String lastError,
    Attention attention) {}
