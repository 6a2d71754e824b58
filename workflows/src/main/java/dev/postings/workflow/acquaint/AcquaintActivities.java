package dev.postings.workflow.acquaint;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import java.util.List;

/**
 * Acquaint CRM's 17.0 API as the workflow sees it (docs/providers/acquaint.md#endpoints). Amounts are pence here; the
 * adapter sends and reads decimal pounds, converted exactly. Every method throws an ApplicationFailure whose type is a
 * {@link dev.postings.workflow.FailureKind} name. Acquaint has no idempotency key: the writes must never be retried
 * blindly, and after an unclear outcome the ledger is read back instead.
 */
@ActivityInterface
public interface AcquaintActivities {

  /**
   * {@code POST 17.0/app/tenancy/retrievesrentstopay} for the item's tenancy, received items included: the rent-due
   * item with its {@code Received} amount, or not found.
   */
  @ActivityMethod
  RentItemLookup readRentItem(RentItemRef ref);

  /**
   * {@code POST 17.0/app/tenancy/tenantpayments} with one payment, sent once. Acquaint answers {@code true} when it
   * processed the payment and returns no record id; {@code false} (it cannot take the item) is thrown as REJECTED.
   */
  @ActivityMethod
  RentPaymentAccepted payRentItem(RentPayment payment);

  /**
   * {@code POST 17.0/app/accounts/reveivepaymentforcharge} (the misspelt path is Acquaint's), sent once: the new
   * transaction's id, and the overpayment transaction's when the amount was above the charge's outstanding balance.
   */
  @ActivityMethod
  ChargePaymentReceipt payCharge(ChargePayment payment);

  /**
   * {@link #payCharge}, sent once and failing exactly as it does, then in the same activity one read of the transaction
   * it made ({@link #readTransaction}): the posting's two calls with one task round trip instead of two. A failed
   * read-back does not fail the activity (the payment was made); the answer says why, and the workflow reads again.
   * Each endpoint is called at most once, so the queue's activity rate limit still bounds every endpoint's rate.
   */
  @ActivityMethod
  ChargePaymentReadBack payChargeAndReadBack(ChargePayment payment);

  /** {@code GET 17.0/database/transactions/{id}}: the transaction, or not found. */
  @ActivityMethod
  TransactionLookup readTransaction(TransactionRef ref);

  /**
   * The transactions recorded against one charge ({@code GET 17.0/database/transactions?chargeId=}): how an unclear
   * charge payment is looked up without posting it again.
   */
  @ActivityMethod
  List<AcquaintTransaction> findChargeTransactions(ChargeTransactionSearch search);
}
