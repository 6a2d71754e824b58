package dev.postings.starter.reconciliation;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationOutcome;
import dev.postings.reconciliation.ReconciliationReports.StoredReport;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * A reconciliation report as the API answers it: its counts by outcome, its operator task ({@code open}: a MISSING,
 * CHANGED or UNEXPECTED item nobody has resolved yet), where to read it ({@code reportUrl}: JSON, or its items as CSV
 * with {@code Accept: text/csv}), and, when read alone, its items.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReconciliationView(long reconciliationId, String connectionId, LocalDate day, Instant runAt,
    Map<ReconciliationOutcome, Long> counts, int providerCalls, boolean needsOperator, boolean open,
    Instant resolvedAt, String resolvedBy, String resolutionNote, String reportUrl, List<ReconciliationItem> items) {

  static ReconciliationView of(StoredReport report, List<ReconciliationItem> items) {
    return new ReconciliationView(report.reconciliationId(), report.connectionId(), report.day(), report.runAt(),
        report.counts(), report.providerCalls(), report.needsOperator(), report.open(), report.resolvedAt(),
        report.resolvedBy(), report.resolutionNote(), ReconciliationController.PATH + "/" + report.reconciliationId(),
        items);
  }

  /** A page of reports, newest first, and how many operator tasks are open in all. */
  public record Page(List<ReconciliationView> reconciliations, long openTasks) {}

  /** The answer to a start: the run's workflow id, and where its report will be listed. */
  public record Started(String reconciliationWorkflowId, String connectionId, LocalDate day, String status,
      Instant since, String reportsUrl) {}
}
