package dev.postings.workflow;

/** Automation cannot decide safely: the posting goes to NEEDS_ATTENTION and waits for an operator. */
final class AttentionNeeded extends RuntimeException {

  AttentionNeeded(String reason) {
    super(reason, null, false, false);
  }
}
