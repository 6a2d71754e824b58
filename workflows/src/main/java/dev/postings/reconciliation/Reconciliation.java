package dev.postings.reconciliation;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Compares what our registry says we posted for a connection and a day with what the provider's ledger holds, record
 * by record. A confirmed posting is matched on the record id it confirmed (the provider's own id, never a guess), then
 * on its amount, and on its reference where the ledger shows one (verify on what the provider documents; compare the
 * rest only when present). A ledger payment is ours only when it carries one of the day's references: every other
 * payment on the ledger belongs to someone else and is left alone.
 */
public final class Reconciliation {

  private static final Set<String> CONFIRMED = Set.of("CONFIRMED");

  private Reconciliation() {}

  public static List<ReconciliationItem> compare(List<PostingOnRecord> postings, List<LedgerPayment> ledger) {
    Map<String, LedgerPayment> byRecord = new HashMap<>();
    for (LedgerPayment payment : ledger) {
      byRecord.put(payment.recordId(), payment);
    }
    Set<String> references = new HashSet<>();
    Set<String> named = new HashSet<>();
    List<ReconciliationItem> items = new ArrayList<>();
    for (PostingOnRecord posting : postings) {
      if (posting.reference() != null) {
        references.add(posting.reference());
      }
      if (!CONFIRMED.contains(posting.state()) || posting.recordId() == null) {
        items.add(new ReconciliationItem(ReconciliationOutcome.PENDING, posting.postingId(), posting.recordId(),
            posting.amountMinor(), null, "state " + posting.state()));
        continue;
      }
      named.add(posting.recordId());
      LedgerPayment onLedger = byRecord.get(posting.recordId());
      if (onLedger == null) {
        items.add(new ReconciliationItem(ReconciliationOutcome.MISSING, posting.postingId(), posting.recordId(),
            posting.amountMinor(), null, "the ledger no longer shows the record"));
        continue;
      }
      List<String> differences = new ArrayList<>();
      if (onLedger.amountMinor() != posting.amountMinor()) {
        differences.add("amount");
      }
      if (onLedger.reference() != null && posting.reference() != null
          && !onLedger.reference().equals(posting.reference())) {
        differences.add("reference");
      }
      items.add(differences.isEmpty()
          ? new ReconciliationItem(ReconciliationOutcome.MATCHED, posting.postingId(), posting.recordId(),
              posting.amountMinor(), onLedger.amountMinor(), null)
          : new ReconciliationItem(ReconciliationOutcome.CHANGED, posting.postingId(), posting.recordId(),
              posting.amountMinor(), onLedger.amountMinor(), String.join(" and ", differences) + " differ"));
    }
    for (LedgerPayment payment : ledger) {
      if (payment.reference() != null && references.contains(payment.reference())
          && !named.contains(payment.recordId())) {
        items.add(new ReconciliationItem(ReconciliationOutcome.UNEXPECTED, null, payment.recordId(), null,
            payment.amountMinor(), "carries one of our references; no confirmed posting names it"));
      }
    }
    return items;
  }

  /** The items counted by outcome, every outcome present (zero included). */
  public static Map<ReconciliationOutcome, Long> counts(List<ReconciliationItem> items) {
    Map<ReconciliationOutcome, Long> counts = new EnumMap<>(ReconciliationOutcome.class);
    for (ReconciliationOutcome outcome : ReconciliationOutcome.values()) {
      counts.put(outcome, 0L);
    }
    items.forEach(item -> counts.merge(item.outcome(), 1L, Long::sum));
    return counts;
  }
}
