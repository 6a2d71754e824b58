package dev.postings.workflow.propexo;

import dev.postings.model.PostingRequest;
import dev.postings.model.ResmanTarget;
import dev.postings.workflow.ApprovalWait;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.JobResult;
import dev.postings.workflow.PostingPath;
import dev.postings.workflow.Reversal;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.ResmanPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.Submission;
import dev.postings.workflow.Verification;
import io.temporal.workflow.Async;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * ResMan through Propexo (docs/providers/propexo.md#create-resident-payment-resman). The job's SUCCESS only means the
 * payment reached ResMan's Partner Transactions tab: the PMC must approve it there, no API says when, and "the ID of
 * the created record cannot be retrieved. This will be found on the next data sync." So after the job the posting waits
 * for approval, and finds its record in the synced list by resident, date window, reference and amount, read once per
 * sync interval (docs/providers/propexo.md#approval-and-the-next-sync).
 *
 * <p>The batch id is derived from the posting id, so re-sending after an unclear outcome is safe: ResMan refuses a
 * known batch id as "Duplicate transaction ID", which then proves that the earlier attempt landed.
 */
public final class ResmanPath implements PostingPath, ApprovalWait {

  /** ResMan's refusal of a batch id it has seen (Propexo's failure-webhook example). */
  static final String DUPLICATE_TRANSACTION = "Duplicate transaction ID";

  private final PostingRequest request;
  private final ResmanTarget target;
  private final PropexoPolicy propexo;
  private final ResmanPolicy resman;
  private final PropexoStubs stubs;

  public ResmanPath(PostingRequest request, ResmanTarget target, PropexoPolicy propexo, ResmanPolicy resman) {
    this.request = request;
    this.target = target;
    this.propexo = propexo;
    this.resman = resman;
    this.stubs = new PropexoStubs(propexo);
  }

  @Override
  public RetrySchedule resubmitSchedule() {
    return propexo.submitRetry();
  }

  @Override
  public int resubmitAttempts() {
    return propexo.submitAttempts();
  }

  @Override
  public boolean resendIsSafe() {
    return true;
  }

  @Override
  public Submission submit() {
    ResmanPayment payment = new ResmanPayment(
        target.integrationId(),
        target.residentId(),
        request.paymentType(),
        ResmanTarget.batchIdFor(request.postingId()),
        request.transactionDate(),
        request.description(),
        target.notes(),
        request.amount().minor(),
        request.referenceNumber());
    if (PropexoReads.looksFirst(propexo)) {
      SubmittedJob submitted = stubs.writesWithLook.submitResmanPaymentAndLook(
          new ResmanSubmit(payment, propexo.firstLookAfter()));
      return new Submission(submitted.job().jobId(), null,
          submitted.settled() == null ? null : PropexoReads.jobResult(submitted.settled().status()));
    }
    PropexoJob job = stubs.writes.submitResmanPayment(payment);
    return new Submission(job.jobId(), null);
  }

  @Override
  public JobResult awaitJob(Submission submission) {
    return PropexoReads.jobResult(stubs.jobPoll.awaitWriteStatus(new PropexoJob(submission.jobId())));
  }

  @Override
  public boolean jobFailureProvesEarlierWrite(JobResult job) {
    return job.errors().stream().anyMatch(error -> error != null && error.contains(DUPLICATE_TRANSACTION));
  }

  @Override
  public ApprovalWait approvalWait(Submission submission) {
    return this;
  }

  @Override
  public String where() {
    return "delivered to ResMan's Partner Transactions tab as batch " + ResmanTarget.batchIdFor(request.postingId())
        + " (integration " + target.integrationId() + ", resident " + target.residentId() + "); the PMC must approve"
        + " it, and its record appears only after Propexo's next sync";
  }

  @Override
  public String integrationId() {
    return target.integrationId();
  }

  @Override
  public Duration syncInterval() {
    return resman.syncIntervalFor(target.integrationId());
  }

  @Override
  public Duration reminderAfter() {
    return resman.approvalReminder();
  }

  @Override
  public Duration deadline() {
    return resman.approvalDeadline();
  }

  @Override
  public Promise<Discovery> watch(Duration budget) {
    SyncedPaymentWatch watch = watchFor();
    PropexoActivities watcher = stubs.syncWatch(syncInterval(), budget,
        io.temporal.activity.ActivityCancellationType.TRY_CANCEL);
    return Async.function(watcher::awaitSyncedResidentPayment, watch)
        .thenApply(found -> discovery(found.recordIds(), found.searched(), "watching the synced records"));
  }

  @Override
  public Discovery lookNow() {
    List<ResidentPayment> candidates = stubs.reads.findResidentPayments(search());
    ResidentPaymentMatch match = match();
    List<String> matching = candidates.stream().filter(match::matches).map(ResidentPayment::id).toList();
    return discovery(matching, candidates.size(), "Propexo announced newly synced records");
  }

  @Override
  public Discovery discoverRecord(Submission submission, JobResult job) {
    return lookNow();
  }

  @Override
  public Discovery lookUpAfterUnclearSubmit() {
    return lookNow();
  }

  @Override
  public Verification confirm(String recordId) {
    return PropexoReads.verify(stubs.reads.readResidentPayment(new ResidentPaymentRef(recordId)), request,
        target.residentId(), recordId);
  }

  private Discovery discovery(List<String> matching, int searched, String context) {
    return PropexoReads.discovery(matching, context + "; searched " + searched + " synced resident payments of"
        + " resident " + target.residentId() + " for " + match().describe());
  }

  /** The narrowest list Propexo offers: integration, resident and the transaction-date window. */
  private ResidentPaymentSearch search() {
    return watchFor().search();
  }

  private ResidentPaymentMatch match() {
    return watchFor().match();
  }

  /** The one rule that tells this posting's synced record (shared with the DATA_NEW notices that wake postings). */
  private SyncedPaymentWatch watchFor() {
    return SyncedPaymentWatch.of(request, target, propexo,
        dev.postings.workflow.PostingStart.at());
  }

  @Override
  public Reversal reversal() {
    return new OffsettingCharge(stubs, request.postingId(), target.integrationId(), null, target.residentId());
  }
}
