package dev.postings.workflow.storedge;

import dev.postings.model.PostingRequest;
import dev.postings.model.StoredgeTarget;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.JobResult;
import dev.postings.workflow.PostingPath;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.StoredgePolicy;
import dev.postings.workflow.Submission;
import dev.postings.workflow.Verification;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TimeoutFailure;
import io.temporal.workflow.Workflow;
import java.util.List;
import java.util.Optional;

/**
 * storEDGE (docs/providers/storedge.md#endpoints): {@code make_payment} is synchronous and takes an idempotency key, so
 * there is no job to wait for, and a write whose outcome is unclear can be looked up and then sent again with the same
 * key without charging twice.
 *
 * <ol>
 *   <li>SUBMIT reads the ledger (the ids already in {@code recent_payments}), then calls make_payment with
 *       {@code payment[idempotency_key] = posting-<postingId>}, both in one activity; the adapter finds the new
 *       payment in the answer. The activity records the ids it read as its heartbeat before it writes, and a failed
 *       write names them too, so an unclear write can always be looked up, even when the worker died mid-write (the
 *       timeout carries the heartbeat). A timeout without a heartbeat never got to the write.</li>
 *   <li>After an unclear write: read the ledger and look for a new payment of the collected amount; if there is none,
 *       send the same payment again with the same key (storEDGE returns the existing payment, or makes it once).</li>
 *   <li>CONFIRM reads the ledger back and checks the payment is there with the collected amount.</li>
 * </ol>
 */
public final class StoredgePath implements PostingPath {

  /** The most HTTP calls one read-and-pay activity makes: the ledger read, BALANCE/PREPAY's check, make_payment. */
  private static final int READ_AND_PAY_CALLS = 3;

  private final PostingRequest request;
  private final StoredgeTarget target;
  private final StoredgePolicy policy;
  private final StoredgeLedgerRef ledgerRef;
  private final StoredgeActivities writes;
  private final StoredgeActivities resends;
  private final StoredgeActivities reads;
  /** The payment ids on the ledger before the latest write attempt; null while nothing was attempted. */
  private List<String> knownPaymentIds;
  /** The ledger as make_payment answered it (storEDGE answers with the whole ledger), with the payment it made. */
  private StoredgePaymentResult written;
  /**
   * The last read-and-pay activity ended without naming the ledger it read, and not by a timeout before its heartbeat
   * (which would prove nothing was sent): whether and what it wrote is unknown.
   */
  private boolean snapshotLost;
  /** The last read-and-pay activity timed out before its heartbeat: its write was almost surely never sent. */
  private boolean timedOutBeforeHeartbeat;

