package dev.postings.webhook;

import dev.postings.workflow.FailureKind;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Promise;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;

/**
 * A Propexo notice: a few activities, then a timer. Cheap on purpose (a month-end flood sends tens of thousands): a
 * {@code DATA_NEW} for an integration where no posting waits is one activity and the timer (16 history events); one
 * with postings waiting reads the record once and wakes the one it matches (28 events); a job failure is one activity.
 * Each activity retries on the notice's back-off until the notice may be forgotten, so a failure (Propexo down, no
 * worker, Temporal busy) delays the work and never loses it.
 */
public class PropexoNoticeWorkflowImpl implements PropexoNoticeWorkflow {

  private static final Logger log = Workflow.getLogger(PropexoNoticeWorkflowImpl.class);

  @Override
  public NoticeOutcome handle(NoticeOrder order) {
    PropexoNotice notice = order.notice();
    NoticePolicy policy = order.policy();
    Instant forgetAt = notice.receivedAt().plus(policy.remember());
    Duration left = Duration.between(Instant.ofEpochMilli(Workflow.currentTimeMillis()), forgetAt);
    // The workflow id is the body's digest: while this run is open, the same body cannot start another (whatever the
    // namespace's retention, and on the embedded server, which forgets closed runs only when it restarts).
    Promise<Void> forgettable = left.isNegative() || left.isZero() ? null : Workflow.newTimer(left);
    Duration budget = left.compareTo(policy.callTimeout()) > 0 ? left : policy.callTimeout();
    NoticeOutcome outcome;
    try {
      outcome = switch (notice.kind()) {
        case DATA_NEW -> dataNew(notice, notices(policy, budget), propexo(policy, budget));
        case WRITE_OPERATION_FAILURE -> notices(policy, budget).endJobWait(notice);
      };
    } catch (ActivityFailure gaveUp) {
      log.warn("Propexo {} notice {} given up: {}", notice.kind(), notice.digest(), FailureKind.describe(gaveUp));
      outcome = NoticeOutcome.nobody("given up after retrying until " + forgetAt + ": " + FailureKind.describe(gaveUp));
    }
    if (forgettable != null) {
      forgettable.get();
    }
    return outcome;
  }

  private static NoticeOutcome dataNew(PropexoNotice notice, PropexoNotices notices, PropexoActivities propexo) {
    if (notice.recordId() == null || notices.awaitingSync(notice) == 0) {
      return NoticeOutcome.nobody("no posting awaits a synced record on integration " + notice.integrationId());
    }
    ResidentPaymentLookup record = propexo.readResidentPayment(new ResidentPaymentRef(notice.recordId()));
    if (!record.found()) {
      return NoticeOutcome.nobody("record " + notice.recordId() + " is not a resident payment");
    }
    return notices.wakeOwnerOf(notice, record.payment());
  }

  private static PropexoNotices notices(NoticePolicy policy, Duration budget) {
    return Workflow.newActivityStub(PropexoNotices.class, options(policy, budget).build());
  }

  /** The Propexo read on the Propexo queue: its task-queue rate limit counts it like every Propexo request. */
  private static PropexoActivities propexo(NoticePolicy policy, Duration budget) {
    return Workflow.newActivityStub(PropexoActivities.class,
        options(policy, budget).setTaskQueue(policy.propexoTaskQueue()).build());
  }

  private static ActivityOptions.Builder options(NoticePolicy policy, Duration budget) {
    RetrySchedule retry = policy.retry();
    return ActivityOptions.newBuilder()
        .setStartToCloseTimeout(policy.callTimeout())
        .setScheduleToCloseTimeout(budget)
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(retry.initial())
            .setBackoffCoefficient(retry.backoff())
            .setMaximumInterval(retry.max())
            // a read Propexo refuses (bad request, not found as an error) is refused again
            .setDoNotRetry(FailureKind.REJECTED.name())
            .build());
  }
}
