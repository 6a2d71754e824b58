package dev.postings.directory;

import com.google.protobuf.ByteString;
import com.google.protobuf.Timestamp;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.api.filter.v1.StartTimeFilter;
import io.temporal.api.filter.v1.WorkflowTypeFilter;
import io.temporal.api.workflow.v1.WorkflowExecutionInfo;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListClosedWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListOpenWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsRequest;
import io.temporal.api.workflowservice.v1.ListWorkflowExecutionsResponse;
import io.temporal.api.workflowservice.v1.WorkflowServiceGrpc;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionMetadata;
import io.temporal.common.converter.DataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every listing of our workflows needs from Temporal, wherever it runs: whether the server answers visibility
 * queries (a cluster) or not (the embedded test server: found out once, on the first UNIMPLEMENTED), the embedded
 * server's fallback (every open and closed execution of a type started in the window, completed with a describe where
 * the listing lacks search attributes or memo), paging in memory, and cursors.
 */
final class WorkflowListing {

  private static final Logger log = LoggerFactory.getLogger(WorkflowListing.class);
  static final String OFFSET_CURSOR = "o:";
  static final String TOKEN_CURSOR = "t:";
  private static final int LISTING_ATTEMPTS = 5;

  private final WorkflowClient client;
  private final Clock clock;
  private final Duration window;
  private final AtomicBoolean visibilityQueries = new AtomicBoolean(true);

  /** @param window how far back executions are listed where visibility queries are missing */
  WorkflowListing(WorkflowClient client, Clock clock, Duration window) {
    this.client = client;
    this.clock = clock;
    this.window = window;
  }

  /** True until the server said it has no visibility queries. */
  boolean visibilityQueries() {
    return visibilityQueries.get();
  }

  /** Rethrows anything but UNIMPLEMENTED; remembers UNIMPLEMENTED, so that the next calls list instead. */
  void noVisibilityQueries(StatusRuntimeException rpc) {
    if (rpc.getStatus().getCode() != Status.Code.UNIMPLEMENTED) {
      throw rpc;
    }
    log.info("this Temporal server has no visibility queries: listing executions and describing each instead");
    visibilityQueries.set(false);
  }

