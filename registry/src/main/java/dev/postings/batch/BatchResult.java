package dev.postings.batch;

/** One row's outcome: its line, posting id, what starting it did, and its posting's state, record and attention. */
public record BatchResult(int line, String postingId, String startOutcome, String state, String recordId,
    String attentionCode) {}
