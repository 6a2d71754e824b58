package dev.postings.worker.logging;

import dev.postings.model.PostingRequest;
import dev.postings.reversal.ReversalOrder;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingStatus;
import io.temporal.activity.ActivityExecutionContext;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.SearchAttributeUpdate;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import io.temporal.workflow.Promise;
import io.temporal.workflow.TimerOptions;
import io.temporal.workflow.Workflow;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.MDC;

/**
 * Puts the posting a worker thread works for into the logging context (SLF4J's MDC), so that every line the worker
 * writes for a posting carries {@code postingId}, {@code provider} and {@code step}, whatever its message says (the
 * SDK itself adds {@code WorkflowId}, {@code ActivityType} and others). A JSON log format writes them as fields.
 *
 * <ul>
 *   <li>Workflow threads: the posting id from the workflow id ({@code posting-<id>}, {@code reversal-<id>}), the
 *       provider from the workflow's input, the step read from the posting's own status (its status query, which
 *       only reads the workflow's state) whenever the workflow schedules an activity or a local activity, starts a
 *       timer, waits or publishes its state.
 *   <li>Activity threads: the workflow sends the three values along with each activity it schedules (Temporal activity
 *       headers, written in clear: none of them is payment data, and the posting id is the workflow id anyway); the
 *       activity puts them into its thread's context for the attempt and takes them out after.
 * </ul>
 *
 * <p>Never anything from a request's payment fields: only the id, the provider's name and the step's name.
 */
public final class PostingLogContext extends WorkerInterceptorBase {

