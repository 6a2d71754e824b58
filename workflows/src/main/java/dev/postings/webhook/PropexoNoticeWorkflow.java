package dev.postings.webhook;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * One verified Propexo webhook, handed over by the starter before it answers (workflow id
 * {@code propexo-webhook-<body digest>}: the same body again finds it and changes nothing). It does the slow work
 * after the answer, retried until it is done, and stays open until the notice may be forgotten.
 */
@WorkflowInterface
public interface PropexoNoticeWorkflow {

  @WorkflowMethod
  NoticeOutcome handle(NoticeOrder order);
}
