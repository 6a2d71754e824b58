package dev.postings.worker.connections;

import dev.postings.providers.PostingConnection;
import dev.postings.reversal.ReversalOrder;
import dev.postings.workflow.PostingOrder;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptor;
import io.temporal.common.interceptors.ActivityInboundCallsInterceptorBase;
import io.temporal.common.interceptors.Header;
import io.temporal.common.interceptors.WorkerInterceptorBase;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowInboundCallsInterceptorBase;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptor;
import io.temporal.common.interceptors.WorkflowOutboundCallsInterceptorBase;
import java.util.HashMap;
import java.util.Map;

/**
 * Sends the posting's connection id along with every activity its workflow schedules, so that the adapters resolve the
 * customer's credentials when they call (docs/decisions/0023-connections.md). The workflow carries the id in its input
 * ({@code PostingRequest#connectionId}, also inside a reversal's order); this puts it into an activity header (the id
 * only, in clear: it is not a credential), and, on the activity's side, into {@link PostingConnection} for the attempt.
 *
 * <p>No workflow code changes and nothing a replay compares: headers of scheduled activities are not part of the
 * commands a replay checks, so running postings and older histories replay as before. A workflow whose input names no
 * connection sends none, and the adapters use their provider API's fallback connection.
 */
public final class ConnectionOfPosting extends WorkerInterceptorBase {

  static final String HEADER = "postings-connection";
  /** Headers are ours, not the payloads' codec's: a plain JSON string. */
  private static final DataConverter HEADERS = DefaultDataConverter.STANDARD_INSTANCE;

  @Override
  public WorkflowInboundCallsInterceptor interceptWorkflow(WorkflowInboundCallsInterceptor next) {
    return new WorkflowSide(next);
  }

  @Override
  public ActivityInboundCallsInterceptor interceptActivity(ActivityInboundCallsInterceptor next) {
    return new ActivitySide(next);
  }

  /** The connection a workflow's input names, or null. */
  static String connectionOf(Object[] arguments) {
    Object first = arguments.length > 0 ? arguments[0] : null;
    if (first instanceof PostingOrder order && order.request() != null) {
      return order.request().connectionId();
    }
    if (first instanceof ReversalOrder order && order.posting() != null) {
      return order.posting().connectionId();
    }
    return null;
  }

  private static final class WorkflowSide extends WorkflowInboundCallsInterceptorBase {

    private String connectionId;

    WorkflowSide(WorkflowInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public void init(WorkflowOutboundCallsInterceptor outboundCalls) {
      super.init(new WorkflowOutboundCallsInterceptorBase(outboundCalls) {
        @Override
        public <R> ActivityOutput<R> executeActivity(ActivityInput<R> input) {
          if (connectionId == null) {
            return super.executeActivity(input);
          }
          Map<String, Payload> values = new HashMap<>(input.getHeader() == null ? Map.of()
              : input.getHeader().getValues());
          HEADERS.toPayload(connectionId).ifPresent(payload -> values.put(HEADER, payload));
          return super.executeActivity(new ActivityInput<>(input.getActivityName(), input.getResultClass(),
              input.getResultType(), input.getArgs(), input.getOptions(), new Header(values)));
        }
      });
    }

    @Override
    public WorkflowOutput execute(WorkflowInput input) {
      connectionId = connectionOf(input.getArguments());
      return super.execute(input);
    }
  }

  private static final class ActivitySide extends ActivityInboundCallsInterceptorBase {

    ActivitySide(ActivityInboundCallsInterceptor next) {
      super(next);
    }

    @Override
    public ActivityOutput execute(ActivityInput input) {
      return PostingConnection.with(read(input.getHeader()), () -> super.execute(input));
    }

    private static String read(Header header) {
      Payload payload = header == null ? null : header.getValues().get(HEADER);
      if (payload == null) {
        return null;
      }
      try {
        return HEADERS.fromPayload(payload, String.class, String.class);
      } catch (RuntimeException unreadable) {
        return null;
      }
    }
  }
}
