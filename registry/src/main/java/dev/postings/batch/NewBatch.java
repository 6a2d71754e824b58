package dev.postings.batch;

import java.time.Instant;
import java.util.Objects;

/** A batch the API is about to read: its id (the caller's idempotency key), who sent it and how. */
public record NewBatch(String batchId, String owner, BatchFormat format, InvalidRows invalidRows, Instant receivedAt) {
  public NewBatch {
    Objects.requireNonNull(batchId, "batchId");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(invalidRows, "invalidRows");
    Objects.requireNonNull(receivedAt, "receivedAt");
  }
}
