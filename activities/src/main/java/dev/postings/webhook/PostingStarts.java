package dev.postings.webhook;

import dev.postings.workflow.PostingOrder;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.client.WorkflowClient;
import java.time.Instant;
import java.util.Optional;

/**
 * What a posting started with, read from the first event of its history (one small read, decrypted by the client's
 * converter): its order, and when its run started. The same two facts its workflow code reads, so a rule built from
 * them here is the rule the posting applies.
 */
final class PostingStarts {

  /** A posting's order, and its run's start (the workflow's {@code getRunStartedTimestampMillis}). */
  record Started(PostingOrder order, Instant at) {}

  private final WorkflowClient client;

  PostingStarts(WorkflowClient client) {
    this.client = client;
  }

  /** Empty when the posting is gone, or started with no readable order. */
  Optional<Started> of(String workflowId, String runId) {
    HistoryEvent first;
    try {
      first = client.getWorkflowServiceStubs().blockingStub().getWorkflowExecutionHistory(
          GetWorkflowExecutionHistoryRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setExecution(WorkflowExecution.newBuilder().setWorkflowId(workflowId)
                  .setRunId(runId == null ? "" : runId))
              .setMaximumPageSize(1)
              .build()).getHistory().getEvents(0);
    } catch (RuntimeException gone) {
      return Optional.empty();
    }
    if (!first.hasWorkflowExecutionStartedEventAttributes()
        || !first.getWorkflowExecutionStartedEventAttributes().hasInput()) {
      return Optional.empty();
    }
    PostingOrder order = client.getOptions().getDataConverter().fromPayloads(0,
        Optional.of(first.getWorkflowExecutionStartedEventAttributes().getInput()), PostingOrder.class,
        PostingOrder.class);
    if (order == null || order.request() == null) {
      return Optional.empty();
    }
    // in milliseconds, as the workflow reads its run's start
    Instant at = Instant.ofEpochMilli(first.getEventTime().getSeconds() * 1000
        + first.getEventTime().getNanos() / 1_000_000);
    // a posting that continued as new started with its first run, whose start it carries
    return Optional.of(new Started(order, order.carried() != null && order.carried().startedAt() != null
        ? order.carried().startedAt() : at));
  }
}
