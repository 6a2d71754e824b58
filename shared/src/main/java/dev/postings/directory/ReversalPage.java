package dev.postings.directory;

import dev.postings.reversal.ReversalState;
import java.util.List;
import java.util.Map;

/**
 * A page of reversals, newest first.
 *
 * @param counts reversals per state under the provider filter (not the state filter), every state present
 * @param nextCursor pass it back for the next page; null on the last page
 */
public record ReversalPage(List<ReversalSummary> reversals, Map<ReversalState, Long> counts, String nextCursor) {}
