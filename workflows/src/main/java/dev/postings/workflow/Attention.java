package dev.postings.workflow;

/**
 * What a waiting posting needs from a person: the stable {@link AttentionCode} and its runbook page. Present in the
 * status while the posting is PARKED or in NEEDS_ATTENTION, absent otherwise.
 */
public record Attention(AttentionCode code, String runbook) {

  public static Attention of(AttentionCode code) {
    return new Attention(code, code.runbook());
  }
}
