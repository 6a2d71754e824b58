package dev.postings.workflow;

/** Automation cannot decide safely: the posting goes to NEEDS_ATTENTION and waits for an operator. */
public final class AttentionNeeded extends RuntimeException {

  private final AttentionCode code;

  public AttentionNeeded(AttentionCode code, String reason) {
    super(reason, null, false, false);
    this.code = code;
  }

  public AttentionCode code() {
    return code;
  }
}
