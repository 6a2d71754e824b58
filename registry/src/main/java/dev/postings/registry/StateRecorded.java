package dev.postings.registry;

/** What {@link PostingRegistry#recordState} did with an update. */
public enum StateRecorded {
  /** The row now shows the update. */
  APPLIED,
  /** The row already shows a later update (or this one): nothing changed. A replay or a late delivery. */
  STALE,
  /** No row has this posting id. */
  UNKNOWN_POSTING
}
