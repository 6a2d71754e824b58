package dev.postings.batch;

/** How a batch file is written. */
public enum BatchFormat {
  /** CSV with the documented header row (docs/batches.md), one posting per row. */
  CSV,
  /** JSON Lines: one posting request (the JSON of {@code POST /api/postings}) per line. */
  JSON_LINES
}
