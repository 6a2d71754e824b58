package dev.postings.batch;

/** Where a stored batch is in its intake. */
public enum BatchStatus {
  /** Read whole and stored; rows are being started in the background. */
  STARTING,
  /** Every valid row has been started (each posting then runs on its own). */
  STARTED
}
