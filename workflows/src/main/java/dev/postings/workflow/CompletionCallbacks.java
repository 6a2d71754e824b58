package dev.postings.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;
import io.temporal.failure.ActivityFailure;
import io.temporal.failure.ApplicationFailure;

/**
 * Delivers completion callbacks (on the workflow's own task queue, {@code postings}: it calls our callers, not a
 * provider). An attempt that does not deliver fails with an {@link ApplicationFailure} of type {@value #NOT_DELIVERED}
 * whose details[0] is the attempt number (int) and whose message names no status code, exception or address (what
 * answered inside our network is nobody's business but the worker's log): retryably while the receiver is unreachable
 * or answers 5xx/408/429, non-retryably when the destination is refused (internal address, http outside local mode),
 * on a redirect or on any other answer that is not 2xx.
 */
@ActivityInterface
public interface CompletionCallbacks {

  /** The failure type of an attempt that did not deliver. */
  String NOT_DELIVERED = "CallbackNotDelivered";

  /**
   * POSTs the notice to the URL, signed ({@code Postings-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
   * "<t>.<body>">}).
   */
  @ActivityMethod(name = "DeliverCompletionCallback")
  void deliver(CompletionDelivery delivery);

  /** One delivery: where to, and what. */
  record CompletionDelivery(String url, CompletionNotice notice) {}

  /**
   * How many attempts were made before the activity gave up: the attempt number of the last {@value #NOT_DELIVERED}
   * failure (the activity's own, or the cause of its timeout); null when none carries it.
   */
  static Integer triesOf(ActivityFailure failure) {
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      if (cause instanceof ApplicationFailure application && NOT_DELIVERED.equals(application.getType())) {
        try {
          return application.getDetails().get(0, Integer.class);
        } catch (RuntimeException noDetail) {
          return null;
        }
      }
    }
    return null;
  }
}
