package dev.postings.reconciliation;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The embedded server's stand-in for the Temporal Schedule {@code postings-reconciliation} (the Java test server has
 * no Schedules): sleeps until the next {@link ReconciliationSchedulePolicy#at} (UTC), starts one {@link
 * DailyReconciliationWorkflow} as a child, and so on; it continues as new every {@code runsPerHistory} runs. Workflow
 * id {@link #WORKFLOW_ID}: one per namespace.
 */
@WorkflowInterface
public interface DailyReconciliationLoopWorkflow {

  String WORKFLOW_ID = "postings-reconciliation-loop";

  /** The id of the daily run for a transaction day, as the loop starts it. */
  static String dailyWorkflowId(String day) {
    return "postings-reconciliation-daily-" + day;
  }

  @WorkflowMethod
  void loop(ReconciliationSchedulePolicy policy);
}
