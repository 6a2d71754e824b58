package dev.postings.reconciliation;

import java.util.List;
import java.util.Map;

/**
 * What one daily run did, connection by connection (each connection's report is kept by its own
 * {@link ReconciliationWorkflow}, under {@link ReconciliationWorkflow#workflowId}).
 *
 * @param day the transaction day reconciled (ISO {@code yyyy-mm-dd})
 * @param reconciled the connections whose reconciliation ran to its end in this run
 * @param needOperator those of them whose report opened an operator task
 * @param alreadyRunning the connections a reconciliation of the same day was already running for (started by an
 *     operator through the API, or by an earlier run): left to it, not started twice
 * @param failed the connections whose reconciliation failed, with why; the others ran all the same
 */
public record DailyReconciliationReport(String day, List<String> reconciled, List<String> needOperator,
    List<String> alreadyRunning, Map<String, String> failed) {}
