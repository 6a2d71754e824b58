package dev.postings.workflow;

/**
 * Why a posting waits for a person, as a stable code beside the sentence in {@code lastError}: alerts, the chaos
 * verdict and scripts read the code, people read the sentence, and each code has its runbook page
 * ({@code docs/runbook/attention/<page>.md}). Renaming a sentence never changes a code; a new situation gets a new code
 * and a new page.
 */
public enum AttentionCode {
  /** A write's answer was lost and the look-up did not find the payment: it may or may not be on the ledger. */
  UNKNOWN_OUTCOME("unknown-outcome"),
  /** The provider's answer was clear but the record it made could not be found afterwards. */
  RECORD_NOT_FOUND("no-record-found"),
  /** The record read back differs from the payment (amount, reference, account). */
  RECORD_MISMATCH("record-mismatch"),
  /** A record of ours landed wrong and the provider has no reversal API: reverse it by hand, then name or cancel. */
  REVERSE_BY_HAND("reverse-by-hand"),
  /** The automatic reversal of a record that landed wrong did not go through: reverse it by hand. */
  COMPENSATION_FAILED("compensation-failed"),
  /** A Propexo job is still without an outcome at its deadline. */
  JOB_WITHOUT_OUTCOME("job-without-outcome"),
  /** A ResMan payment has not been approved (or found) by the approval deadline. */
  APPROVAL_OVERDUE("approval-overdue"),
  /** The provider refused a read the posting needs (the record search, the read-back, the synced-record watch). */
  PROVIDER_REFUSED_READ("provider-refused-read"),
  /** Parked: the provider answered 5xx, timed out or could not be reached, attempt after attempt. */
  PARKED_PROVIDER_UNAVAILABLE("parked-provider-unavailable"),
  /** Parked: the provider refused our credentials (401/403). */
  PARKED_CREDENTIALS_REFUSED("parked-credentials-refused"),
  /** Parked: the provider (or our own pacing) kept refusing for rate. */
  PARKED_RATE_LIMITED("parked-rate-limited"),
  /** A reversal the provider cannot do (or did not do) waits for a person to reverse by hand and say so. */
  MANUAL_REVERSAL("manual-reversal");

  private final String runbookPage;

  AttentionCode(String runbookPage) {
    this.runbookPage = runbookPage;
  }

  /** The runbook page for this code, as a path inside the repository. */
  public String runbook() {
    return "docs/runbook/attention/" + runbookPage + ".md";
  }

  /** The parking code for a failure kind that used up its attempts. */
  public static AttentionCode parkedBy(FailureKind kind) {
    return switch (kind) {
      case RATE_LIMITED -> PARKED_RATE_LIMITED;
      case CREDENTIALS_REFUSED -> PARKED_CREDENTIALS_REFUSED;
      default -> PARKED_PROVIDER_UNAVAILABLE;
    };
  }
}
