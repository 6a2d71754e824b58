package dev.postings.redrive;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

public class RedriveWorkflowImpl implements RedriveWorkflow {

  @Override
  public RedriveReport redrive(RedriveOrder order) {
    RedrivePolicy policy = order.policy();
    // One activity per provider; it paces its retryNow calls itself and heartbeats, so its timeout grows with the
    // number of postings it may re-drive at that pace.
    RedriveActivities activities = Workflow.newActivityStub(RedriveActivities.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(policy.runBudget())
        .setHeartbeatTimeout(Duration.ofSeconds(30))
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(3).build())
        .build());
    List<ProviderRedrive> done = new ArrayList<>();
    for (RedriveBatch batch : policy.batches(order.providers(), order.requestedBy())) {
      done.add(activities.redriveParked(batch));
    }
    return new RedriveReport(order.requestedBy(), done);
  }
}
