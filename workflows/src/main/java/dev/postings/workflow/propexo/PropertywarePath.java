package dev.postings.workflow.propexo;

import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.JobResult;
import dev.postings.workflow.PostingPath;
import dev.postings.workflow.Reversal;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.Submission;
import dev.postings.workflow.Verification;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/**
 * Propertyware through Propexo (docs/providers/propexo.md#create-resident-payment-propertyware-rest): submit, poll
 * write-status, take {@code created_record_id}, read it back. The write "sets created_record_id ... and allows the new
 * record to be read back immediately" (Propexo's note on the endpoint); when it is null the record is searched by
 * resident, date window and reference.
 */
public final class PropertywarePath implements PostingPath {

  private final PostingRequest request;
  private final PropertywareTarget target;
  private final PropexoPolicy policy;
  private final PropexoStubs stubs;
  private final PropexoActivities writes;
  private final PropexoActivities jobPoll;
  private final PropexoActivities reads;
  /** The job's created record as read in the job's own activity (null: not read there). */
  private ResidentPaymentLookup readWithJob;

  public PropertywarePath(PostingRequest request, PropertywareTarget target, PropexoPolicy policy) {
    this.request = request;
    this.target = target;
    this.policy = policy;
    this.stubs = new PropexoStubs(policy);
    this.writes = stubs.writes;
    this.jobPoll = stubs.jobPoll;
    this.reads = stubs.reads;
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
    PropertywarePayment payment = new PropertywarePayment(
        target.integrationId(),
        target.leaseId(),
        target.residentId(),
        target.financialAccountId(),
        request.amount().minor(),
        request.transactionDate(),
        request.paymentType(),
        request.referenceNumber(),
        request.description());
    if (PropexoReads.looksFirst(policy)) {
      SubmittedJob submitted = stubs.writesWithLook.submitPropertywarePaymentAndLook(
          new PropertywareSubmit(payment, policy.firstLookAfter()));
      if (submitted.settled() == null) {
        return new Submission(submitted.job().jobId(), null);
      }
      readWithJob = submitted.settled().createdRecord();
      return new Submission(submitted.job().jobId(), null, PropexoReads.jobResult(submitted.settled().status()));
    }
    PropexoJob job = writes.submitPropertywarePayment(payment);
    return new Submission(job.jobId(), null);
  }

  @Override
  public JobResult awaitJob(Submission submission) {
    SettledJob settled = jobPoll.awaitWriteStatusAndReadRecord(new PropexoJob(submission.jobId()));
    readWithJob = settled.createdRecord();
    return PropexoReads.jobResult(settled.status());
  }

  @Override
  public Discovery discoverRecord(Submission submission, JobResult job) {
    if (job.createdRecordId() != null) {
      return Discovery.found(job.createdRecordId(),
          "job " + submission.jobId() + " reported created_record_id " + job.createdRecordId());
    }
    return search("job " + submission.jobId() + " reported no created_record_id");
  }

  /**
   * A job the unclear POST may have created becomes a record only when it finishes, and Propexo's jobs have no SLA: a
   * single search ten minutes on is no proof. So the record is searched for again, on a growing back-off, until the
   * job's deadline ({@code job-deadline}) has passed since the write; only then does an operator take over, when a
   * payment posted by hand can no longer be followed by the job landing (docs/failures.md).
   */
  @Override
  public Discovery lookUpAfterUnclearSubmit() {
    Instant wrote = Instant.ofEpochMilli(Workflow.currentTimeMillis());
    Workflow.sleep(policy.unknownOutcomeSettle());
    Discovery found = search("after an unclear write");
    if (found.isFound()) {
      return found;
    }
    Instant deadline = wrote.plus(policy.jobDeadline());
    RetrySchedule schedule = policy.unclearSearchOrDefault();
    int searches = 1;
    while (true) {
      Duration wait = schedule.delayAfter(searches);
      Instant now = Instant.ofEpochMilli(Workflow.currentTimeMillis());
      if (!now.isBefore(deadline)) {
        return Discovery.notFound(found.evidence() + "; searched " + searches + " times until the job's deadline ("
            + policy.jobDeadline() + " after the write)");
      }
      if (now.plus(wait).isAfter(deadline)) {
        wait = Duration.between(now, deadline);
      }
      Workflow.sleep(wait);
      searches++;
      found = search("after an unclear write, search " + searches);
      if (found.isFound()) {
        return found;
      }
    }
  }

  private Discovery search(String context) {
    ResidentPaymentSearch search = new ResidentPaymentSearch(
        target.integrationId(),
        target.residentId(),
        target.leaseId(),
        request.transactionDate().minus(policy.lookupWindow()),
        request.transactionDate().plus(policy.lookupWindow()));
    List<ResidentPayment> candidates = reads.findResidentPayments(search);
    ResidentPaymentMatch match = new ResidentPaymentMatch(request.referenceNumber(), request.amount().minor(),
        request.transactionDate().atOffset(ZoneOffset.UTC).toLocalDate(), notBefore());
    List<String> matching = candidates.stream().filter(match::matches).map(ResidentPayment::id).toList();
    return PropexoReads.discovery(matching, context + "; searched " + candidates.size() + " resident payments of"
        + " resident " + target.residentId() + " for " + match.describe());
  }

  /**
   * A record created (by Propexo's clock) before this posting started cannot be this posting's: it is another payment
   * that happens to share reference and amount.
   */
  private Instant notBefore() {
    return dev.postings.workflow.PostingStart.at()
        .minus(policy.clockSkew() == null ? Duration.ZERO : policy.clockSkew());
  }

  /**
   * CONFIRM: the record the job created was read back with the job's outcome (the same comparison, no second
   * activity), once; any other record (found by a search, named by an operator) and any later look at the same one
   * (an operator who had it corrected in the PMS names it again) is read back here.
   */
  @Override
  public Verification confirm(String recordId) {
    ResidentPaymentLookup lookup = readWithJob != null && recordId.equals(readWithJob.id()) ? readWithJob
        : reads.readResidentPayment(new ResidentPaymentRef(recordId));
    readWithJob = null;
    return PropexoReads.verify(lookup, request, target.residentId(), recordId);
  }

  @Override
  public Reversal reversal() {
    return new OffsettingCharge(stubs, request.postingId(), target.integrationId(), target.leaseId(),
        target.residentId());
  }
}
