package dev.postings.starter.timeline;

import dev.postings.starter.timeline.PostingTimeline.HistoryLine;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.failure.v1.Failure;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.failure.ApplicationFailure;
import io.temporal.failure.TemporalFailure;
import io.temporal.failure.TimeoutFailure;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Tells a workflow history in words, one line per event an operator cares about. Failure messages are decoded with the
 * data converter (they are encrypted in history, docs/temporal-server.md#payload-encryption-works-on-any-server);
 * payloads (inputs, results, update arguments) are never decoded or shown, so nothing a payload carries can leak here.
 * Workflow-task bookkeeping is left out unless a task failed.
 */
public final class HistoryNarrator {

  private final DataConverter converter;

  public HistoryNarrator(DataConverter converter) {
    this.converter = converter;
  }

  /**
   * A history line and where it came from.
   *
   * @param external it reports something from outside the workflow (an activity's outcome, a timer firing, a signal,
   *     an update arriving), which happened before any transition the workflow made in reaction to it; otherwise it is
   *     the effect of the workflow's own commands
   */
  public record Narrated(HistoryLine line, boolean external) {}

  public List<HistoryLine> narrate(List<HistoryEvent> events) {
    return narrateWithOrigin(events).stream().map(Narrated::line).toList();
  }

  public List<Narrated> narrateWithOrigin(List<HistoryEvent> events) {
    Map<Long, String> activities = new HashMap<>();
    Map<Long, Integer> attempts = new HashMap<>();
    Map<Long, String> timers = new HashMap<>();
    Map<String, String> updates = new HashMap<>();
    List<Narrated> lines = new ArrayList<>();
    for (HistoryEvent event : events) {
      Instant time = Instant.ofEpochSecond(event.getEventTime().getSeconds(), event.getEventTime().getNanos());
      String[] told = tell(event, activities, attempts, timers, updates);
      if (told != null) {
        lines.add(new Narrated(new HistoryLine(time, told[0], told[1]), external(event)));
      }
    }
    return lines;
  }

  private static boolean external(HistoryEvent event) {
    return switch (event.getEventType()) {
      // the start happened before the workflow's first transition, even within the same millisecond
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED,
          EVENT_TYPE_ACTIVITY_TASK_STARTED, EVENT_TYPE_ACTIVITY_TASK_COMPLETED, EVENT_TYPE_ACTIVITY_TASK_FAILED,
          EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT, EVENT_TYPE_ACTIVITY_TASK_CANCELED, EVENT_TYPE_TIMER_FIRED,
          EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED, EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED,
          EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED, EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED,
          EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED, EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> true;
      default -> false;
    };
  }

  private String[] tell(HistoryEvent event, Map<Long, String> activities, Map<Long, Integer> attempts,
      Map<Long, String> timers, Map<String, String> updates) {
    switch (event.getEventType()) {
      case EVENT_TYPE_WORKFLOW_EXECUTION_STARTED -> {
        var started = event.getWorkflowExecutionStartedEventAttributes();
        return line("workflow", "workflow " + started.getWorkflowType().getName() + " started on task queue "
            + started.getTaskQueue().getName() + (started.getAttempt() > 1 ? " (attempt " + started.getAttempt()
            + ")" : ""));
      }
      case EVENT_TYPE_ACTIVITY_TASK_SCHEDULED -> {
        var scheduled = event.getActivityTaskScheduledEventAttributes();
        String name = scheduled.getActivityType().getName();
        activities.put(event.getEventId(), name);
        return line("activity", "activity " + name + " scheduled on " + scheduled.getTaskQueue().getName());
      }
      case EVENT_TYPE_ACTIVITY_TASK_STARTED -> {
        var started = event.getActivityTaskStartedEventAttributes();
        String name = activities.getOrDefault(started.getScheduledEventId(), "?");
        attempts.put(event.getEventId(), started.getAttempt());
        if (started.getAttempt() > 1) {
          // Temporal writes the started event once, for the last attempt; the earlier ones left only their last failure
          return line("activity", "activity " + name + " attempt " + started.getAttempt() + " started; attempts 1-"
              + (started.getAttempt() - 1) + " failed and were retried by Temporal"
              + (started.hasLastFailure() ? ", the last with: " + failure(started.getLastFailure()) : ""));
        }
        return line("activity", "activity " + name + " attempt 1 started");
      }
      case EVENT_TYPE_ACTIVITY_TASK_COMPLETED -> {
        var completed = event.getActivityTaskCompletedEventAttributes();
        return line("activity", "activity " + activities.getOrDefault(completed.getScheduledEventId(), "?")
            + " attempt " + attempts.getOrDefault(completed.getStartedEventId(), 1) + " completed");
      }
      case EVENT_TYPE_ACTIVITY_TASK_FAILED -> {
        var failed = event.getActivityTaskFailedEventAttributes();
        return line("activity", "activity " + activities.getOrDefault(failed.getScheduledEventId(), "?")
            + " attempt " + attempts.getOrDefault(failed.getStartedEventId(), 1) + " failed: "
            + failure(failed.getFailure()) + retryState(failed.getRetryState().name()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_TIMED_OUT -> {
        var timedOut = event.getActivityTaskTimedOutEventAttributes();
        return line("activity", "activity " + activities.getOrDefault(timedOut.getScheduledEventId(), "?")
            + " timed out: " + failure(timedOut.getFailure()) + retryState(timedOut.getRetryState().name()));
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCEL_REQUESTED -> {
        var requested = event.getActivityTaskCancelRequestedEventAttributes();
        return line("activity", "activity " + activities.getOrDefault(requested.getScheduledEventId(), "?")
            + " cancel requested");
      }
      case EVENT_TYPE_ACTIVITY_TASK_CANCELED -> {
        var canceled = event.getActivityTaskCanceledEventAttributes();
        return line("activity", "activity " + activities.getOrDefault(canceled.getScheduledEventId(), "?")
            + " cancelled");
      }
      case EVENT_TYPE_TIMER_STARTED -> {
        var started = event.getTimerStartedEventAttributes();
        String wait = words(Duration.ofSeconds(started.getStartToFireTimeout().getSeconds(),
            started.getStartToFireTimeout().getNanos()));
        timers.put(event.getEventId(), wait);
        return line("timer", "timer " + wait + " started");
      }
      case EVENT_TYPE_TIMER_FIRED -> {
        var fired = event.getTimerFiredEventAttributes();
        return line("timer", "timer " + timers.getOrDefault(fired.getStartedEventId(), fired.getTimerId()) + " fired");
      }
      case EVENT_TYPE_TIMER_CANCELED -> {
        var canceled = event.getTimerCanceledEventAttributes();
        return line("timer", "timer " + timers.getOrDefault(canceled.getStartedEventId(), canceled.getTimerId())
            + " cancelled (the wait ended early)");
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED -> {
        var signaled = event.getWorkflowExecutionSignaledEventAttributes();
        return line("signal", "signal " + signaled.getSignalName() + " received"
            + (signaled.getIdentity().isEmpty() ? "" : " from " + signaled.getIdentity()));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED -> {
        var accepted = event.getWorkflowExecutionUpdateAcceptedEventAttributes();
        String name = accepted.getAcceptedRequest().getInput().getName();
        updates.put(accepted.getProtocolInstanceId(), name);
        updates.put(accepted.getAcceptedRequest().getMeta().getUpdateId(), name);
        String identity = accepted.getAcceptedRequest().getMeta().getIdentity();
        return line("update", "update " + name + " accepted" + (identity.isEmpty() ? "" : " from " + identity));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_COMPLETED -> {
        var completed = event.getWorkflowExecutionUpdateCompletedEventAttributes();
        String name = updates.getOrDefault(completed.getMeta().getUpdateId(), "?");
        return line("update", "update " + name + (completed.getOutcome().hasFailure()
            ? " failed: " + failure(completed.getOutcome().getFailure()) : " completed"));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ADMITTED -> {
        return line("update", "update " + event.getWorkflowExecutionUpdateAdmittedEventAttributes().getRequest()
            .getInput().getName() + " admitted");
      }
      case EVENT_TYPE_UPSERT_WORKFLOW_SEARCH_ATTRIBUTES -> {
        var upsert = event.getUpsertWorkflowSearchAttributesEventAttributes();
        List<String> set = new ArrayList<>();
        upsert.getSearchAttributes().getIndexedFieldsMap().forEach((name, value) -> set.add(name + "="
            + searchAttribute(value)));
        return line("search-attribute", "search attributes set: " + String.join(", ", set));
      }
      case EVENT_TYPE_MARKER_RECORDED -> {
        var marker = event.getMarkerRecordedEventAttributes();
        return line("marker", "marker " + marker.getMarkerName() + " recorded");
      }
      case EVENT_TYPE_WORKFLOW_TASK_FAILED -> {
        var failed = event.getWorkflowTaskFailedEventAttributes();
        return line("workflow-task", "workflow task failed (" + failed.getCause().name().replace(
            "WORKFLOW_TASK_FAILED_CAUSE_", "") + ")" + (failed.hasFailure() ? ": " + failure(failed.getFailure())
            : ""));
      }
      case EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT -> {
        return line("workflow-task", "workflow task timed out (no worker finished it in time)");
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCEL_REQUESTED -> {
        var requested = event.getWorkflowExecutionCancelRequestedEventAttributes();
        return line("workflow", "cancel requested" + (requested.getIdentity().isEmpty() ? ""
            : " by " + requested.getIdentity()) + (requested.getCause().isEmpty() ? "" : ": " + requested.getCause()));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED -> {
        return line("workflow", "workflow completed");
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_FAILED -> {
        return line("workflow", "workflow failed: "
            + failure(event.getWorkflowExecutionFailedEventAttributes().getFailure()));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CANCELED -> {
        return line("workflow", "workflow closed as cancelled");
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TERMINATED -> {
        var terminated = event.getWorkflowExecutionTerminatedEventAttributes();
        return line("workflow", "workflow terminated" + (terminated.getReason().isEmpty() ? ""
            : ": " + terminated.getReason()) + (terminated.getIdentity().isEmpty() ? ""
            : " (by " + terminated.getIdentity() + ")"));
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_TIMED_OUT -> {
        return line("workflow", "workflow timed out");
      }
      case EVENT_TYPE_WORKFLOW_EXECUTION_CONTINUED_AS_NEW -> {
        return line("workflow", "workflow continued as new (a fresh history; the posting goes on)");
      }
      case EVENT_TYPE_START_CHILD_WORKFLOW_EXECUTION_INITIATED -> {
        var child = event.getStartChildWorkflowExecutionInitiatedEventAttributes();
        return line("child-workflow", "child workflow " + child.getWorkflowType().getName() + " ("
            + child.getWorkflowId() + ") starting");
      }
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_COMPLETED -> {
        return line("child-workflow", "child workflow " + event.getChildWorkflowExecutionCompletedEventAttributes()
            .getWorkflowExecution().getWorkflowId() + " completed");
      }
      case EVENT_TYPE_CHILD_WORKFLOW_EXECUTION_FAILED -> {
        var failed = event.getChildWorkflowExecutionFailedEventAttributes();
        return line("child-workflow", "child workflow " + failed.getWorkflowExecution().getWorkflowId()
            + " failed: " + failure(failed.getFailure()));
      }
      default -> {
        return null;
      }
    }
  }

  /** A failure's message, decrypted; the types of its cause chain where they add something. */
  String failure(Failure failure) {
    try {
      Throwable decoded = converter.failureToException(failure);
      StringBuilder text = new StringBuilder();
      Throwable cause = decoded;
      int depth = 0;
      while (cause != null && depth++ < 4) {
        String message = cause instanceof TemporalFailure temporal ? temporal.getOriginalMessage() : cause.getMessage();
        if (cause instanceof TimeoutFailure timeout) {
          message = "timeout " + timeout.getTimeoutType().name().replace("TIMEOUT_TYPE_", "")
              + (message == null || message.isEmpty() ? "" : " " + message);
        }
        if (message != null && !message.isEmpty()) {
          if (!text.isEmpty()) {
            text.append(" <- ");
          }
          text.append(message);
          if (cause instanceof ApplicationFailure application && application.getType() != null
              && !application.getType().isEmpty() && !message.contains(application.getType())) {
            text.append(" [").append(simpleType(application.getType())).append("]");
          }
        }
        cause = cause.getCause();
      }
      return text.isEmpty() ? "(no message)" : text.toString();
    } catch (RuntimeException undecodable) {
      return "(a failure this starter cannot decode: " + undecodable.getClass().getSimpleName() + ")";
    }
  }

  private static String simpleType(String type) {
    int dot = type.lastIndexOf('.');
    return dot < 0 ? type : type.substring(dot + 1);
  }

  private static String retryState(String state) {
    return switch (state) {
      case "RETRY_STATE_MAXIMUM_ATTEMPTS_REACHED" -> " (no attempts left)";
      case "RETRY_STATE_NON_RETRYABLE_FAILURE" -> " (not retryable)";
      case "RETRY_STATE_TIMEOUT" -> " (retry budget spent)";
      default -> "";
    };
  }

  /** Search attributes are stored readable (the server indexes them): plain JSON, no codec. */
  private static String searchAttribute(Payload value) {
    try {
      Object decoded = DefaultDataConverter.STANDARD_INSTANCE.fromPayload(value, Object.class, Object.class);
      return String.valueOf(decoded instanceof List<?> list && list.size() == 1 ? list.get(0) : decoded);
    } catch (RuntimeException unreadable) {
      return "?";
    }
  }

  /** "1h", "90s", "2h30m": how long a timer waits. */
  static String words(Duration duration) {
    if (duration.isZero()) {
      return "0s";
    }
    StringBuilder text = new StringBuilder();
    long days = duration.toDays();
    if (days > 0) {
      text.append(days).append("d");
    }
    if (duration.toHoursPart() > 0) {
      text.append(duration.toHoursPart()).append("h");
    }
    if (duration.toMinutesPart() > 0) {
      text.append(duration.toMinutesPart()).append("m");
    }
    if (duration.toSecondsPart() > 0) {
      text.append(duration.toSecondsPart()).append("s");
    }
    if (text.isEmpty()) {
      text.append(duration.toMillis()).append("ms");
    }
    return text.toString();
  }

  private static String[] line(String kind, String text) {
    return new String[] {kind, text};
  }
}
