package dev.postings.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A day's postings against a ledger: every outcome, and the ledger's other payments left alone. */
class ReconciliationTest {

  private static PostingOnRecord confirmed(String postingId, String recordId, long amount, String reference) {
    return new PostingOnRecord(postingId, "CONFIRMED", recordId, amount, reference, null);
  }

  @Test
  void aLedgerAsWeLeftItMatchesEveryConfirmedPosting() {
    List<ReconciliationItem> items = Reconciliation.compare(
        List.of(confirmed("p-1", "r-1", 100, "REF-1"), confirmed("p-2", "r-2", 200, "REF-2")),
        List.of(new LedgerPayment("r-1", 100, "REF-1"), new LedgerPayment("r-2", 200, null),
            new LedgerPayment("r-9", 5_000, "SOMEONE-ELSES")));

    assertThat(items).extracting(ReconciliationItem::outcome)
        .containsExactly(ReconciliationOutcome.MATCHED, ReconciliationOutcome.MATCHED);
  }

  @Test
  void aDeletedRecordIsMissingAnEditedOneChangedAndAStrangerWithOurReferenceUnexpected() {
    List<ReconciliationItem> items = Reconciliation.compare(
        List.of(confirmed("p-1", "r-1", 100, "REF-1"), confirmed("p-2", "r-2", 200, "REF-2"),
            confirmed("p-3", "r-3", 300, "REF-3"), confirmed("p-4", "r-4", 400, "REF-4"),
            new PostingOnRecord("p-5", "AWAITING_APPROVAL", null, 500, "REF-5", null)),
        List.of(new LedgerPayment("r-2", 250, "REF-2"), new LedgerPayment("r-3", 300, "REF-X"),
            new LedgerPayment("r-4", 400, "REF-4"), new LedgerPayment("r-8", 100, "REF-1"),
            new LedgerPayment("r-9", 700, "NOT-OURS")));

    assertThat(items).containsExactlyInAnyOrder(
        new ReconciliationItem(ReconciliationOutcome.MISSING, "p-1", "r-1", 100L, null,
            "the ledger no longer shows the record"),
        new ReconciliationItem(ReconciliationOutcome.CHANGED, "p-2", "r-2", 200L, 250L, "amount differ"),
        new ReconciliationItem(ReconciliationOutcome.CHANGED, "p-3", "r-3", 300L, 300L, "reference differ"),
        new ReconciliationItem(ReconciliationOutcome.MATCHED, "p-4", "r-4", 400L, 400L, null),
        new ReconciliationItem(ReconciliationOutcome.PENDING, "p-5", null, 500L, null, "state AWAITING_APPROVAL"),
        new ReconciliationItem(ReconciliationOutcome.UNEXPECTED, null, "r-8", null, 100L,
            "carries one of our references; no confirmed posting names it"));
    Map<ReconciliationOutcome, Long> counts = Reconciliation.counts(items);
    assertThat(counts).containsEntry(ReconciliationOutcome.MISSING, 1L).containsEntry(ReconciliationOutcome.CHANGED, 2L)
        .containsEntry(ReconciliationOutcome.UNEXPECTED, 1L).containsEntry(ReconciliationOutcome.PENDING, 1L);
    assertThat(items.stream().filter(item -> item.outcome().needsAnOperator())).hasSize(4);
  }

  @Test
  void referencesNeverReachTheReport() {
    List<ReconciliationItem> items = Reconciliation.compare(List.of(confirmed("p-1", "r-1", 100, "SECRET-REF")),
        List.of(new LedgerPayment("r-1", 90, "SECRET-REF"), new LedgerPayment("r-2", 1, "SECRET-REF")));
    assertThat(items.toString()).doesNotContain("SECRET-REF");
    assertThat(new LedgerPayment("r", 1, "SECRET-REF").toString()).doesNotContain("SECRET-REF");
  }
}
