package dev.postings.directory;

import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.workflow.PostingSearchAttributes;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.TimelineEntry;
import io.grpc.StatusRuntimeException;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.api.workflowservice.v1.CountWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.SearchAttributes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The posting directory on Temporal, wherever it runs.
 *
 * <p>On a cluster: visibility queries on the search attributes ({@code PostingState}, {@code PostingProvider},
 * {@code StartTime}), one {@code ListWorkflowExecutions} page per list and one {@code CountWorkflowExecutions} per state
 * for the counts. Cost: independent of how many postings exist. The reference is no search attribute: it is payment
 * data, kept only in the encrypted memo (search attributes are stored in clear), so a list by reference reads every
 * posting the other filters let through and compares the decrypted memo: narrow it with state, provider or age.
 *
 * <p>On the embedded test server {@code ListWorkflowExecutions} and {@code CountWorkflowExecutions} are UNIMPLEMENTED
 * (docs/temporal-server.md#no-visibility-queries): the first call finds that out once, and from then on every open and
 * closed posting started in the window {@code openFor} is listed ({@code ListOpen/ListClosedWorkflowExecutions} by
 * type) and each one's search attributes and memo read with a describe where the listing lacks them. Cost: one describe
 * per posting in the window per call, fine for a local stack with hundreds of postings, never meant for production
 * volumes (the server keeps everything in memory anyway).
 *
 * <p>In both, only the postings on the returned page are asked for their status (step, since when, last error): a
 * query for a running posting, the stored result for a finished one.
 */
public class TemporalWaitingPostings implements PostingDirectory {

  private static final Logger log = LoggerFactory.getLogger(TemporalWaitingPostings.class);
  static final String WORKFLOW_TYPE = "PostingWorkflow";
  /** Memo keys the starter sets at start (PostingService): what a list shows without asking the workflow. */
  public static final String MEMO_REFERENCE = "reference";
  public static final String MEMO_AMOUNT_MINOR = "amountMinor";
  public static final String MEMO_CURRENCY = "currency";
  /** The Propexo integration of a Propertyware or ResMan posting: which postings a webhook may concern. */
  public static final String MEMO_INTEGRATION_ID = "integrationId";
  /** The service that started the posting, as in the {@code PostingOwner} search attribute. */
  public static final String MEMO_OWNER = "owner";

  private final WorkflowClient client;
  private final Clock clock;
  private final WorkflowListing listing;

  /**
   * @param openFor how far back postings are listed where visibility queries are missing (the oldest posting that can
   *     still be waiting, and the oldest finished one a list shows)
   */
  public TemporalWaitingPostings(WorkflowClient client, Clock clock, Duration openFor) {
    this.client = client;
    this.clock = clock;
    this.listing = new WorkflowListing(client, clock, openFor);
  }

  @Override
  public List<String> find(PostingState state, Provider provider) {
    return open(state, Set.of(provider)).stream().map(posting -> posting.getExecution().getWorkflowId()).toList();
  }

  @Override
  public List<NoticeCandidate> noticeCandidates(PostingState state, Set<Provider> providers) {
    return open(state, providers).stream().map(posting -> new NoticeCandidate(posting.getExecution().getWorkflowId(),
        posting.getExecution().getRunId(), memo(posting, MEMO_REFERENCE, String.class),
        memo(posting, MEMO_AMOUNT_MINOR, Long.class), memo(posting, MEMO_INTEGRATION_ID, String.class))).toList();
  }

  /** The open postings of these providers in a state: one visibility query on a cluster, one listing elsewhere. */
  private List<WorkflowExecutionMetadata> open(PostingState state, Set<Provider> providers) {
    if (listing.visibilityQueries()) {
      try {
        String query = "WorkflowType = '" + WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running' AND "
            + PostingSearchAttributes.POSTING_STATE.getName() + " = '" + state.name() + "' AND "
            + PostingSearchAttributes.POSTING_PROVIDER.getName() + " IN ("
            + providers.stream().map(p -> "'" + p.name() + "'").sorted().collect(Collectors.joining(", ")) + ")";
        return client.listExecutions(query).toList();
      } catch (StatusRuntimeException rpc) {
        listing.noVisibilityQueries(rpc);
      }
    }
    List<WorkflowExecutionMetadata> found = new ArrayList<>();
    for (WorkflowExecutionMetadata posting : listed(true, false)) {
      SearchAttributes attributes = posting.getTypedSearchAttributes();
      String provider = attributes.get(PostingSearchAttributes.POSTING_PROVIDER);
      if (state.name().equals(attributes.get(PostingSearchAttributes.POSTING_STATE))
          && providers.stream().anyMatch(wanted -> wanted.name().equals(provider))) {
        found.add(posting);
      }
    }
    return found;
  }

  /**
   * One pass: a visibility query for all {@code states} on a cluster, one listing of the open postings on the embedded
   * server (not one per state and provider, as {@link #find} would be).
   */
  @Override
  public List<WaitingPosting> waiting(Set<PostingState> states) {
    if (states.isEmpty()) {
      return List.of();
    }
    if (listing.visibilityQueries()) {
      try {
        return client.listExecutions(waitingQuery(states)).map(TemporalWaitingPostings::waitingPosting).toList();
      } catch (StatusRuntimeException rpc) {
        listing.noVisibilityQueries(rpc);
      }
    }
    return listed(true, false).stream()
        .filter(posting -> states.contains(stateOf(posting)))
        .map(TemporalWaitingPostings::waitingPosting)
        .toList();
  }

  static String waitingQuery(Set<PostingState> states) {
    return "WorkflowType = '" + WORKFLOW_TYPE + "' AND ExecutionStatus = 'Running'" + statesClause(states);
  }

  private static WaitingPosting waitingPosting(WorkflowExecutionMetadata posting) {
    String provider = posting.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_PROVIDER);
    Provider known = null;
    try {
      known = provider == null ? null : Provider.valueOf(provider);
    } catch (IllegalArgumentException notOurs) {
      // a provider this version does not know: counted under none
    }
    return new WaitingPosting(posting.getExecution().getWorkflowId(), stateOf(posting), known, posting.getStartTime());
  }

  /** The posting's status query (or its result once closed): the first entry of its last run in its current state. */
  @Override
  public Optional<Instant> enteredStateAt(String workflowId) {
    try {
      return Optional.ofNullable(stateSince(client.newWorkflowStub(PostingWorkflow.class, workflowId).status()));
    } catch (RuntimeException notAnswered) {
      log.debug("posting {}: no status ({})", workflowId, notAnswered.toString());
      return Optional.empty();
    }
  }

  @Override
  public PostingPage list(PostingQuery query) {
    if (listing.visibilityQueries()) {
      try {
        return byVisibilityQuery(query);
      } catch (StatusRuntimeException rpc) {
        listing.noVisibilityQueries(rpc);
      }
    }
    return byListing(query);
  }


  // ---- a cluster: visibility queries ----

  private PostingPage byVisibilityQuery(PostingQuery query) {
    String filters = visibilityFilters(query, clock.instant());
    if (query.reference() != null) {
      List<WorkflowExecutionMetadata> candidates = client.listExecutions(filters).toList();
      return inMemory(candidates, query, clock.instant());
    }
    String listQuery = filters + statesClause(query.states()) + " ORDER BY StartTime DESC";
    ListWorkflowExecutionsResponse page = listing.queryPage(listQuery, query.limit(), query.cursor());
    Map<PostingState, Long> counts = new EnumMap<>(PostingState.class);
    for (PostingState state : PostingState.values()) {
      counts.put(state, listing.service().countWorkflowExecutions(CountWorkflowExecutionsRequest.newBuilder()
          .setNamespace(listing.namespace())
          .setQuery(filters + " AND " + PostingSearchAttributes.POSTING_STATE.getName() + " = '" + state.name() + "'")
          .build()).getCount());
    }
    List<PostingSummary> postings = page.getExecutionsList().stream()
        .map(info -> summary(new WorkflowExecutionMetadata(info, listing.converter())))
        .toList();
    return new PostingPage(postings, counts, WorkflowListing.tokenCursor(page.getNextPageToken()));
  }

  /** The query's provider, age and reference filters as a visibility query (without the states). */
  static String visibilityFilters(PostingQuery query, Instant now) {
    StringBuilder where = new StringBuilder("WorkflowType = '" + WORKFLOW_TYPE + "'");
    if (!query.providers().isEmpty()) {
      where.append(" AND ").append(PostingSearchAttributes.POSTING_PROVIDER.getName()).append(" IN (")
          .append(query.providers().stream().map(p -> "'" + p.name() + "'").sorted().collect(Collectors.joining(", ")))
          .append(")");
    }
    if (query.olderThan() != null) {
      where.append(" AND StartTime <= '").append(now.minus(query.olderThan())).append("'");
    }
    if (query.owner() != null) {
      // PostingQuery allows plain words only: nothing to escape
      where.append(" AND ").append(PostingSearchAttributes.POSTING_OWNER.getName()).append(" = '")
          .append(query.owner()).append("'");
    }
    return where.toString();
  }

  static String statesClause(Set<PostingState> states) {
    if (states.isEmpty()) {
      return "";
    }
    return " AND " + PostingSearchAttributes.POSTING_STATE.getName() + " IN ("
        + states.stream().map(s -> "'" + s.name() + "'").sorted().collect(Collectors.joining(", ")) + ")";
  }

  // ---- the embedded server: list, describe, filter here ----

  private PostingPage byListing(PostingQuery query) {
    return inMemory(listed(true, true), query, clock.instant());
  }

  /** Filters, counts and pages postings read in full (offset cursors). */
  private PostingPage inMemory(List<WorkflowExecutionMetadata> all, PostingQuery query, Instant now) {
    List<WorkflowExecutionMetadata> matching = new ArrayList<>();
    for (WorkflowExecutionMetadata posting : all) {
      if (matches(posting, query, now)) {
        matching.add(posting);
      }
    }
    Map<PostingState, Long> counts = new EnumMap<>(PostingState.class);
    for (PostingState state : PostingState.values()) {
      counts.put(state, 0L);
    }
    List<WorkflowExecutionMetadata> selected = new ArrayList<>();
    for (WorkflowExecutionMetadata posting : matching) {
      PostingState state = stateOf(posting);
      counts.merge(state, 1L, Long::sum);
      if (query.states().isEmpty() || query.states().contains(state)) {
        selected.add(posting);
      }
    }
    WorkflowListing.Page page = WorkflowListing.page(selected, query.limit(), query.cursor());
    return new PostingPage(page.rows().stream().map(this::summary).toList(), counts, page.nextCursor());
  }

  private static boolean matches(WorkflowExecutionMetadata posting, PostingQuery query, Instant now) {
    SearchAttributes attributes = posting.getTypedSearchAttributes();
    String provider = attributes.get(PostingSearchAttributes.POSTING_PROVIDER);
    if (!query.providers().isEmpty()
        && query.providers().stream().noneMatch(wanted -> wanted.name().equals(provider))) {
      return false;
    }
    if (query.olderThan() != null && posting.getStartTime().isAfter(now.minus(query.olderThan()))) {
      return false;
    }
    if (query.owner() != null && !query.owner().equals(ownerOf(posting))) {
      return false;
    }
    return query.reference() == null || query.reference().equals(memo(posting, MEMO_REFERENCE, String.class));
  }

  /** Every posting started within {@code openFor}, open ones first (see {@link WorkflowListing#listed}). */
  private List<WorkflowExecutionMetadata> listed(boolean open, boolean closed) {
    return listing.listed(WORKFLOW_TYPE, open, closed, posting ->
        posting.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_STATE) != null
            && posting.getWorkflowExecutionInfo().hasMemo());
  }

  // ---- both ----

  private PostingSummary summary(WorkflowExecutionMetadata posting) {
    String workflowId = posting.getExecution().getWorkflowId();
    String postingId = workflowId.startsWith(PostingRequest.WORKFLOW_ID_PREFIX)
        ? workflowId.substring(PostingRequest.WORKFLOW_ID_PREFIX.length()) : workflowId;
    String provider = posting.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_PROVIDER);
    Long minor = memo(posting, MEMO_AMOUNT_MINOR, Long.class);
    String currency = memo(posting, MEMO_CURRENCY, String.class);
    PostingStatus status = statusOf(posting);
    return new PostingSummary(postingId, provider == null ? null : Provider.valueOf(provider), stateOf(posting),
        status == null ? null : status.step(), memo(posting, MEMO_REFERENCE, String.class),
        minor == null ? null : new Money(minor, currency), posting.getStartTime(), stateSince(status),
        status == null ? null : status.lastError(), status == null ? null : status.attention());
  }

  /** The posting's own account: its result once it returned, else the status query (null when nobody answers). */
  private PostingStatus statusOf(WorkflowExecutionMetadata posting) {
    String workflowId = posting.getExecution().getWorkflowId();
    try {
      if (posting.getStatus() == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return client.newUntypedWorkflowStub(workflowId).getResult(PostingStatus.class);
      }
      return client.newWorkflowStub(PostingWorkflow.class, workflowId).status();
    } catch (RuntimeException notAnswered) {
      log.debug("posting {}: no status ({})", workflowId, notAnswered.toString());
      return null;
    }
  }

  /** When the posting entered its current state: the first of the timeline's last run of entries in that state. */
  public static Instant stateSince(PostingStatus status) {
    if (status == null || status.timeline() == null || status.timeline().isEmpty()) {
      return null;
    }
    Instant since = null;
    List<TimelineEntry> timeline = status.timeline();
    for (int i = timeline.size() - 1; i >= 0 && timeline.get(i).state() == status.state(); i--) {
      since = timeline.get(i).at();
    }
    return since;
  }

  /** The service that started the posting: its search attribute, else its memo; null for postings from before owners. */
  private static String ownerOf(WorkflowExecutionMetadata posting) {
    String owner = posting.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_OWNER);
    return owner != null ? owner : memo(posting, MEMO_OWNER, String.class);
  }

  private static PostingState stateOf(WorkflowExecutionMetadata posting) {
    String state = posting.getTypedSearchAttributes().get(PostingSearchAttributes.POSTING_STATE);
    try {
      return state == null ? PostingState.RECEIVED : PostingState.valueOf(state);
    } catch (IllegalArgumentException unknown) {
      return PostingState.RECEIVED;
    }
  }

  private static <T> T memo(WorkflowExecutionMetadata posting, String key, Class<T> type) {
    return WorkflowListing.memo(posting, key, type);
  }
}
