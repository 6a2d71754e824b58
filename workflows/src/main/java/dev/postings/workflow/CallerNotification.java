package dev.postings.workflow;

import io.temporal.activity.ActivityOptions;
import io.temporal.common.RetryOptions;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;

/** The completion notice a posting sends the caller that started it, once it ended (a part of the workflow). */
final class CallerNotification {

  private CallerNotification() {}

  /**
   * Tells the service that started the posting how it ended: a signed POST (one activity, retried with back-off within
   * the callback's budget). Whether it is delivered or not, the posting's outcome stands; giving up is noted on the
   * timeline. Postings started without a callback do nothing here.
   */
  static void send(PostingJournal journal, CompletionCallback callback) {
    if (callback == null || callback.url() == null) {
      return;
    }
    CompletionCallbacks callbacks = Workflow.newActivityStub(CompletionCallbacks.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(callback.callTimeout())
        .setScheduleToCloseTimeout(callback.budget())
        .setRetryOptions(RetryOptions.newBuilder()
            .setInitialInterval(callback.retry().initial())
            .setBackoffCoefficient(callback.retry().backoff())
            .setMaximumInterval(callback.retry().max())
            .build())
        .build());
    PostingStatus status = journal.status();
    // the receiver's host only: a callback URL may carry the caller's own token in its path or query
    String receiver = java.net.URI.create(callback.url()).getHost();
    try {
      callbacks.deliver(new CompletionCallbacks.CompletionDelivery(callback.url(), new CompletionNotice(
          status.postingId(), status.state(), status.providerRecordId(), status.lastError(), Instant.ofEpochMilli(Workflow.currentTimeMillis()))));
      journal.moveTo(journal.state(), journal.step(), "completion callback delivered to " + receiver);
    } catch (ActivityFailure failure) {
      // Only the number of tries, never the receiver's answer or exception: that would tell the caller what answers
      // at an address inside our network. The worker's log has the detail.
      Integer tries = CompletionCallbacks.triesOf(failure);
      journal.moveTo(journal.state(), journal.step(), "completion callback to " + receiver + " not delivered"
          + (tries == null ? "" : " after " + tries + (tries == 1 ? " try" : " tries"))
          + "; the posting's outcome stands");
    }
  }
}
