package dev.postings.worker.bench;

import io.temporal.activity.ActivityOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** One activity on the floor's activity queue, then done. */
public class FloorWorkflowImpl implements FloorWorkflow {

  private final FloorActivities activities = Workflow.newActivityStub(FloorActivities.class,
      ActivityOptions.newBuilder()
          .setTaskQueue(FloorWiring.ACTIVITY_QUEUE)
          .setStartToCloseTimeout(Duration.ofSeconds(30))
          .build());

  @Override
  public String run(String id) {
    return activities.echo(id);
  }
}
