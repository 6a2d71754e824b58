package dev.postings.workflow.propexo;

import io.temporal.failure.ApplicationFailure;

/**
 * A Propexo job that left PENDING, with the record it created read back in the same activity.
 *
 * @param status the job's write-status
 * @param createdRecord the read of {@code status.createdRecordId()}, or null when the job named none, failed, or the
 *     read did not succeed (the workflow then reads the record back itself)
 */
public record SettledJob(WriteStatus status, ResidentPaymentLookup createdRecord) {

  /**
   * The settled job with its created record read back, when it succeeded naming one. A read that fails here is left to
   * the workflow's own read-back (its retries and parking), never retried as part of the job's activity.
   */
  public static SettledJob readBack(PropexoActivities propexo, WriteStatus status) {
    boolean succeeded = WriteStatus.SUCCESS.equals(status.status())
        || WriteStatus.PARTIAL_SUCCESS.equals(status.status());
    if (!succeeded || status.createdRecordId() == null) {
      return new SettledJob(status, null);
    }
    try {
      return new SettledJob(status, propexo.readResidentPayment(new ResidentPaymentRef(status.createdRecordId())));
    } catch (ApplicationFailure readFailed) {
      return new SettledJob(status, null);
    }
  }
}
