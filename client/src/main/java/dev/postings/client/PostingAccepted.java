package dev.postings.client;

/** The answer to a start (202, or 200 for the same request again): where to follow the posting. */
public record PostingAccepted(String postingId, String state, String statusUrl) {}
