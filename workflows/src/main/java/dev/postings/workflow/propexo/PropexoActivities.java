package dev.postings.workflow.propexo;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Propexo's API as the workflow sees it. Propertyware and ResMan both go through Propexo and share its per-token rate
 * limit, so they share this interface and its task queue. Every method throws an ApplicationFailure whose type is a
 * {@link dev.postings.workflow.FailureKind} name.
 */
@ActivityInterface
public interface PropexoActivities {

  /**
   * {@code POST /v1/resident-payments/propertyware_rest/}: sends the payment once and returns the job id. Propexo has
   * no idempotency key: callers must never retry this blindly.
   */
  @ActivityMethod
  PropexoJob submitPropertywarePayment(PropertywarePayment payment);

  /**
   * {@code GET /v1/admin/write-status/{job}}: one look at the job. While it is PENDING this throws a retryable
   * JOB_PENDING failure, so the activity's retry policy is the poll loop and waiting adds no history.
   */
  @ActivityMethod
  WriteStatus awaitWriteStatus(PropexoJob job);

  /**
   * {@link #awaitWriteStatus}, then, once the job succeeded naming a created record, {@link #readResidentPayment} of
   * that record in the same attempt. Propexo's write "sets created_record_id ... and allows the new record to be read
   * back immediately" (its note on the Propertyware endpoint), so the read-back the posting needs next rides along: one
   * activity and one workflow task (six history events) fewer per posting, the same two calls. A read that fails here
   * is left to the workflow's own read-back (its retries and parking), never retried as part of the poll.
   */
  // No @ActivityMethod: Temporal refuses the annotation on a method that an implementation inherits; every method of
  // an @ActivityInterface is an activity (type AwaitWriteStatusAndReadRecord) anyway.
  default SettledJob awaitWriteStatusAndReadRecord(PropexoJob job) {
    return SettledJob.readBack(this, awaitWriteStatus(job));
  }

  /**
   * {@link #submitPropertywarePayment}, then one look at the job after {@code firstLookAfter}, and the created record's
   * read-back when the job settled naming one (activity type SubmitPropertywarePaymentAndLook). A job that settles by
   * then needs no poll activity: the same calls, one activity and one workflow task fewer. Only the write can fail this
   * activity; a look that finds the job pending or fails returns the job alone (docs/decisions/0027-first-look-at-the-job.md).
   * The adapter implements it: the pause before the look runs on an activity thread, never in workflow code.
   */
  @ActivityMethod
  SubmittedJob submitPropertywarePaymentAndLook(PropertywareSubmit submit);

  /**
   * {@link #submitResmanPayment}, then one look at the job after {@code firstLookAfter} (activity type
   * SubmitResmanPaymentAndLook): a job delivered by then goes straight to the approval wait. As above, only the write
   * can fail it.
   */
  @ActivityMethod
  SubmittedJob submitResmanPaymentAndLook(ResmanSubmit submit);

  /** {@code GET /v1/resident-payments/{id}}: the record, or not found. */
  @ActivityMethod
  ResidentPaymentLookup readResidentPayment(ResidentPaymentRef ref);

  /**
   * {@code GET /v1/resident-payments/} with the narrowest filters (integration, resident, lease, transaction-date
   * window), every page. Propexo cannot filter by reference number: the caller matches it.
   */
  @ActivityMethod
  List<ResidentPayment> findResidentPayments(ResidentPaymentSearch search);

  /**
   * {@code POST /v1/resident-payments/resman/}: sends the payment once and returns the job id. A re-send with the same
   * batch id cannot post twice: ResMan fails the job with "Duplicate transaction ID".
   */
  @ActivityMethod
  PropexoJob submitResmanPayment(ResmanPayment payment);

  /**
   * One narrow list query (every page) for the posting's synced record. When none matches this throws a retryable
   * RECORD_NOT_SYNCED failure, so the activity's retry policy, paced by the integration's sync interval, is the watch
   * loop and waiting days adds no history.
   */
  @ActivityMethod
  SyncedPaymentMatches awaitSyncedResidentPayment(SyncedPaymentWatch watch);

  /**
   * Creates a resident charge (an offsetting charge that reverses a payment); like every Propexo write, the answer is
   * only a job. One attempt: Propexo has no idempotency key, so an unclear write is looked up, never re-sent.
   */
  PropexoJob submitResidentCharge(ResidentCharge charge);

  /** The resident's charges on the integration, newest first. */
  java.util.List<ResidentChargeRecord> findResidentCharges(ResidentChargeSearch search);
}
