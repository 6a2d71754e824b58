package dev.postings.workflow.storedge;

import java.util.List;

/**
 * The part of a storEDGE ledger that posting needs, amounts in cents (storEDGE answers in decimal dollars).
 *
 * @param currentBalanceMinor {@code current_account_balance}: what the tenant owes now
 * @param currentRateMinor {@code current_rate}: the monthly rent, the basis of a prepayment
 * @param paidThrough {@code paid_through} as storEDGE writes it (a date)
 * @param recentPayments {@code recent_payments}, as storEDGE lists them
 */
public record StoredgeLedger(
    String ledgerId,
    long currentBalanceMinor,
    long currentRateMinor,
    String paidThrough,
    List<StoredgeLedgerPayment> recentPayments) {

  /** The ids of the listed payments. */
  public List<String> paymentIds() {
    return recentPayments == null ? List.of() : recentPayments.stream().map(StoredgeLedgerPayment::id).toList();
  }
}
