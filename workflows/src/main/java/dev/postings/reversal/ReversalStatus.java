package dev.postings.reversal;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.util.List;

/**
 * A reversal's state: REVERSED (with the provider's offsetting entry, or the operator's note for a reversal by hand),
 * NEEDS_ATTENTION (an operator task: everything needed to reverse by hand is in {@code task}), or DISCOVERING_RECORD
 * while the provider's reversal runs.
 */
public record ReversalStatus(String postingId, Provider provider, String recordId, long amountMinor,
    PostingState state, String offsetRecordId, String task, List<String> timeline) {}
