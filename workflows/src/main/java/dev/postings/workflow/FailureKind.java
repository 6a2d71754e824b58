package dev.postings.workflow;

import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;

/**
 * the failure table (docs/failures.md#the-failure-table). Adapters classify every provider answer once and throw an
 * {@link ApplicationFailure} whose type is one of these names; the workflow decides what to do from the kind alone.
 */
public enum FailureKind {
  /** 400/422 or a business refusal: nothing was posted. Never retried. */
  REJECTED,
  /** 5xx, timeout or reset after the request was sent: the write may have landed. Look it up before any re-submit. */
  UNKNOWN_OUTCOME,
  /** The request never left (connection refused, DNS): a plain retry is safe. */
  NOT_SENT,
  /** 429: not processed; retry after the provider's window. Never counts as a failure. */
  RATE_LIMITED,
  /** 401/403: our credentials. Retry slowly, then park and alert. */
  CREDENTIALS_REFUSED,
  /** A read failed for a transient reason (5xx, timeout on a GET): retry. */
  PROVIDER_UNAVAILABLE,
  /** Propexo's job is still PENDING: the write-status activity's retry policy is the poll loop. */
  JOB_PENDING,
  /**
   * The payment is not (yet) among the synced records (ResMan: awaiting the PMC's approval or Propexo's next sync). The
   * watch activity's retry policy is the poll loop, paced by the integration's sync interval.
   */
  RECORD_NOT_SYNCED;

  /** The kind behind an activity failure. A timeout counts as an unclear outcome: the attempt may have been sending. */
  public static FailureKind of(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    while (cause != null) {
      if (cause instanceof ApplicationFailure application) {
        for (FailureKind kind : values()) {
          if (kind.name().equals(application.getType())) {
            return kind;
          }
        }
        return UNKNOWN_OUTCOME;
      }
      if (cause instanceof TimeoutFailure) {
        return UNKNOWN_OUTCOME;
      }
      cause = cause.getCause();
    }
    return UNKNOWN_OUTCOME;
  }

  /** The most specific message along the cause chain, for the timeline and lastError. */
  public static String describe(ActivityFailure failure) {
    Throwable cause = failure.getCause();
    String message = failure.getMessage();
    while (cause != null) {
      if (cause instanceof ApplicationFailure application) {
        return application.getOriginalMessage();
      }
      if (cause instanceof TimeoutFailure timeout) {
        message = "timed out (" + timeout.getTimeoutType() + ")";
      }
      cause = cause.getCause();
    }
    return message;
  }
}
