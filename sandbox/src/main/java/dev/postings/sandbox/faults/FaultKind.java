package dev.postings.sandbox.faults;

/** What the sandbox can do to one request instead of answering it normally. */
public enum FaultKind {
  /** A 5xx before anything is applied: nothing landed, but the client cannot know that. */
  ERROR_BEFORE_APPLY(false),
  /** The write is applied, then answered with a 5xx (Acquaint's {@code LOST-} references do the same). */
  ERROR_AFTER_APPLY(true),
  /** The write is applied, then the answer is held past the client's read timeout and the connection closed. */
  HOLD_PAST_TIMEOUT(true),
  /** The write is applied, then the connection is closed without a byte of answer. */
  CONNECTION_RESET(true),
  /** A 429 with {@code Retry-After}: nothing applied. */
  RATE_LIMITED(false),
  /** Answered normally, but late (a latency spike). */
  LATENCY(false);

  private final boolean afterApply;

  FaultKind(boolean afterApply) {
    this.afterApply = afterApply;
  }

  /** Whether the request is processed first: such a fault only counts when the provider really applied it (2xx). */
  public boolean afterApply() {
    return afterApply;
  }
}
