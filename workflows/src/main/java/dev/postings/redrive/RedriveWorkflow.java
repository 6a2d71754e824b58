package dev.postings.redrive;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One re-drive: for each provider of the order, the PARKED postings are asked to try again now ({@code retryNow}), at
 * the provider's pace. Started by the Temporal Schedule {@code postings-redrive} on a cluster, by {@link
 * RedriveLoopWorkflow} on the embedded server (which has no Schedules), and by an operator for one provider: always
 * this workflow, so the three take the same path.
 */
@WorkflowInterface
public interface RedriveWorkflow {

  @WorkflowMethod
  RedriveReport redrive(RedriveOrder order);
}
