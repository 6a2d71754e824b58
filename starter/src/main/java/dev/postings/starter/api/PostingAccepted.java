package dev.postings.starter.api;

import dev.postings.workflow.PostingState;

/** The answer to a start: 202 for a new posting, 200 for the same request again. */
public record PostingAccepted(String postingId, PostingState state, String statusUrl) {}
