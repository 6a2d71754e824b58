package dev.postings.starter.reversal;

import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.ReversalOrder;
import dev.postings.reversal.ReversalStatus;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Reversal after CONFIRMED (the payment was returned upstream) as its own workflow, {@code reversal-<postingId>}: one
 * per posting, so asking twice finds the first. It reverses the record the posting confirmed, with the request the
 * posting started with (read from its history: the posting's own input, decrypted by the client's data converter) and
 * the policy it ran under.
 */
@Component
public class WorkflowPostingReversals implements PostingReversals {

  private final WorkflowClient client;
  private final String taskQueue;

  public WorkflowPostingReversals(WorkflowClient client, @Value("${postings.task-queue}") String taskQueue) {
    this.client = client;
    this.taskQueue = taskQueue;
  }

  @Override
  public ReversalAccepted request(String postingId, String reason, String requestedBy) {
    String workflowId = "posting-" + postingId;
    PostingStatus status;
    try {
      status = client.newWorkflowStub(PostingWorkflow.class, workflowId).status();
    } catch (WorkflowNotFoundException unknown) {
      throw new ReversalRefused("no posting " + postingId);
    }
    if (status.state() != PostingState.CONFIRMED) {
      throw new ReversalRefused("posting is " + status.state() + ", not CONFIRMED: only a confirmed payment can be"
          + " reversed (a posting that is still open is cancelled instead)");
    }
    String reversalId = ReversalOrder.workflowIdOf(postingId);
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(reversalId).setTaskQueue(taskQueue)
            // one reversal per posting, ever: a finished one is found, not run again (the offsetting charge's lookup
            // by reference would also stop a second charge, but a second run would still be a second operation)
            .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
            .build());
    try {
      PostingOrder order = startedWith(workflowId);
      WorkflowClient.start(reversal::reverse, new ReversalOrder(order.request(), status.providerRecordId(),
          order.request().amount().minor(), reason == null ? "reversal requested" : reason, requestedBy,
          order.policyOrDefaults()));
    } catch (WorkflowExecutionAlreadyStarted alreadyRequested) {
      // one reversal per posting: the earlier request stands
    }
    String state;
    try {
      ReversalStatus reversalStatus = client.newWorkflowStub(PostingReversalWorkflow.class, reversalId).status();
      state = reversalStatus.state().name();
    } catch (RuntimeException notAnsweringYet) {
      state = PostingState.RECEIVED.name(); // just started: its first task has not run
    }
    return new ReversalAccepted(postingId, reversalId, state);
  }

  private PostingOrder startedWith(String workflowId) {
    Payloads input = client.fetchHistory(workflowId).getHistory().getEvents(0)
        .getWorkflowExecutionStartedEventAttributes().getInput();
    return client.getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(input), PostingOrder.class, PostingOrder.class);
  }
}
