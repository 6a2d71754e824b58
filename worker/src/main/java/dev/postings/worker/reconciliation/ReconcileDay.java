package dev.postings.worker.reconciliation;

import dev.postings.connections.Connection;
import dev.postings.connections.ConnectionStore;
import dev.postings.ledger.ProviderLedgers;
import dev.postings.providers.CallTally;
import dev.postings.providers.PostingConnection;
import dev.postings.reconciliation.LedgerPayment;
import dev.postings.reconciliation.PostingOnRecord;
import dev.postings.reconciliation.Reconciliation;
import dev.postings.reconciliation.ReconciliationActivities;
import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationOrder;
import dev.postings.reconciliation.ReconciliationOutcome;
import dev.postings.reconciliation.ReconciliationStore;
import dev.postings.reconciliation.ReconciliationSummary;
import dev.postings.registry.PostingsOfADay;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reconciliation's one activity: the registry's postings of the day, the provider's ledger read for them with the
 * connection's own credentials and rate limit, the comparison, the report kept, and its items counted in
 * {@code postings_reconciliation_items{connection,outcome}}.
 */
public class ReconcileDay implements ReconciliationActivities {

  static final String ITEMS_METER = "postings_reconciliation_items";
  private static final Logger log = LoggerFactory.getLogger(ReconcileDay.class);

  private final PostingsOfADay postingsOfADay;
  private final ProviderLedgers ledgers;
  private final ReconciliationStore reports;
  private final ConnectionStore connections;
  private final MeterRegistry meters;
  private final Clock clock;

  public ReconcileDay(PostingsOfADay postingsOfADay, ProviderLedgers ledgers, ReconciliationStore reports,
      ConnectionStore connections, MeterRegistry meters, Clock clock) {
    this.postingsOfADay = postingsOfADay;
    this.ledgers = ledgers;
    this.reports = reports;
    this.connections = connections;
    this.meters = meters;
    this.clock = clock;
  }

  @Override
  public ReconciliationSummary reconcileDay(ReconciliationOrder order) {
    LocalDate day = LocalDate.parse(order.day());
    List<PostingOnRecord> postings = postingsOfADay.of(order.connectionId(), day);
    CallTally.Counted<List<LedgerPayment>> ledger = CallTally.counting(
        () -> PostingConnection.with(order.connectionId(), () -> ledgers.read(postings, day)));
    List<ReconciliationItem> items = Reconciliation.compare(postings, ledger.result());
    ReconciliationStore.Report report = reports.save(order.connectionId(), day, clock.instant(), items,
        ledger.calls());
    for (Map.Entry<ReconciliationOutcome, Long> count : report.counts().entrySet()) {
      Counter.builder(ITEMS_METER)
          .description("items found by reconciliations, by connection and outcome")
          .tag("connection", order.connectionId())
          .tag("outcome", count.getKey().name())
          .register(meters)
          .increment(count.getValue());
    }
    log.info("reconciliation {} of {} on {} ({}): {} postings, {} ledger reads, {}", report.reconciliationId(),
        order.connectionId(), day, order.requestedBy(), postings.size(), ledger.calls(), report.counts());
    return new ReconciliationSummary(report.reconciliationId(), order.connectionId(), order.day(), report.counts(),
        report.providerCalls(), report.needsOperator());
  }

  @Override
  public List<String> connectionsToReconcile() {
    return connections.list().stream().filter(Connection::active).map(Connection::connectionId).sorted().toList();
  }
}
