package dev.postings.workflow.propexo;

import dev.postings.workflow.FailureKind;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.RetrySchedule;
import io.temporal.activity.ActivityCancellationType;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;

/** The Propexo activity stubs, one per retry behaviour; every Propexo path uses the same ones. */
final class PropexoStubs {

  /** One attempt: a timed-out write may have landed, and Propexo has no idempotency key. */
  final PropexoActivities writes;
  /** Unlimited attempts: the write-status poll ends with the job, or at the schedule-to-close deadline. */
  final PropexoActivities jobPoll;
  final PropexoActivities reads;
  /**
   * One attempt, as {@link #writes}, for a write that also takes the first look at its job: its time covers the write,
   * the wait before the look and the look's two calls (a look cut off by it only makes the outcome unclear, which the
   * workflow resolves by searching, as for any write).
   */
  final PropexoActivities writesWithLook;
  private final PropexoPolicy policy;

  PropexoStubs(PropexoPolicy policy) {
    this.policy = policy;
    this.writes = Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
        .build());
    this.writesWithLook = !policy.looksFirst() ? writes : Workflow.newActivityStub(PropexoActivities.class,
        ActivityOptions.newBuilder()
            .setTaskQueue(policy.taskQueue())
            .setStartToCloseTimeout(policy.callTimeout().multipliedBy(2).plus(policy.firstLookAfter()))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build())
            .build());
    this.jobPoll = Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setScheduleToCloseTimeout(policy.jobDeadline())
        .setRetryOptions(retrying(policy.jobPoll(), 0))
        .build());
    this.reads = Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setRetryOptions(retrying(policy.readRetry(), policy.readAttempts()))
        .build());
  }

  /**
   * The synced-record watch: one read now, then one per sync interval (the retry policy is the loop), until a match or
   * {@code budget}. Cancelled without waiting for the worker (a webhook or an operator ended the wait).
   */
  PropexoActivities syncWatch(Duration syncInterval, Duration budget, ActivityCancellationType onCancel) {
    return Workflow.newActivityStub(PropexoActivities.class, ActivityOptions.newBuilder()
        .setTaskQueue(policy.taskQueue())
        .setStartToCloseTimeout(policy.callTimeout())
        .setScheduleToCloseTimeout(budget)
        .setCancellationType(onCancel)
        .setRetryOptions(retrying(new RetrySchedule(syncInterval, 1.0, syncInterval), 0))
        .build());
  }

  /** Retries on {@code schedule}, never after a REJECTED answer (it would only be refused again). */
  private static RetryOptions retrying(RetrySchedule schedule, int maximumAttempts) {
    return RetryOptions.newBuilder()
        .setInitialInterval(schedule.initial())
        .setBackoffCoefficient(schedule.backoff())
        .setMaximumInterval(schedule.max())
        .setMaximumAttempts(maximumAttempts)
        .setDoNotRetry(FailureKind.REJECTED.name())
        .build();
  }
}
