package dev.postings.workflow.propexo;

import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.TransactionDates;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.JobResult;
import dev.postings.workflow.PostingPath;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.Submission;
import dev.postings.workflow.Verification;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Propertyware through Propexo (seed 000): submit, poll write-status, take {@code created_record_id}, read it back. The
 * write "sets created_record_id ... and allows the new record to be read back immediately" (Propexo's note on the
 * endpoint); when it is null the record is searched by resident, date window and reference.
 */
public final class PropertywarePath implements PostingPath {

  private final PostingRequest request;
  private final PropertywareTarget target;
  private final PropexoPolicy policy;
  private final PropexoActivities writes;
  private final PropexoActivities jobPoll;
  private final PropexoActivities reads;

  public PropertywarePath(PostingRequest request, PropertywareTarget target, PropexoPolicy policy) {
    this.request = request;
    this.target = target;
    this.policy = policy;
    this.writes = Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        // One attempt: a timed-out write may have landed, and Propexo has no idempotency key.
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
    this.jobPoll = Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setScheduleToCloseTimeout(policy.jobDeadline())
        // unlimited attempts: the poll ends with the job, or at the schedule-to-close deadline
        .setRetryOptions(retrying(policy.jobPoll(), 0))
        .build());
    this.reads = Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setRetryOptions(retrying(policy.readRetry(), policy.readAttempts()))
        .build());
  }

  /** Retries on {@code schedule}, never after a REJECTED answer (it would only be refused again). */
  private static RetryOptions retrying(RetrySchedule schedule, int maximumAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(schedule.initial())
        .setBackoffCoefficient(schedule.backoff())
        .setMaximumInterval(schedule.max())
        .setMaximumAttempts(maximumAttempts)
        .setDoNotRetry(FailureKind.REJECTED.name())
        .build();
  }

  @Override
  public RetrySchedule resubmitSchedule() {
    return policy.submitRetry();
  }

  @Override
  public int resubmitAttempts() {
    return policy.submitAttempts();
  }

  @Override
  public Submission submit() {
    PropexoJob job = writes.submitPropertywarePayment(new PropertywarePayment(
        target.integrationId(),
        target.leaseId(),
        target.residentId(),
        target.financialAccountId(),
        request.amount().minor(),
        request.transactionDate(),
        request.paymentType(),
        request.referenceNumber(),
        request.description()));
    return new Submission(job.jobId(), null);
  }

  @Override
  public JobResult awaitJob(Submission submission) {
    WriteStatus status = jobPoll.awaitWriteStatus(new PropexoJob(submission.jobId()));
    boolean succeeded = WriteStatus.SUCCESS.equals(status.status())
        || WriteStatus.PARTIAL_SUCCESS.equals(status.status());
    return new JobResult(succeeded, status.status(),
        status.errors() == null ? List.of() : status.errors(), status.createdRecordId());
  }

  @Override
  public Discovery discoverRecord(Submission submission, JobResult job) {
    if (job.createdRecordId() != null) {
      return Discovery.found(job.createdRecordId(),
          "job " + submission.jobId() + " reported created_record_id " + job.createdRecordId());
    }
    return search("job " + submission.jobId() + " reported no created_record_id");
  }

  @Override
  public Discovery lookUpAfterUnclearSubmit() {
    // A job the unclear POST may have created becomes a record only when it finishes: give it time first.
    Workflow.sleep(policy.unknownOutcomeSettle());
    return search("after an unclear write");
  }

  private Discovery search(String context) {
    ResidentPaymentSearch search = new ResidentPaymentSearch(
        target.integrationId(),
        target.residentId(),
        target.leaseId(),
        request.transactionDate().minus(policy.lookupWindow()),
        request.transactionDate().plus(policy.lookupWindow()));
    List<ResidentPayment> candidates = reads.findResidentPayments(search);
    // A record created (by Propexo's clock) before this posting started cannot be this posting's: it is another payment
    // that happens to share reference and amount.
    Instant notBefore = Instant.ofEpochMilli(Workflow.getInfo().getRunStartedTimestampMillis())
        .minus(policy.clockSkew() == null ? Duration.ZERO : policy.clockSkew());
    List<String> matching = new ArrayList<>();
    for (ResidentPayment payment : candidates) {
      if (isThisPayment(payment, notBefore)) {
        matching.add(payment.id());
      }
    }
    String looked = context + "; searched " + candidates.size() + " resident payments of resident "
        + target.residentId() + " for reference " + request.referenceNumber() + ", amount " + request.amount().minor()
        + ", transaction day " + request.transactionDate().atOffset(ZoneOffset.UTC).toLocalDate()
        + " and created since " + notBefore;
    if (matching.size() == 1) {
      return Discovery.found(matching.get(0), looked + ": found record " + matching.get(0));
    }
    if (matching.isEmpty()) {
      return Discovery.notFound(looked + ": none matched");
    }
    return Discovery.notFound(looked + ": " + matching.size() + " matched " + matching + " (possible duplicate)");
  }

  /** Same reference, amount and (UTC) transaction day, and not created before the posting could have sent it. */
  private boolean isThisPayment(ResidentPayment payment, Instant notBefore) {
    if (!request.referenceNumber().equals(payment.referenceNumber())
        || payment.amountInCents() == null || payment.amountInCents() != request.amount().minor()) {
      return false;
    }
    Instant transactionDate = TransactionDates.parse(payment.transactionDate()).orElse(null);
    if (transactionDate != null && !transactionDate.atOffset(ZoneOffset.UTC).toLocalDate()
        .equals(request.transactionDate().atOffset(ZoneOffset.UTC).toLocalDate())) {
      return false;
    }
    Instant createdAt = TransactionDates.parse(payment.createdAt()).orElse(null);
    return createdAt == null || !createdAt.isBefore(notBefore);
  }

  @Override
  public Verification confirm(String recordId) {
    ResidentPaymentLookup lookup = reads.readResidentPayment(new ResidentPaymentRef(recordId));
    if (!lookup.found()) {
      return new Verification(false, "Propexo has no resident payment " + recordId
          + " (a job's created_record_id can name a record of another model)");
    }
    ResidentPayment payment = lookup.payment();
    List<String> differences = new ArrayList<>();
    if (payment.amountInCents() == null || payment.amountInCents() != request.amount().minor()) {
      differences.add("amount_in_cents " + payment.amountInCents() + " != " + request.amount().minor());
    }
    if (!request.referenceNumber().equals(payment.referenceNumber())) {
      differences.add("reference_number " + payment.referenceNumber() + " != " + request.referenceNumber());
    }
    if (payment.residentId() != null && !target.residentId().equals(payment.residentId())) {
      differences.add("resident_id " + payment.residentId() + " != " + target.residentId());
    }
    return differences.isEmpty()
        ? new Verification(true, "record " + recordId + " matches amount and reference")
        : new Verification(false, String.join("; ", differences));
  }
}
