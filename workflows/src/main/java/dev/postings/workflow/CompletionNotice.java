package dev.postings.workflow;

import java.time.Instant;

/**
 * The body of a completion callback: {@code {"postingId","state","recordId","lastError","finishedAt"}}. Never any
 * cardholder data: the posting's ids, its terminal state and the reason when it did not confirm.
 */
public record CompletionNotice(String postingId, PostingState state, String recordId, String lastError,
    Instant finishedAt) {}
