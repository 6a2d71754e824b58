package dev.postings.workflow.storedge;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * storEDGE's ledger API as the workflow sees it (seed 004). Every method throws an ApplicationFailure whose type is a
 * {@link dev.postings.workflow.FailureKind} name. No input or output holds cardholder data: a new card or bank account
 * travels as its last 4 digits and a card-vault reference, and the adapter redeems the clear values right before the
 * call.
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
   * charges nothing more. For BALANCE and PREPAY the adapter first reads the ledger and refuses (REJECTED, nothing sent)
   * when storEDGE would charge another amount than {@link StoredgePayment#amountMinor()}. The card data behind a
   * vault reference is discarded once the request was sent, whatever the answer.
   *
   * @param payment the payment, the idempotency key and the ids of the payments that were on the ledger before
   * @return the new payment's id, found in the answer's {@code recent_payments}; a 200 whose new payment cannot be
   *     identified is thrown as UNKNOWN_OUTCOME (the money may have moved)
   */
  @ActivityMethod
  StoredgePaymentResult makePayment(StoredgePayment payment);
}
