package dev.postings.directory;

import dev.postings.model.Money;
import dev.postings.model.Provider;
import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.ReversalOrder;
import dev.postings.reversal.ReversalSearchAttributes;
import dev.postings.reversal.ReversalState;
import dev.postings.reversal.ReversalStatus;
import dev.postings.workflow.PostingSearchAttributes;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reversals on Temporal, as {@link TemporalWaitingPostings} finds postings: on a cluster one visibility query per page
 * and one count per state ({@code WorkflowType = 'PostingReversalWorkflow'}, {@code ReversalState},
 * {@code PostingProvider}); on the embedded server every reversal started in the window, listed and described. Only the
 * reversals on the page are asked for their status (the task, the amount, the deadlines).
 *
 * <p>Reversals started before the reversal-tasks version carry no {@code ReversalState}: on a cluster they are not
 * found by it; here they count by what their status says, or as REVERSING when nobody answers.
 */
public class TemporalReversalTasks implements ReversalTasks {

  private static final Logger log = LoggerFactory.getLogger(TemporalReversalTasks.class);
  static final String WORKFLOW_TYPE = "PostingReversalWorkflow";

  private final WorkflowClient client;
  private final WorkflowListing listing;

  /** @param window how far back reversals are listed where visibility queries are missing */
  public TemporalReversalTasks(WorkflowClient client, Clock clock, Duration window) {
    this.client = client;
    this.listing = new WorkflowListing(client, clock, window);
  }

  @Override
  public List<String> find(ReversalState state, Provider provider) {
    if (listing.visibilityQueries()) {
      try {
        String query = "WorkflowType = '" + WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running' AND "
            + ReversalSearchAttributes.REVERSAL_STATE.getName() + " = '" + state.name() + "' AND "
            + PostingSearchAttributes.POSTING_PROVIDER.getName() + " = '" + provider.name() + "'";
        return client.listExecutions(query).map(execution -> execution.getExecution().getWorkflowId()).toList();
      } catch (StatusRuntimeException rpc) {
        listing.noVisibilityQueries(rpc);
      }
    }
    List<String> found = new ArrayList<>();
    for (WorkflowExecutionMetadata reversal : listed(true, false)) {
      if (state == stateOf(reversal) && provider.name().equals(providerOf(reversal))) {
        found.add(reversal.getExecution().getWorkflowId());
      }
    }
    return found;
  }

  @Override
  public ReversalPage list(ReversalQuery query) {
    if (listing.visibilityQueries()) {
      try {
        return byVisibilityQuery(query);
      } catch (StatusRuntimeException rpc) {
        listing.noVisibilityQueries(rpc);
      }
    }
    List<WorkflowExecutionMetadata> selected = new ArrayList<>();
    Map<ReversalState, Long> counts = zeroCounts();
    for (WorkflowExecutionMetadata reversal : listed(true, true)) {
      if (!query.providers().isEmpty()
          && query.providers().stream().noneMatch(wanted -> wanted.name().equals(providerOf(reversal)))) {
        continue;
      }
      ReversalState state = stateOf(reversal);
      counts.merge(state, 1L, Long::sum);
      if (query.states().isEmpty() || query.states().contains(state)) {
        selected.add(reversal);
      }
    }
    WorkflowListing.Page page = WorkflowListing.page(selected, query.limit(), query.cursor());
    return new ReversalPage(page.rows().stream().map(this::summary).toList(), counts, page.nextCursor());
  }

