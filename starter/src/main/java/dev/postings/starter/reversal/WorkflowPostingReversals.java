package dev.postings.starter.reversal;

import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.ReversalOrder;
import dev.postings.reversal.ReversalSearchAttributes;
import dev.postings.reversal.ReversalState;
import dev.postings.reversal.ReversalStatus;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingSearchAttributes;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.ReversalPolicy;
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
 * Reversals as workflows of their own, {@code reversal-<postingId>}: one per posting, so asking twice finds the first.
 * A reversal after CONFIRMED reverses the record the posting confirmed, with the request the posting started with (read
 * from its history: the posting's own input, decrypted by the client's data converter), the provider settings it ran
 * under, and today's configured reversal rules ({@code postings.policy.reversal}). Its status and "reversed by hand"
 * go to that workflow, whoever started it (the starter, or a posting's compensation).
 */
@Component
public class WorkflowPostingReversals implements PostingReversals {

  private final WorkflowClient client;
  private final String taskQueue;
  private final ReversalPolicy configured;

  public WorkflowPostingReversals(WorkflowClient client, @Value("${postings.task-queue}") String taskQueue,
      PostingPolicy policy) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.configured = policy.reversal();
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
            // findable from its start, before its first workflow task runs
            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                .set(ReversalSearchAttributes.REVERSAL_STATE, ReversalState.REVERSING.name())
                .set(PostingSearchAttributes.POSTING_PROVIDER, status.provider().name())
                .build())
            .build());
    try {
      PostingOrder order = startedWith(workflowId);
      PostingPolicy ranUnder = order.policyOrDefaults();
      WorkflowClient.start(reversal::reverse, new ReversalOrder(order.request(), status.providerRecordId(),
          order.request().amount().minor(), reason == null ? "reversal requested" : reason, requestedBy,
          new PostingPolicy(ranUnder.limits(), ranUnder.propexo(), ranUnder.parking(), ranUnder.resman(),
              ranUnder.acquaint(), ranUnder.storedge(), configured == null ? ranUnder.reversal() : configured)));
    } catch (WorkflowExecutionAlreadyStarted alreadyRequested) {
      // one reversal per posting: the earlier request stands
    }
    String state = status(postingId).map(started -> started.state().name())
        // just started: its first task has not run
        .orElse(ReversalState.REVERSING.name());
    return new ReversalAccepted(postingId, reversalId, state);
  }

  @Override
  public Optional<ReversalStatus> status(String postingId) {
    String reversalId = ReversalOrder.workflowIdOf(postingId);
    WorkflowStub stub = client.newUntypedWorkflowStub(reversalId);
    WorkflowExecutionStatus execution;
    try {
      execution = stub.describe().getStatus();
    } catch (WorkflowNotFoundException none) {
      return Optional.empty();
    } catch (StatusRuntimeException rpc) {
      if (rpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return Optional.empty();
      }
      throw rpc;
    }
    try {
      return Optional.of(execution == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED
          ? stub.getResult(ReversalStatus.class)
          : client.newWorkflowStub(PostingReversalWorkflow.class, reversalId).status());
    } catch (RuntimeException notAnswered) {
      // no worker has run it yet, or none is up: nothing to say beyond that it exists
      return Optional.empty();
    }
  }

  @Override
  public Optional<ReversalStatus> reversedByHand(String postingId, String note, String operator) {
    String reversalId = ReversalOrder.workflowIdOf(postingId);
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class, reversalId);
    try {
      return Optional.of(reversal.reversedByHand(new OperatorDecision(note, operator)));
    } catch (WorkflowUpdateException refused) {
      Throwable cause = refused.getCause();
      throw new ReversalRefused(cause instanceof ApplicationFailure application ? application.getOriginalMessage()
          : refused.getMessage());
    } catch (WorkflowNotFoundException gone) {
      return endedOrNone(postingId);
    } catch (StatusRuntimeException rpc) {
      if (rpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return endedOrNone(postingId);
      }
      throw rpc;
    }
  }

  /** An update cannot reach a reversal that has ended: say so rather than "none" when it exists. */
  private Optional<ReversalStatus> endedOrNone(String postingId) {
    Optional<ReversalStatus> ended = status(postingId);
    if (ended.isPresent()) {
      throw new ReversalRefused("reversal is " + ended.get().state() + " and has ended: there is nothing to mark");
    }
    return Optional.empty();
  }

  private PostingOrder startedWith(String workflowId) {
    Payloads input = client.fetchHistory(workflowId).getHistory().getEvents(0)
        .getWorkflowExecutionStartedEventAttributes().getInput();
    return client.getOptions().getDataConverter()
        .fromPayloads(0, Optional.of(input), PostingOrder.class, PostingOrder.class);
  }
}
