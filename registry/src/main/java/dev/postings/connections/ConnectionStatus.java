package dev.postings.connections;

/** A connection is used by postings while ACTIVE; a DISABLED one parks the postings that name it. */
public enum ConnectionStatus {
  ACTIVE,
  DISABLED
}
