package dev.postings.client;

/** The bodies of an operator's actions, as the API takes them. */
public final class Actions {

  private Actions() {}

  /** {@code resolve}: the payment is this provider record (read back, then confirmed); the note is optional. */
  public record Resolution(String recordId, String note) {}

  /** {@code approve}: the PMC approved; the record it became. */
  public record Approval(String recordId, String note) {}

  /** {@code reject}, {@code cancel}, {@code reverse}: why. */
  public record Reason(String reason) {}

  /** {@code rejected-by-pmc}: what the operator saw, and who they are. */
  public record PmcRejection(String reason, String operator) {}

  /** {@code /api/reversals/{id}/done}: how the reversal was done by hand. */
  public record Note(String note) {}

  /** An action that takes no fields ({@code retry}): an empty JSON object. */
  public record Nothing() {}
}
