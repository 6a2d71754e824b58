package dev.postings.starter.reconciliation;

import dev.postings.reconciliation.ReconciliationOrder;
import dev.postings.reconciliation.ReconciliationWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts the reconciliation of a connection and a day under its one workflow id, or joins the run already going: two
 * operators (or an operator and the daily schedule) asking at once read the ledger once.
 */
public final class ReconciliationStarts {

  private static final Logger log = LoggerFactory.getLogger(ReconciliationStarts.class);
  /**
   * A day has begun somewhere on Earth once it has begun at UTC+14: a connection whose properties are ahead of UTC may
   * ask for its own today while it is still yesterday in UTC.
   */
  private static final ZoneOffset EARLIEST_ZONE = ZoneOffset.ofHours(14);

  /** As started, or as found running. */
  public record Run(String workflowId, boolean joined, Instant startedAt) {}

  private final WorkflowClient client;
  private final String taskQueue;
  private final Duration maxAge;
  private final Clock clock;

  public ReconciliationStarts(WorkflowClient client, String taskQueue, Duration maxAge, Clock clock) {
    this.client = client;
    this.taskQueue = taskQueue;
    this.maxAge = maxAge;
    this.clock = clock;
  }

  /** The day as given, if it is an ISO date that has begun somewhere and is within {@code max-age}; else why not. */
  public DayCheck check(String day) {
    LocalDate date;
    try {
      date = LocalDate.parse(day);
    } catch (DateTimeParseException notADate) {
      return new DayCheck(Optional.empty(), "must be a date, yyyy-mm-dd");
    }
    LocalDate latest = LocalDate.now(clock.withZone(EARLIEST_ZONE));
    if (date.isAfter(latest)) {
      return new DayCheck(Optional.empty(), "is in the future: nothing is on the ledger for it yet");
    }
    LocalDate oldest = LocalDate.now(clock.withZone(ZoneOffset.UTC)).minusDays(maxAge.toDays());
    if (date.isBefore(oldest)) {
      return new DayCheck(Optional.empty(), "is older than " + maxAge.toDays() + " days"
          + " (postings.reconciliation.max-age): the earliest is " + oldest);
    }
    return new DayCheck(Optional.of(date), null);
  }

  /** A checked day, or the reason it was refused. */
  public record DayCheck(Optional<LocalDate> day, String refusal) {}

  public Run start(String connectionId, LocalDate day, String requestedBy) {
    String workflowId = ReconciliationWorkflow.workflowId(connectionId, day.toString());
    // a finished run of the same id may run again: a later run is how the ledger is read anew (and how a day's task
    // closes itself when the ledger agrees again)
    ReconciliationWorkflow workflow = client.newWorkflowStub(ReconciliationWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(taskQueue)
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_ALLOW_DUPLICATE).build());
    Instant asked = clock.instant();
    try {
      WorkflowClient.start(workflow::reconcile, new ReconciliationOrder(connectionId, day.toString(), requestedBy));
      log.info("reconciliation {} started by {}", workflowId, requestedBy);
      return new Run(workflowId, false, asked);
    } catch (WorkflowExecutionAlreadyStarted running) {
      Instant since = asked;
      try {
        since = client.newUntypedWorkflowStub(workflowId).describe().getStartTime();
      } catch (RuntimeException notDescribed) {
        // the answer still names the run; only its start time is then the time of asking
      }
      log.info("reconciliation {} asked by {} joins the run already going", workflowId, requestedBy);
      return new Run(workflowId, true, since);
    }
  }
}
