package dev.postings.batch;

import java.time.Instant;

/** A stored batch: what was read and where its intake is. */
public record BatchRecord(String batchId, String owner, String fileSha256, BatchFormat format, InvalidRows invalidRows,
    int rowsRead, int rowsValid, int rowsInvalid, BatchStatus status, Instant receivedAt, Instant startedAt) {}
