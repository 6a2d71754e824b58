package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationOutcome;
import dev.postings.reconciliation.ReconciliationReports;
import dev.postings.reconciliation.ReconciliationReports.Filter;
import dev.postings.reconciliation.ReconciliationReports.StoredReport;
import dev.postings.reconciliation.ReconciliationStore;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Reports as operators read them: one by id with how its task closed, lists narrowed and newest first. */
class ReconciliationReportsTest {

  private static final Instant T0 = Instant.parse("2026-12-04T09:00:00Z");
  private static final LocalDate DAY = LocalDate.of(2026, 12, 4);
  private static final ReconciliationItem MATCHED = new ReconciliationItem(ReconciliationOutcome.MATCHED, "p-1", "9001",
      100L, 100L, null);
  private static final ReconciliationItem MISSING = new ReconciliationItem(ReconciliationOutcome.MISSING, "p-2", "9002",
      200L, null, "the ledger no longer shows record 9002");

  private ReconciliationStore store;
  private ReconciliationReports reports;

  @BeforeEach
  void empty() {
    TestRegistry.execute("TRUNCATE reconciliation_items, reconciliations");
    store = new ReconciliationStore(TestRegistry.database().dataSource());
    reports = new ReconciliationReports(TestRegistry.database().dataSource());
  }

  @Test
  void aReportIsFoundByItsIdWithItsResolution() {
    long id = store.save("acquaint-dev", DAY, T0, List.of(MATCHED, MISSING), 2).reconciliationId();

    StoredReport open = reports.find(id).orElseThrow();
    assertThat(open.open()).isTrue();
    assertThat(open.counts()).containsEntry(ReconciliationOutcome.MISSING, 1L)
        .containsEntry(ReconciliationOutcome.MATCHED, 1L).containsEntry(ReconciliationOutcome.PENDING, 0L);
    assertThat(open.providerCalls()).isEqualTo(2);

    store.resolve(id, "ops-anna", "re-entered in the PMS", T0.plusSeconds(60));
    StoredReport resolved = reports.find(id).orElseThrow();
    assertThat(resolved.open()).isFalse();
    assertThat(resolved.resolvedBy()).isEqualTo("ops-anna");
    assertThat(resolved.resolutionNote()).isEqualTo("re-entered in the PMS");
    assertThat(reports.find(id + 1000)).isEmpty();
  }

  @Test
  void listsNarrowByConnectionDayAndOpenTaskNewestFirst() {
    long older = store.save("acquaint-dev", DAY, T0, List.of(MISSING), 1).reconciliationId();
    long otherDay = store.save("acquaint-dev", DAY.minusDays(1), T0.plusSeconds(10), List.of(MATCHED), 1)
        .reconciliationId();
    long otherConnection = store.save("acquaint-north", DAY, T0.plusSeconds(20), List.of(MISSING), 1)
        .reconciliationId();

    assertThat(reports.list(new Filter(null, null, false, 10))).extracting(StoredReport::reconciliationId)
        .containsExactly(otherConnection, otherDay, older);
    assertThat(reports.list(new Filter("acquaint-dev", null, false, 10))).extracting(StoredReport::reconciliationId)
        .containsExactly(otherDay, older);
    assertThat(reports.list(new Filter("acquaint-dev", DAY, false, 10))).extracting(StoredReport::reconciliationId)
        .containsExactly(older);
    assertThat(reports.list(new Filter(null, null, true, 10))).extracting(StoredReport::reconciliationId)
        .containsExactly(otherConnection, older);
    assertThat(reports.list(new Filter(null, null, false, 1))).hasSize(1);
    assertThat(reports.openCount()).isEqualTo(2);

    store.resolve(older, "ops-anna", "fixed", T0.plusSeconds(30));
    assertThat(reports.list(new Filter(null, null, true, 10))).extracting(StoredReport::reconciliationId)
        .containsExactly(otherConnection);
    assertThat(reports.openCount()).isEqualTo(1);
  }
}
