package dev.postings.batch;

/** A stored row waiting to start: its line in the file, its posting id and its sealed request. */
public record WaitingRow(String batchId, int line, String postingId, byte[] requestSealed) {}
