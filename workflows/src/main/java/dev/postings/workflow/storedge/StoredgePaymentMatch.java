package dev.postings.workflow.storedge;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * How this posting's payment is told apart on a storEDGE ledger. storEDGE returns the whole ledger, not the payment's
 * id (docs/providers/storedge.md#finding-the-new-payment): the new payment is the entry of {@code recent_payments} that
 * was not there before this posting wrote anything and that carries exactly the collected amount. Any other count
 * (none, or several because someone else paid the same amount at the same moment) is not a match: an operator decides,
 * nothing is guessed. Pure, used by both the adapter (on the make_payment answer) and the workflow (on a ledger read
 * after an unclear write).
 */
public final class StoredgePaymentMatch {

  private StoredgePaymentMatch() {}

  /** The payments on {@code ledger} that are not in {@code knownIds} and paid {@code amountMinor} (positive cents). */
  public static List<StoredgeLedgerPayment> newPayments(StoredgeLedger ledger, Collection<String> knownIds,
      long amountMinor) {
    Set<String> known = new HashSet<>(knownIds == null ? List.of() : knownIds);
    return (ledger.recentPayments() == null ? List.<StoredgeLedgerPayment>of() : ledger.recentPayments()).stream()
        .filter(payment -> !known.contains(payment.id()))
        .filter(payment -> payment.paidMinor() == amountMinor)
        .toList();
  }

  /** The payments on {@code ledger} that are not in {@code knownIds}, whatever their amount. */
  public static List<StoredgeLedgerPayment> anyNewPayments(StoredgeLedger ledger, Collection<String> knownIds) {
    Set<String> known = new HashSet<>(knownIds == null ? List.of() : knownIds);
    return (ledger.recentPayments() == null ? List.<StoredgeLedgerPayment>of() : ledger.recentPayments()).stream()
        .filter(payment -> !known.contains(payment.id()))
        .toList();
  }
}