  public StoredgePath(PostingRequest request, StoredgeTarget target, StoredgePolicy policy) {
    this.request = request;
    this.target = target;
    this.policy = policy;
    this.ledgerRef = new StoredgeLedgerRef(target.facilityId(), target.ledgerId());
    this.writes = Workflow.newActivityStub(StoredgeActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        // callTimeout bounds one call; read-and-pay makes up to three (a BALANCE or PREPAY payment reads the ledger
        // twice), so that a slow but live attempt is not cut off in the middle of its write
        .setStartToCloseTimeout(policy.callTimeout().multipliedBy(READ_AND_PAY_CALLS))
        // One attempt: the workflow decides what an unclear outcome means (look up first, then re-send with the key).
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
    this.resends = Workflow.newActivityStub(StoredgeActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        // Safe to retry: every attempt carries the same idempotency key, so storEDGE charges at most once.
        .setRetryOptions(retrying(policy.readRetry(), policy.readAttempts()))
        .build());
    this.reads = Workflow.newActivityStub(StoredgeActivities.class, ActivityOptions.newBuilder()
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

  /** storEDGE's idempotency key for this posting: the same on every attempt, whichever worker sends it. */
  public static String idempotencyKey(PostingRequest request) {
    return request.workflowId();
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
    // Called again only after attempts that provably did not land, so a fresh snapshot is always "before our payment".
    knownPaymentIds = null;
    snapshotLost = false;
    timedOutBeforeHeartbeat = false;
    // SUBMIT reads the ledger and writes in one activity (StoredgeActivities#readLedgerAndPay): the same two calls as
    // a read then a write, one activity and one workflow task (six history events) fewer.
    try {
      written = writes.readLedgerAndPay(payment());
    } catch (ActivityFailure failure) {
      // the ledger as it was before the write, for the look-up after an unclear outcome; none when the activity
      // timed out before its heartbeat, i.e. before its write (the look-up then reads the ledger and sends it)
      knownPaymentIds = snapshotIn(failure);
      timedOutBeforeHeartbeat = knownPaymentIds == null && timedOutBeforeItsWrite(failure);
      snapshotLost = knownPaymentIds == null && !timedOutBeforeHeartbeat;
      throw failure;
    }
    return new Submission(null, written.paymentId());
  }

  /**
   * The payment ids a failed readLedgerAndPay read before its write: in the failure's details, or, when the activity
   * timed out (e.g. its worker died mid-write), in its last heartbeat. Null when neither names them.
   */
  private static List<String> snapshotIn(ActivityFailure failure) {
    if (failure.getCause() instanceof ApplicationFailure application && application.getDetails() != null
        && application.getDetails().getSize() > 0) {
      return List.of(application.getDetails().get(0, String[].class));
    }
    if (failure.getCause() instanceof TimeoutFailure timeout && timeout.getLastHeartbeatDetails() != null
        && timeout.getLastHeartbeatDetails().getSize() > 0) {
      return List.of(timeout.getLastHeartbeatDetails().get(0, String[].class));
    }
    return null;
  }

  /**
   * The activity timed out without a heartbeat: it never recorded the ledger it read, which it does before sending
   * its write ({@link StoredgeActivities#readLedgerAndPay}), so it never got to the write.
   */
  private static boolean timedOutBeforeItsWrite(ActivityFailure failure) {
    return failure.getCause() instanceof TimeoutFailure timeout && (timeout.getLastHeartbeatDetails() == null
        || timeout.getLastHeartbeatDetails().getSize() == 0);
  }

  private StoredgePayment payment() {
    return new StoredgePayment(target.facilityId(), target.ledgerId(), idempotencyKey(request),
        target.paymentKind(), target.months(), request.amount().minor(), target.paymentMethod(), knownPaymentIds);
  }

  /** storEDGE answers make_payment synchronously: there is never a job. */
  @Override
  public JobResult awaitJob(Submission submission) {
    throw new IllegalStateException("storEDGE has no asynchronous jobs");
  }

  @Override
  public Discovery discoverRecord(Submission submission, JobResult job) {
    throw new IllegalStateException("storEDGE returns the payment with the write");
  }

  @Override
  public Discovery lookUpAfterUnclearSubmit() {
    if (knownPaymentIds == null && snapshotLost) {
      // The activity failed without naming the ledger as it was before the write (nothing our code throws; a defence),
      // so a payment of this posting cannot be told apart from older ones of the same amount.
      return Discovery.notFound("the write's activity ended without naming the ledger as it was before the write, so"
          + " a new payment on ledger " + target.ledgerId() + " cannot be told apart from older ones");
    }
    if (knownPaymentIds == null && timedOutBeforeHeartbeat) {
      knownPaymentIds = reads.readLedger(ledgerRef).paymentIds();
      return resend("the read-and-pay activity timed out before recording the ledger it read, which it does before it"
          + " writes, so its payment was almost surely not sent. Should it have been (a heartbeat lost on the way),"
          + " storEDGE's idempotency key makes this send return that payment instead of charging again, and a"
          + " payment already on the ledger cannot be told apart: check ledger " + target.ledgerId() + " for a"
          + " payment of " + request.amount().minor() + " cents before posting by hand");
    }
    if (knownPaymentIds == null) {
      // The ledger read before the write did not finish (postings from before read-and-pay): no write was attempted.
      knownPaymentIds = reads.readLedger(ledgerRef).paymentIds();
      return resend("no write had been attempted");
    }
    StoredgeLedger ledger = reads.readLedger(ledgerRef);
    String looked = "read ledger " + target.ledgerId() + " for a new payment of " + request.amount().minor()
        + " cents not among the " + knownPaymentIds.size() + " payments listed before the write";
    List<StoredgeLedgerPayment> ours = StoredgePaymentMatch.newPayments(ledger, knownPaymentIds,
        request.amount().minor());
    if (ours.size() == 1) {
      return Discovery.found(ours.get(0).id(), looked + ": found payment " + ours.get(0).id());
    }
    if (ours.size() > 1) {
      return Discovery.notFound(looked + ": " + ours.size() + " match " + ours.stream()
          .map(StoredgeLedgerPayment::id).toList() + " (cannot tell which is this posting's)");
    }
    List<StoredgeLedgerPayment> others = StoredgePaymentMatch.anyNewPayments(ledger, knownPaymentIds);
    if (!others.isEmpty()) {
      // Something was paid, but not the collected amount: never send more money on top of it.
      return Discovery.notFound(looked + ": none, but new payments of other amounts appeared " + others.stream()
          .map(p -> p.id() + " (" + p.paidMinor() + " cents)").toList());
    }
    return resend(looked + ": none");
  }

  /** The same payment with the same idempotency key: storEDGE returns the one already made, or makes it once. */
  private Discovery resend(String context) {
    try {
      StoredgePaymentResult result = resends.makePayment(payment());
      return Discovery.found(result.paymentId(), context + "; sent again with idempotency key "
          + idempotencyKey(request) + ": payment " + result.paymentId());
    } catch (ActivityFailure failure) {
      return Discovery.notFound(context + "; sending again with idempotency key " + idempotencyKey(request)
          + " failed: " + FailureKind.describe(failure));
    }
  }

  @Override
  public Verification confirm(String recordId) {
    // make_payment answers with the ledger after the payment (docs/providers/storedge.md#endpoints: "returns the
    // ledger"), i.e. the read-back in the same exchange. Checking that answer instead of a second GET saves a call and
    // an activity (6 history events) per posting; a record named any other way (an operator, a lookup) is still read
    // back.
    boolean answerIsReadBack = written != null && recordId.equals(written.paymentId()) && written.ledger() != null;
    StoredgeLedger ledger = answerIsReadBack ? written.ledger() : reads.readLedger(ledgerRef);
    Optional<StoredgeLedgerPayment> payment = (ledger.recentPayments() == null ? List.<StoredgeLedgerPayment>of()
        : ledger.recentPayments()).stream().filter(p -> recordId.equals(p.id())).findFirst();
    if (payment.isEmpty()) {
      return new Verification(false, "ledger " + target.ledgerId() + " lists no payment " + recordId
          + " among its recent payments");
    }
    if (payment.get().paidMinor() != request.amount().minor()) {
      return new Verification(false, "payment " + recordId + " paid " + payment.get().paidMinor() + " cents, not "
          + request.amount().minor());
    }
    return new Verification(true, "payment " + recordId + " is on ledger " + target.ledgerId() + " with "
        + request.amount().minor() + " cents (" + payment.get().description() + ")");
  }
}