  public static final String POSTING_ID = "postingId";
  public static final String PROVIDER = "provider";
  public static final String STEP = "step";
  private static final String HEADER_PREFIX = "postings-log-";
  /** Headers are ours, not the payloads' codec's: plain JSON strings. */
  private static final DataConverter HEADERS = DefaultDataConverter.STANDARD_INSTANCE;
  /** The posting workflow's status query (PostingWorkflow#status): read-only, answered from the workflow's state. */
  private static final String STATUS_QUERY = "status";

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowContext(next);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivityContext(next);
  }

  /** The posting id behind a workflow id, or null for a workflow that is not a posting's (the re-drive). */
  static String postingIdOf(String workflowId) {
    if (workflowId == null) {
      return null;
    }
    for (String prefix : new String[] {PostingRequest.WORKFLOW_ID_PREFIX, ReversalOrder.workflowIdOf("")}) {
      if (workflowId.startsWith(prefix) && workflowId.length() > prefix.length()) {
        return workflowId.substring(prefix.length());
      }
    }
    return null;
  }

  /** The workflow's side: what it works on, in its thread's context and in the headers of what it schedules. */
  private static final class WorkflowContext extends WorkflowInboundCallsInterceptorBase {

    private final WorkflowInboundCallsInterceptor next;
    private final Map<String, String> context = new HashMap<>();

    WorkflowContext(WorkflowInboundCallsInterceptor next) {
      super(next);
      this.next = next;
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
      super.init(new Outbound(outboundCalls, this));
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      put(POSTING_ID, postingIdOf(Workflow.getInfo().getWorkflowId()));
      Object first = input.getArguments().length > 0 ? input.getArguments()[0] : null;
      if (first instanceof PostingOrder order && order.request() != null && order.request().provider() != null) {
        put(PROVIDER, order.request().provider().name());
      } else if (first instanceof ReversalOrder order && order.posting() != null
          && order.posting().provider() != null) {
        put(PROVIDER, order.posting().provider().name());
      }
      return super.execute(input);
    }

    /** Reads the posting's current step (a posting workflow only) into the context. */
    void refreshStep() {
      if (!context.containsKey(POSTING_ID) || !"PostingWorkflow".equals(Workflow.getInfo().getWorkflowType())) {
        return;
      }
      try {
        Object status = next.handleQuery(new QueryInput(STATUS_QUERY, Header.empty(), new Object[0])).getResult();
        if (status instanceof PostingStatus posting && posting.step() != null) {
          put(STEP, posting.step().name());
        }
      } catch (RuntimeException notYet) {
        // the posting has no status yet (before its first state): the step stays unknown
      }
    }

    private void put(String key, String value) {
      if (value == null) {
        return;
      }
      context.put(key, value);
      MDC.put(key, value);
    }

    Header withContext(Header header) {
      Map<String, Payload> values = new HashMap<>(header == null ? Map.of() : header.getValues());
      context.forEach((key, value) -> HEADERS.toPayload(value)
          .ifPresent(payload -> values.put(HEADER_PREFIX + key, payload)));
      return new Header(values);
    }
  }

  /**
   * Refreshes the step before each activity, timer and wait and after each change of the published state, and passes
   * the context on to activities.
   */
  private static final class Outbound extends WorkflowOutboundCallsInterceptorBase {

    private final WorkflowContext workflow;

    Outbound(WorkflowOutboundCallsInterceptor next, WorkflowContext workflow) {
      super(next);
      this.workflow = workflow;
    }

    @Override
    public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
      workflow.refreshStep();
      return super.executeActivity(new ActivityInput<>(input.getActivityName(), input.getResultClass(),
          input.getResultType(), input.getArgs(), input.getOptions(), workflow.withContext(input.getHeader())));
    }

    @Override
    public Promise<Void> newTimer(Duration duration) {
      workflow.refreshStep();
      return super.newTimer(duration);
    }

    @Override
    public Promise<Void> newTimer(Duration duration, TimerOptions options) {
      workflow.refreshStep();
      return super.newTimer(duration, options);
    }

    @Override
    public boolean await(Duration timeout, String reason, Supplier<Boolean> unblockCondition) {
      workflow.refreshStep();
      return super.await(timeout, reason, unblockCondition);
    }

    @Override
    public void await(String reason, Supplier<Boolean> unblockCondition) {
      workflow.refreshStep();
      super.await(reason, unblockCondition);
    }

    /**
     * The registry's update, a local activity, follows every wait and end the posting tells it, including an end it
     * does not publish in its search attribute (decision 0028): the step has moved with it.
     */
    @Override
    public <R> LocalActivityOutput<R> executeLocalActivity(LocalActivityInput<R> input) {
      workflow.refreshStep();
      return super.executeLocalActivity(input);
    }

    /** The posting publishes its state when it waits or ends: the step may have moved with it. */
    @Override
    public void upsertTypedSearchAttributes(SearchAttributeUpdate<?>... searchAttributeUpdates) {
      super.upsertTypedSearchAttributes(searchAttributeUpdates);
      workflow.refreshStep();
    }
  }

  /** The activity's side: the context the workflow sent, for this attempt only. */
  private static final class ActivityContext extends ActivityInboundCallsInterceptorBase {

    /** The attempt's context, handed over here: Activity.getExecutionContext() only works inside the activity method. */
    private ActivityExecutionContext execution;

    ActivityContext(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(ActivityExecutionContext context) {
      this.execution = context;
      super.init(context);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      Map<String, String> context = new HashMap<>();
      for (String key : new String[] {POSTING_ID, PROVIDER, STEP}) {
        read(input.getHeader(), key).ifPresent(value -> context.put(key, value));
      }
      if (!context.containsKey(POSTING_ID) && execution != null) {
        String postingId = postingIdOf(execution.getInfo().getWorkflowId());
        if (postingId != null) {
          context.put(POSTING_ID, postingId);
        }
      }
      context.forEach(MDC::put);
      try {
        return super.execute(input);
      } finally {
        context.keySet().forEach(MDC::remove);
      }
    }

    private static Optional<String> read(Header header, String key) {
      Payload payload = header == null ? null : header.getValues().get(HEADER_PREFIX + key);
      if (payload == null) {
        return Optional.empty();
      }
      try {
        return Optional.ofNullable(HEADERS.fromPayload(payload, String.class, String.class));
      } catch (RuntimeException unreadable) {
        return Optional.empty();
      }
    }
  }
}