  private ReversalPage byVisibilityQuery(ReversalQuery query) {
    String filters = visibilityFilters(query.providers());
    ListWorkflowExecutionsResponse page = listing.queryPage(
        filters + statesClause(query.states()) + " ORDER BY StartTime DESC", query.limit(), query.cursor());
    Map<ReversalState, Long> counts = zeroCounts();
    for (ReversalState state : ReversalState.values()) {
      counts.put(state, listing.service().countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
          .setNamespace(listing.namespace())
          .setQuery(filters + " AND " + ReversalSearchAttributes.REVERSAL_STATE.getName() + " = '" + state.name()
              + "'")
          .build()).getCount());
    }
    List<ReversalSummary> reversals = page.getExecutionsList().stream()
        .map(info -> summary(new WorkflowExecutionMetadata(info, listing.converter())))
        .toList();
    return new ReversalPage(reversals, counts, WorkflowListing.tokenCursor(page.getNextPageToken()));
  }

  static String visibilityFilters(Set<Provider> providers) {
    StringBuilder where = new StringBuilder("WorkflowType = '" + WORKFLOW_TYPE + "'");
    if (!providers.isEmpty()) {
      where.append(" AND ").append(PostingSearchAttributes.POSTING_PROVIDER.getName()).append(" IN (")
          .append(providers.stream().map(p -> "'" + p.name() + "'").sorted().collect(Collectors.joining(", ")))
          .append(")");
    }
    return where.toString();
  }

  static String statesClause(Set<ReversalState> states) {
    return states.isEmpty() ? "" : " AND " + ReversalSearchAttributes.REVERSAL_STATE.getName() + " IN ("
        + states.stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(", ")) + ")";
  }

  /** Every reversal in the window; described when the listing lacks its state attribute. */
  private List<WorkflowExecutionMetadata> listed(boolean open, boolean closed) {
    return listing.listed(WORKFLOW_TYPE, open, closed,
        reversal -> reversal.getTypedSearchAttributes().get(ReversalSearchAttributes.REVERSAL_STATE) != null);
  }

  private ReversalSummary summary(WorkflowExecutionMetadata reversal) {
    String workflowId = reversal.getExecution().getWorkflowId();
    String prefix = ReversalOrder.workflowIdOf("");
    String postingId = workflowId.startsWith(prefix) ? workflowId.substring(prefix.length()) : workflowId;
    ReversalStatus status = statusOf(reversal);
    String provider = providerOf(reversal);
    if (status == null) {
      return new ReversalSummary(postingId, provider == null ? null : Provider.valueOf(provider), stateOf(reversal),
          null, null, null, reversal.getStartTime(), null, null, null);
    }
    return new ReversalSummary(postingId, status.provider(), status.state(), status.recordId(),
        status.currency() == null ? null : new Money(status.amountMinor(), status.currency()), status.task(),
        reversal.getStartTime(), status.taskOpenedAt(), status.escalateAt(), status.reversedBy());
  }

  /** The reversal's own account: its result once it returned, else the status query (null when nobody answers). */
  private ReversalStatus statusOf(WorkflowExecutionMetadata reversal) {
    String workflowId = reversal.getExecution().getWorkflowId();
    try {
      if (reversal.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return client.newUntypedWorkflowStub(workflowId).getResult(ReversalStatus.class);
      }
      return client.newWorkflowStub(PostingReversalWorkflow.class, workflowId).status();
    } catch (RuntimeException notAnswered) {
      log.debug("reversal {}: no status ({})", workflowId, notAnswered.toString());
      return null;
    }
  }

  private ReversalState stateOf(WorkflowExecutionMetadata reversal) {
    String state = reversal.getTypedSearchAttributes().get(ReversalSearchAttributes.REVERSAL_STATE);
    if (state != null) {
      try {
        return ReversalState.valueOf(state);
      } catch (IllegalArgumentException unknown) {
        return ReversalState.REVERSING;
      }
    }
    // a reversal from before the attribute existed: what it says itself
    ReversalStatus status = statusOf(reversal);
    return status == null || status.state() == null ? ReversalState.REVERSING : status.state();
  }

  private static String providerOf(WorkflowExecutionMetadata reversal) {
    return reversal.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_PROVIDER);
  }

  private static Map<ReversalState, Long> zeroCounts() {
    Map<ReversalState, Long> counts = new EnumMap<>(ReversalState.class);
    for (ReversalState state : ReversalState.values()) {
      counts.put(state, 0L);
    }
    return counts;
  }
}