  /**
   * Every execution of {@code workflowType} started within the window, open ones first, one per workflow id; those
   * the listing gives without what {@code complete} needs are described (the test server's listings carry no search
   * attributes or memo). An execution that vanished meanwhile is left out.
   */
  List<WorkflowExecutionMetadata> listed(String workflowType, boolean open, boolean closed,
      Predicate<WorkflowExecutionMetadata> complete) {
    for (int attempt = 1; ; attempt++) {
      try {
        return listedOnce(workflowType, open, closed, complete);
      } catch (StatusRuntimeException rpc) {
        // The embedded test server's listing walks a HashMap that concurrent starts modify: it answers UNKNOWN
        // ("Application error processing RPC", a ConcurrentModificationException in TestWorkflowStoreImpl.listWorkflows,
        // seen in the chaos run). Listing again a moment later is all it takes.
        if (rpc.getStatus().getCode() != Status.Code.UNKNOWN || attempt >= LISTING_ATTEMPTS) {
          throw rpc;
        }
        try {
          Thread.sleep(50L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw rpc;
        }
      }
    }
  }

  private List<WorkflowExecutionMetadata> listedOnce(String workflowType, boolean open, boolean closed,
      Predicate<WorkflowExecutionMetadata> complete) {
    Map<String, WorkflowExecutionMetadata> byId = new LinkedHashMap<>();
    Instant now = clock.instant();
    StartTimeFilter startedIn = StartTimeFilter.newBuilder()
        .setEarliestTime(Timestamp.newBuilder().setSeconds(now.minus(window).getEpochSecond()))
        .setLatestTime(Timestamp.newBuilder().setSeconds(now.plus(Duration.ofMinutes(1)).getEpochSecond()))
        .build();
    WorkflowTypeFilter type = WorkflowTypeFilter.newBuilder().setName(workflowType).build();
    if (open) {
      collect(byId, workflowType, complete, page -> {
        ListOpenWorkflowExecutionsResponse response = service().listOpenWorkflowExecutions(
            ListOpenWorkflowExecutionsRequest.newBuilder().setNamespace(namespace()).setMaximumPageSize(500)
                .setNextPageToken(page).setStartTimeFilter(startedIn).setTypeFilter(type).build());
        return new ListingPage(response.getExecutionsList(), response.getNextPageToken());
      });
    }
    if (closed) {
      collect(byId, workflowType, complete, page -> {
        ListClosedWorkflowExecutionsResponse response = service().listClosedWorkflowExecutions(
            ListClosedWorkflowExecutionsRequest.newBuilder().setNamespace(namespace()).setMaximumPageSize(500)
                .setNextPageToken(page).setStartTimeFilter(startedIn).setTypeFilter(type).build());
        return new ListingPage(response.getExecutionsList(), response.getNextPageToken());
      });
    }
    byId.values().removeIf(execution -> execution == null);
    return new ArrayList<>(byId.values());
  }

  /** One page of an open or closed listing. */
  private record ListingPage(List<WorkflowExecutionInfo> executions, ByteString next) {}

  /** Reads every page of a listing into {@code byId}, executions of {@code workflowType} only. */
  private void collect(Map<String, WorkflowExecutionMetadata> byId, String workflowType,
      Predicate<WorkflowExecutionMetadata> complete, Function<ByteString, ListingPage> listing) {
    ByteString page = ByteString.EMPTY;
    do {
      ListingPage listed = listing.apply(page);
      // the test server does not apply the type filter to every listing: other workflow types came back too
      listed.executions().stream().filter(info -> workflowType.equals(info.getType().getName()))
          .forEach(info -> byId.putIfAbsent(info.getExecution().getWorkflowId(), complete(info, complete)));
      page = listed.next();
    } while (!page.isEmpty());
  }

  /** The listed execution with its search attributes and memo (a describe when missing); null if it vanished. */
  private WorkflowExecutionMetadata complete(WorkflowExecutionInfo info,
      Predicate<WorkflowExecutionMetadata> complete) {
    WorkflowExecutionMetadata listed = new WorkflowExecutionMetadata(info, converter());
    if (complete.test(listed)) {
      return listed;
    }
    try {
      return client.newUntypedWorkflowStub(info.getExecution().getWorkflowId(),
          Optional.of(info.getExecution().getRunId()), Optional.empty()).describe();
    } catch (RuntimeException goneMeanwhile) {
      return null;
    }
  }

  /** A page of executions read in full, newest first: the rows of the page and the cursor of the next one. */
  record Page(List<WorkflowExecutionMetadata> rows, String nextCursor) {}

  /** Pages {@code selected} newest first with offset cursors. */
  static Page page(List<WorkflowExecutionMetadata> selected, int limit, String cursor) {
    List<WorkflowExecutionMetadata> sorted = new ArrayList<>(selected);
    sorted.sort(Comparator.comparing(WorkflowExecutionMetadata::getStartTime).reversed()
        .thenComparing(execution -> execution.getExecution().getWorkflowId()));
    int offset = 0;
    if (cursor != null) {
      try {
        offset = Integer.parseInt(new String(decodeCursor(cursor, OFFSET_CURSOR), StandardCharsets.UTF_8));
      } catch (NumberFormatException notOurs) {
        throw new PostingDirectory.InvalidCursor("cursor was not handed out by this server");
      }
      if (offset < 0) {
        // "o:-1" is well-formed base64 of our prefix, and was a 500 (a negative sub-list)
        throw new PostingDirectory.InvalidCursor("cursor was not handed out by this server");
      }
    }
    int end = Math.min(sorted.size(), offset + limit);
    List<WorkflowExecutionMetadata> rows = offset >= sorted.size() ? List.of() : sorted.subList(offset, end);
    String next = end < sorted.size()
        ? encodeCursor(OFFSET_CURSOR, Integer.toString(end).getBytes(StandardCharsets.UTF_8)) : null;
    return new Page(rows, next);
  }

  static String encodeCursor(String kind, byte[] value) {
    byte[] prefix = kind.getBytes(StandardCharsets.UTF_8);
    byte[] all = new byte[prefix.length + value.length];
    System.arraycopy(prefix, 0, all, 0, prefix.length);
    System.arraycopy(value, 0, all, prefix.length, value.length);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(all);
  }

  static byte[] decodeCursor(String cursor, String kind) {
    byte[] all;
    try {
      all = Base64.getUrlDecoder().decode(cursor);
    } catch (IllegalArgumentException notBase64) {
      throw new PostingDirectory.InvalidCursor("cursor is not one this server handed out");
    }
    byte[] prefix = kind.getBytes(StandardCharsets.UTF_8);
    if (all.length < prefix.length || !new String(all, 0, prefix.length, StandardCharsets.UTF_8).equals(kind)) {
      throw new PostingDirectory.InvalidCursor("cursor is not one this server handed out");
    }
    byte[] value = new byte[all.length - prefix.length];
    System.arraycopy(all, prefix.length, value, 0, value.length);
    return value;
  }

  /** The next-page token of a visibility query as a cursor; null on the last page. */
  static String tokenCursor(ByteString token) {
    return token.isEmpty() ? null : encodeCursor(TOKEN_CURSOR, token.toByteArray());
  }

  static ByteString token(String cursor) {
    return cursor == null ? ByteString.EMPTY : ByteString.copyFrom(decodeCursor(cursor, TOKEN_CURSOR));
  }

  /**
   * One page of a visibility query, newest first as {@code query} orders it; a cursor the server refuses (a page token
   * it did not hand out, or one of another query) is the caller's {@link PostingDirectory.InvalidCursor}, not a 500.
   */
  ListWorkflowExecutionsResponse queryPage(String query, int limit, String cursor) {
    try {
      return service().listWorkflowExecutions(ListWorkflowExecutionsRequest.newBuilder()
          .setNamespace(namespace())
          .setPageSize(limit)
          .setNextPageToken(token(cursor))
          .setQuery(query)
          .build());
    } catch (StatusRuntimeException rpc) {
      if (cursor != null && rpc.getStatus().getCode() == Status.Code.INVALID_ARGUMENT) {
        throw new PostingDirectory.InvalidCursor("cursor is not one this server handed out");
      }
      throw rpc;
    }
  }

  WorkflowServiceGrpc.WorkflowServiceBlockingStub service() {
    return client.getWorkflowServiceStubs().blockingStub();
  }

  String namespace() {
    return client.getOptions().getNamespace();
  }

  DataConverter converter() {
    return client.getOptions().getDataConverter();
  }

  @SuppressWarnings("unchecked")
  static <T> T memo(WorkflowExecutionMetadata execution, String key, Class<T> type) {
    try {
      return (T) execution.getMemo(key, type);
    } catch (RuntimeException unreadable) {
      return null;
    }
  }
}
