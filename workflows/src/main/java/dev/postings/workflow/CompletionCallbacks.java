package dev.postings.workflow;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Delivers completion callbacks (on the workflow's own task queue, {@code postings}: it calls our callers, not a
 * provider). Fails retryably while the receiver is unreachable or answers 5xx/408/429; non-retryably on any other
 * answer that is not 2xx (the receiver refused it, and will again).
 */
@ActivityInterface
public interface CompletionCallbacks {

  /**
   * POSTs the notice to the URL, signed ({@code Postings-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of
   * "<t>.<body>">}).
   */
  @ActivityMethod(name = "DeliverCompletionCallback")
  void deliver(CompletionDelivery delivery);

  /** One delivery: where to, and what. */
  record CompletionDelivery(String url, CompletionNotice notice) {}
}
