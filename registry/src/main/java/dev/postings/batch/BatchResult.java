package dev.postings.batch;

/**
 * One row's outcome: its line, posting id, what starting it did, and its posting's state, record and attention.
 *
 * @param startOutcome WAITING, a {@link RowStart.Outcome}, or INVALID (a row left out at the intake: never started)
 * @param invalidFields for an INVALID row, the fields at fault separated by ';' (never a value); otherwise null
 */
public record BatchResult(int line, String postingId, String startOutcome, String state, String recordId,
    String attentionCode, String invalidFields) {

  /** What the results file says of a row left out at the intake. */
  public static final String INVALID = "INVALID";
}
