package dev.postings.directory;

import dev.postings.workflow.PostingState;
import java.util.List;
import java.util.Map;

/**
 * A page of postings, newest first.
 *
 * @param counts postings per state under the provider, age and reference filters (not the state filter), every state
 *     present (zero included)
 * @param nextCursor pass it back for the next page; null on the last page
 */
public record PostingPage(List<PostingSummary> postings, Map<PostingState, Long> counts, String nextCursor) {}
