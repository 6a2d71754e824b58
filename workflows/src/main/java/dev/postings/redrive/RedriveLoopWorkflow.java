package dev.postings.redrive;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The embedded server's stand-in for the Temporal Schedule (the Java test server has no Schedules): waits {@code
 * every}, starts one {@link RedriveWorkflow} for all providers as a child, and so on; it continues as new every {@code
 * runsPerHistory} runs. Workflow id {@code postings-redrive-loop}: one per namespace.
 */
@WorkflowInterface
public interface RedriveLoopWorkflow {

  String WORKFLOW_ID = "postings-redrive-loop";

  @WorkflowMethod
  void loop(RedriveOrder order);
}
