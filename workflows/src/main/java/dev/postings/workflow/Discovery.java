package dev.postings.workflow;

/**
 * The outcome of looking for this posting's record.
 *
 * @param recordId the record found, or null when none (or more than one) matched
 * @param evidence what was looked at and what was found, in words, for the timeline and for operators
 * @param provablyAbsent nothing of this posting is on the provider's ledger, and nothing can still arrive there: the
 *     provider answers writes synchronously and the look came after its settle time, on fields it documents (only a
 *     look-up after an unclear write says so; false whenever in doubt)
 */
public record Discovery(String recordId, String evidence, boolean provablyAbsent) {

  public Discovery(String recordId, String evidence) {
    this(recordId, evidence, false);
  }

  public static Discovery found(String recordId, String evidence) {
    return new Discovery(recordId, evidence);
  }

  public static Discovery notFound(String evidence) {
    return new Discovery(null, evidence);
  }

  /** Not found, and proof that it never landed (see {@link #provablyAbsent}). */
  public static Discovery provablyAbsent(String evidence) {
    return new Discovery(null, evidence, true);
  }

  public boolean isFound() {
    return recordId != null;
  }
}
