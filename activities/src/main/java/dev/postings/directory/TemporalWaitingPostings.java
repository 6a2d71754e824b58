package dev.postings.directory;

import com.google.protobuf.Timestamp;
import dev.postings.model.Provider;
import dev.postings.workflow.PostingSearchAttributes;
import dev.postings.workflow.PostingState;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a Temporal cluster: one visibility query on the PostingState and PostingProvider search attributes. The embedded
 * test server implements no visibility queries ({@code ListWorkflowExecutions} is UNIMPLEMENTED, TEMPORAL-NOTES.md), so
 * there the open postings are listed and each one's search attributes read with a describe: slower, same answer.
 */
public class TemporalWaitingPostings implements WaitingPostings {

  private static final Logger log = LoggerFactory.getLogger(TemporalWaitingPostings.class);
  static final String WORKFLOW_TYPE = "PostingWorkflow";

  private final WorkflowClient client;
  private final Clock clock;
  private final Duration openFor;
  private final AtomicBoolean visibilityQueries = new AtomicBoolean(true);

  /**
   * @param openFor how far back open postings are listed where visibility queries are missing (the oldest posting
   *     that can still be waiting)
   */
  public TemporalWaitingPostings(WorkflowClient client, Clock clock, Duration openFor) {
    this.client = client;
    this.clock = clock;
    this.openFor = openFor;
  }

  @Override
  public List<String> find(PostingState state, Provider provider) {
    if (visibilityQueries.get()) {
      try {
        String query = "WorkflowType = '" + WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running' AND "
            + PostingSearchAttributes.POSTING_STATE.getName() + " = '" + state.name() + "' AND "
            + PostingSearchAttributes.POSTING_PROVIDER.getName() + " = '" + provider.name() + "'";
        return client.listExecutions(query).map(execution -> execution.getExecution().getWorkflowId()).toList();
      } catch (StatusRuntimeException rpc) {
        if (rpc.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
          throw rpc;
        }
        log.info("this Temporal server has no visibility queries: listing open postings instead");
        visibilityQueries.set(false);
      }
    }
    return listingOpenPostings(state, provider);
  }

  private List<String> listingOpenPostings(PostingState state, Provider provider) {
    List<String> found = new ArrayList<>();
    long earliest = clock.instant().minus(openFor).getEpochSecond();
    long latest = clock.instant().plus(Duration.ofMinutes(1)).getEpochSecond();
    com.google.protobuf.ByteString page = com.google.protobuf.ByteString.EMPTY;
    do {
      ListOpenWorkflowExecutionsResponse response = client.getWorkflowServiceStubs().blockingStub()
          .listOpenWorkflowExecutions(ListOpenWorkflowExecutionsRequest.newBuilder()
              .setNamespace(client.getOptions().getNamespace())
              .setMaximumPageSize(500)
              .setNextPageToken(page)
              .setStartTimeFilter(StartTimeFilter.newBuilder()
                  .setEarliestTime(Timestamp.newBuilder().setSeconds(earliest))
                  .setLatestTime(Timestamp.newBuilder().setSeconds(latest)))
              .setTypeFilter(WorkflowTypeFilter.newBuilder().setName(WORKFLOW_TYPE))
              .build());
      for (WorkflowExecutionInfo info : response.getExecutionsList()) {
        WorkflowExecution execution = info.getExecution();
        if (matches(execution.getWorkflowId(), state, provider)) {
          found.add(execution.getWorkflowId());
        }
      }
      page = response.getNextPageToken();
    } while (!page.isEmpty());
    return found;
  }

  private boolean matches(String workflowId, PostingState state, Provider provider) {
    try {
      SearchAttributes attributes = client.newUntypedWorkflowStub(workflowId).describe().getTypedSearchAttributes();
      return state.name().equals(attributes.get(PostingSearchAttributes.POSTING_STATE))
          && provider.name().equals(attributes.get(PostingSearchAttributes.POSTING_PROVIDER));
    } catch (RuntimeException closedMeanwhile) {
      return false;
    }
  }
}
