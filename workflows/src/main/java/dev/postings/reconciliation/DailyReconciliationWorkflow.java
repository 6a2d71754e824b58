package dev.postings.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The daily run: one {@link ReconciliationWorkflow} per active connection for one transaction day, each as a child
 * under {@link ReconciliationWorkflow#workflowId}, so a reconciliation an operator already started for the same
 * connection and day is left to run rather than started twice. Started by the Temporal Schedule {@code
 * postings-reconciliation} on a cluster and by {@link DailyReconciliationLoopWorkflow} on the embedded server.
 */
@WorkflowInterface
public interface DailyReconciliationWorkflow {

  @WorkflowMethod
  DailyReconciliationReport reconcileDay(DailyReconciliationOrder order);
}
