package dev.postings.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One reconciliation of one connection's ledger for one transaction day against the registry. Started by the daily
 * schedule (a Temporal Schedule on a cluster, a loop on the embedded server, as the re-drive is) and by the API, always
 * under the id {@link #workflowId}: a second start for the same connection and day while one runs joins it.
 */
@WorkflowInterface
public interface ReconciliationWorkflow {

  @WorkflowMethod
  ReconciliationSummary reconcile(ReconciliationOrder order);

  /** The one id of a connection's reconciliation of a day ({@code reconciliation-<connectionId>-<yyyy-mm-dd>}). */
  static String workflowId(String connectionId, String day) {
    return "reconciliation-" + connectionId + "-" + day;
  }
}
