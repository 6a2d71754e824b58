package dev.postings.workflow;

/** Automation cannot decide safely: the posting goes to NEEDS_ATTENTION and waits for an operator. */
public final class AttentionNeeded extends RuntimeException {

  public AttentionNeeded(String reason) {
    super(reason, null, false, false);
  }
}
