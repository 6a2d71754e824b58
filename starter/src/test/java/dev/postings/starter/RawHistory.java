package dev.postings.starter;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.history.v1.History;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryRequest;
import io.temporal.api.workflowservice.v1.GetWorkflowExecutionHistoryResponse;
import io.temporal.serviceclient.WorkflowServiceStubs;

/** Test helper: a posting's history exactly as the server stores it, fetched without any data converter. */
final class RawHistory {

  private RawHistory() {}

  static History of(WorkflowServiceStubs service, String postingId) {
    History.Builder history = History.newBuilder();
    GetWorkflowExecutionHistoryRequest.Builder request = GetWorkflowExecutionHistoryRequest.newBuilder()
        .setNamespace("default")
        .setExecution(WorkflowExecution.newBuilder().setWorkflowId("posting-" + postingId));
    GetWorkflowExecutionHistoryResponse page;
    do {
      page = service.blockingStub().getWorkflowExecutionHistory(request.build());
      history.addAllEvents(page.getHistory().getEventsList());
      request.setNextPageToken(page.getNextPageToken());
    } while (!page.getNextPageToken().isEmpty());
    return history.build();
  }
}
