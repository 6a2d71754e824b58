package dev.postings.workflow.propexo;

/**
 * A Propexo job that left PENDING, with the record it created read back in the same activity.
 *
 * @param status the job's write-status
 * @param createdRecord the read of {@code status.createdRecordId()}, or null when the job named none, failed, or the
 *     read did not succeed (the workflow then reads the record back itself)
 */
public record SettledJob(WriteStatus status, ResidentPaymentLookup createdRecord) {}
