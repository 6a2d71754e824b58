package dev.postings.workflow.acquaint;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.PostingRequest;
import dev.postings.workflow.AcquaintPolicy;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.JobResult;
import dev.postings.workflow.PostingPath;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.Submission;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;

/**
 * Acquaint (docs/providers/acquaint.md): a synchronous write, so there is no job to await and the submission names the
 * record at once: the transaction a charge payment created, or the rent-due item a tenant payment was applied to.
 * Acquaint has no idempotency key: after an unclear write the ledger is read back, never posted to again. One subclass
 * per operation.
 */
public abstract sealed class AcquaintPath implements PostingPath permits AcquaintRentPath, AcquaintChargePath {

  protected final PostingRequest request;
  protected final AcquaintPolicy policy;
  protected final AcquaintActivities writes;
  protected final AcquaintActivities reads;

  AcquaintPath(PostingRequest request, AcquaintPolicy policy) {
    this.request = request;
    this.policy = policy;
    this.writes = Workflow.newActivityStub(AcquaintActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        // One attempt: a timed-out write may have landed, and Acquaint has no idempotency key.
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
    this.reads = Workflow.newActivityStub(AcquaintActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(policy.readRetry().initial())
            .setBackoffCoefficient(policy.readRetry().backoff())
            .setMaximumInterval(policy.readRetry().max())
            .setMaximumAttempts(policy.readAttempts())
            // a refused read would only be refused again
            .setDoNotRetry(FailureKind.REJECTED.name())
            .build())
        .build());
  }

  /** The path for an Acquaint target: tenant payment (rent item) or charge payment. */
  public static AcquaintPath forRequest(PostingRequest request, AcquaintPolicy policy) {
    if (request.target() instanceof AcquaintRentTarget rent) {
      return new AcquaintRentPath(request, rent, policy);
    }
    if (request.target() instanceof AcquaintChargeTarget charge) {
      return new AcquaintChargePath(request, charge, policy);
    }
    throw new IllegalArgumentException("not an Acquaint target: " + request.target());
  }

  @Override
  public RetrySchedule resubmitSchedule() {
    return policy.submitRetry();
  }

  @Override
  public int resubmitAttempts() {
    return policy.submitAttempts();
  }

  /** Never called: every Acquaint submission carries its record id, so the workflow goes straight to CONFIRM. */
  @Override
  public JobResult awaitJob(Submission submission) {
    throw new IllegalStateException("Acquaint writes are synchronous: there is no job to await");
  }

  /** Never called (see {@link #awaitJob}); answers with the submission's record for completeness. */
  @Override
  public Discovery discoverRecord(Submission submission, JobResult job) {
    return submission.recordId() == null
        ? Discovery.notFound("Acquaint named no record")
        : Discovery.found(submission.recordId(), "Acquaint answered with record " + submission.recordId());
  }

  /** Acquaint's {@code paymentMethodId}; the validator has checked that paymentType holds one. */
  protected long paymentMethodId() {
    return Long.parseLong(request.paymentType());
  }

  /** After an unclear write, give a request Acquaint may still be processing time to finish before reading back. */
  protected void settle() {
    Workflow.sleep(policy.unknownOutcomeSettle());
  }

  /** A record created (by Acquaint's clock) before this posting started cannot be this posting's. */
  protected Instant notBefore() {
    return dev.postings.workflow.PostingStart.at()
        .minus(policy.clockSkew() == null ? Duration.ZERO : policy.clockSkew());
  }

  /** An id named by Acquaint or by an operator: a positive whole number, else null. */
  protected static Long idOf(String recordId) {
    if (recordId == null || !recordId.matches("[0-9]{1,18}")) {
      return null;
    }
    return Long.parseLong(recordId);
  }

  protected static String pounds(Long minor) {
    return minor == null ? "?" : java.math.BigDecimal.valueOf(minor, 2).toPlainString();
  }
}
