package dev.postings.workflow;

/**
 * The outcome of looking for this posting's record.
 *
 * @param recordId the record found, or null when none (or more than one) matched
 * @param evidence what was looked at and what was found, in words, for the timeline and for operators
 */
public record Discovery(String recordId, String evidence) {

  public static Discovery found(String recordId, String evidence) {
    return new Discovery(recordId, evidence);
  }

  public static Discovery notFound(String evidence) {
    return new Discovery(null, evidence);
  }

  public boolean isFound() {
    return recordId != null;
  }
}
