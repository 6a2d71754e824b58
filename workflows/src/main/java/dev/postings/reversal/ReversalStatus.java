package dev.postings.reversal;

import dev.postings.model.Provider;
import dev.postings.workflow.Attention;
import java.time.Instant;
import java.util.List;

/**
 * A reversal as operators see it.
 *
 * @param state where it stands; NEEDS_ATTENTION and ESCALATED are operator tasks
 * @param offsetRecordId the provider's offsetting entry, when the provider reversed it and named the entry
 * @param task for an operator task, everything needed to check and reverse by hand; null otherwise
 * @param reason why the reversal was asked for
 * @param requestedBy who asked (the API key's name), when known
 * @param taskOpenedAt when the operator task opened; null while there is none
 * @param remindAt when an open task is noted again (reversals since the reversal-tasks version)
 * @param escalateAt when an open task is ESCALATED (reversals since the reversal-tasks version)
 * @param reversedBy who marked it reversed by hand (the API key's name)
 * @param timeline what happened, one line each, oldest first
 * @param attention while the reversal is an operator task: its code ({@code MANUAL_REVERSAL}) and runbook page
 */
public record ReversalStatus(String postingId, Provider provider, String recordId, long amountMinor, String currency,
    ReversalState state, String offsetRecordId, String task, String reason, String requestedBy, Instant taskOpenedAt,
    Instant remindAt, Instant escalateAt, String reversedBy, List<String> timeline, Attention attention) {}
