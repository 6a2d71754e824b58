package dev.postings.batch;

/**
 * What starting a row's posting did.
 *
 * @param detail why a row was refused (the API's field errors), or null; never payment data
 */
public record RowStart(Outcome outcome, String detail) {

  public enum Outcome {
    STARTED,
    /** The same service sent the same request under this id before (another batch, or the API): nothing new. */
    ALREADY_STARTED,
    /** Another request holds the posting id. */
    CONFLICT,
    /** The API refused the request when it started it (for example its connection was disabled since the intake). */
    REFUSED
  }
}
