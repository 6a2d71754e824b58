package dev.postings.workflow.storedge;

import dev.postings.workflow.FailureKind;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.failure.ApplicationFailure;
import java.util.List;

/**
 * storEDGE's ledger API as the workflow sees it (docs/providers/storedge.md#endpoints). Every method throws an
 * ApplicationFailure whose type is a {@link dev.postings.workflow.FailureKind} name. No input or output holds
 * cardholder data: a new card or bank account travels as its last 4 digits and a card-vault reference, and the adapter
 * redeems the clear values right before the call.
 */
@ActivityInterface
public interface StoredgeActivities {

  /**
   * {@code GET /v1/{facility_id}/ledgers/{id}}: the ledger as it is now (balance, monthly rate, recent payments).
   *
   * @param ref which facility and ledger; an unknown one is REJECTED
   * @return the ledger, amounts in cents
   */
  @ActivityMethod
  StoredgeLedger readLedger(StoredgeLedgerRef ref);

  /**
   * {@code POST /v1/{facility_id}/ledgers/{ledger_id}/make_payment}: moves money when the method is a card or ACH.
   * Sends {@code payment[idempotency_key]} as given, so sending the same payment again returns the same payment and
   * charges nothing more. For BALANCE and PREPAY the adapter first reads the ledger and refuses (REJECTED, nothing
   * sent) when storEDGE would charge another amount than {@link StoredgePayment#amountMinor()}. The card data behind a
   * vault reference is discarded once the request was sent, whatever the answer.
   *
   * @param payment the payment, the idempotency key and the ids of the payments that were on the ledger before
   * @return the new payment's id, found in the answer's {@code recent_payments}; a 200 whose new payment cannot be
   *     identified is thrown as UNKNOWN_OUTCOME (the money may have moved)
   */
  @ActivityMethod
  StoredgePaymentResult makePayment(StoredgePayment payment);

  /**
   * {@link #readLedger}, then {@link #makePayment} with the ids just read as the payments that were on the ledger
   * before: the posting's two calls in one activity (one task round trip instead of two). Each endpoint is called once,
   * so the queue's rate limit still bounds each endpoint's rate. One implementation for every adapter: a default
   * method.
   *
   * <p>The workflow needs the ledger as it was before the write to look an unclear write up, so the snapshot leaves the
   * activity two ways. It is recorded as the activity's heartbeat before the write is sent, which Temporal keeps with
   * the activity and hands to the workflow in a timeout ({@code TimeoutFailure#getLastHeartbeatDetails}): a worker that
   * dies mid-write still leaves it behind. And a failed write carries it in its failure's details ({@link
   * #SNAPSHOT_DETAILS}). A timeout without a heartbeat therefore means the activity ended before its write was sent.
   * A read that fails means nothing was sent: NOT_SENT, or the read's own REJECTED, RATE_LIMITED or
   * CREDENTIALS_REFUSED.
   *
   * @param payment the payment; its {@code knownPaymentIds} are ignored (they are read here)
   */
  // No @ActivityMethod: Temporal refuses the annotation on a method that an implementation inherits; every method of
  // an @ActivityInterface is an activity (type ReadLedgerAndPay) anyway.
  default StoredgePaymentResult readLedgerAndPay(StoredgePayment payment) {
    List<String> before;
    try {
      before = readLedger(new StoredgeLedgerRef(payment.facilityId(), payment.ledgerId())).paymentIds();
    } catch (ApplicationFailure readFailed) {
      String type = readFailed.getType();
      if (FailureKind.REJECTED.name().equals(type) || FailureKind.RATE_LIMITED.name().equals(type)
          || FailureKind.CREDENTIALS_REFUSED.name().equals(type)) {
        throw readFailed;
      }
      throw ApplicationFailure.newBuilder().setType(FailureKind.NOT_SENT.name())
          .setMessage("ledger " + payment.ledgerId() + " could not be read before the payment, so the payment was not"
              + " sent: " + readFailed.getOriginalMessage())
          .build();
    }
    // The SDK sends an activity's first heartbeat at once, before heartbeat() returns: normally the snapshot is with
    // Temporal before the write. When the worker is shutting down, or the activity was reset, paused or cancelled, it
    // throws instead, and nothing has been sent.
    try {
      Activity.getExecutionContext().heartbeat(before.toArray(new String[0]));
    } catch (RuntimeException notRecorded) {
      throw ApplicationFailure.newBuilder().setType(FailureKind.NOT_SENT.name())
          .setMessage("the ledger read before the payment could not be recorded with Temporal ("
              + notRecorded.getClass().getSimpleName() + "), so the payment was not sent")
          .build();
    }
    try {
      return makePayment(new StoredgePayment(payment.facilityId(), payment.ledgerId(), payment.idempotencyKey(),
          payment.kind(), payment.months(), payment.amountMinor(), payment.method(), before));
    } catch (ApplicationFailure writeFailed) {
      ApplicationFailure.Builder withSnapshot = ApplicationFailure.newBuilder()
          .setType(writeFailed.getType())
          .setMessage(writeFailed.getOriginalMessage())
          .setNonRetryable(writeFailed.isNonRetryable())
          .setDetails((Object) before.toArray(new String[0]));
      if (writeFailed.getNextRetryDelay() != null) {
        withSnapshot.setNextRetryDelay(writeFailed.getNextRetryDelay());
      }
      throw withSnapshot.build();
    } catch (RuntimeException unexpected) {
      // Not a classified answer (a bug after the request may have gone out): the outcome is unknown, with the snapshot.
      throw ApplicationFailure.newBuilder().setType(FailureKind.UNKNOWN_OUTCOME.name())
          .setMessage("storEDGE make_payment ended unexpectedly: " + unexpected)
          .setDetails((Object) before.toArray(new String[0]))
          .build();
    }
  }

  /** What a failed {@link #readLedgerAndPay} carries: the payment ids on the ledger before the write, a String[]. */
  String SNAPSHOT_DETAILS = "payment ids on the ledger before the write (String[])";
}
