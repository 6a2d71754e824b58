package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.model.Provider;
import dev.postings.reconciliation.LedgerPayment;
import dev.postings.reconciliation.PostingOnRecord;
import dev.postings.reconciliation.Reconciliation;
import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationOutcome;
import dev.postings.reconciliation.ReconciliationStore;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A day of a connection read from the registry, compared with a ledger, kept, and closed by an operator. */
class ReconciliationStoreTest {

  private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);

  private PostingRegistry registry;
  private ReconciliationStore reports;

  @BeforeEach
  void empty() {
    TestRegistry.execute("TRUNCATE reconciliation_items, reconciliations");
    registry = TestRegistry.empty();
    TestRegistry.connection("acquaint-dev", "ACQUAINT");
    TestRegistry.connection("acquaint-north", "ACQUAINT");
    reports = new ReconciliationStore(TestRegistry.database().dataSource());
  }

  private void confirmed(String postingId, String connection, LocalDate day, long amount, String recordId) {
    registry.register(new NewPosting(postingId, "billing", "fp", Provider.ACQUAINT, connection, amount, "GBP",
        "REF-" + postingId, day, T0));
    registry.recordState(new StateUpdate(postingId, PostingState.CONFIRMED, PostingStep.DONE, recordId, null,
        T0.plusSeconds(5)));
  }

  @Test
  void theDayOfOneConnectionIsReadWithItsReferencesOpenedThenKeptAsAReport() {
    confirmed("p-1", "acquaint-dev", DAY, 4_550, "9001");
    confirmed("p-2", "acquaint-dev", DAY, 12_000, "9002");
    confirmed("p-3", "acquaint-north", DAY, 8_000, "9001");
    confirmed("p-4", "acquaint-dev", DAY.minusDays(1), 100, "9000");

    List<PostingOnRecord> day = new PostingsOfADay(TestRegistry.database().dataSource(), TestRegistry.settings())
        .of("acquaint-dev", DAY);
    assertThat(day).extracting(PostingOnRecord::postingId).containsExactly("p-1", "p-2");
    assertThat(day.get(0).reference()).isEqualTo("REF-p-1");

    List<ReconciliationItem> items = Reconciliation.compare(day, List.of(new LedgerPayment("9001", 4_550, "REF-p-1"),
        new LedgerPayment("9002", 11_000, "REF-p-2")));
    ReconciliationStore.Report kept = reports.save("acquaint-dev", DAY, T0.plusSeconds(60), items, 3);

    assertThat(kept.needsOperator()).isTrue();
    assertThat(reports.latest("acquaint-dev", DAY)).hasValueSatisfying(latest -> {
      assertThat(latest.counts()).containsEntry(ReconciliationOutcome.MATCHED, 1L)
          .containsEntry(ReconciliationOutcome.CHANGED, 1L);
      assertThat(latest.providerCalls()).isEqualTo(3);
    });
    List<ReconciliationItem> read = new ArrayList<>();
    reports.items(kept.reconciliationId(), read::add);
    assertThat(read).isEqualTo(items);
    assertThat(reports.open(10)).extracting(ReconciliationStore.Report::reconciliationId)
        .containsExactly(kept.reconciliationId());

    assertThat(reports.resolve(kept.reconciliationId(), "ops-anna", "amount corrected in the PMS", T0.plusSeconds(90)))
        .isTrue();
    assertThat(reports.open(10)).isEmpty();
    assertThat(reports.resolve(kept.reconciliationId(), "ops-anna", "again", T0.plusSeconds(99))).isFalse();
  }

  @Test
  void aRunThatFindsEverythingMatchedOpensNoTaskAndClosesTheDaysEarlierTasks() {
    confirmed("p-1", "acquaint-dev", DAY, 4_550, "9001");
    List<PostingOnRecord> day = new PostingsOfADay(TestRegistry.database().dataSource(), TestRegistry.settings())
        .of("acquaint-dev", DAY);
    reports.save("acquaint-dev", DAY, T0, Reconciliation.compare(day, List.of()), 1);
    ReconciliationStore.Report second = reports.save("acquaint-dev", DAY, T0.plusSeconds(3600),
        Reconciliation.compare(day, List.of(new LedgerPayment("9001", 4_550, null))), 1);

    assertThat(second.needsOperator()).isFalse();
    assertThat(reports.latest("acquaint-dev", DAY)).hasValueSatisfying(latest ->
        assertThat(latest.reconciliationId()).isEqualTo(second.reconciliationId()));
    // the first run (the record missing) was a task; the second proved the ledger right again and closed it
    assertThat(reports.open(10)).isEmpty();

    ReconciliationStore.Report third = reports.save("acquaint-dev", DAY, T0.plusSeconds(7200),
        Reconciliation.compare(day, List.of()), 1);
    reports.save("acquaint-north", DAY, T0.plusSeconds(7300), List.of(), 1);
    // a clean run of another connection closes nothing of this one
    assertThat(reports.open(10)).extracting(ReconciliationStore.Report::reconciliationId)
        .containsExactly(third.reconciliationId());
  }
}
