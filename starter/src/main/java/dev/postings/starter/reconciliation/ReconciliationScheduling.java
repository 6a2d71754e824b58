package dev.postings.starter.reconciliation;

import dev.postings.reconciliation.DailyReconciliationLoopWorkflow;
import dev.postings.reconciliation.DailyReconciliationOrder;
import dev.postings.reconciliation.DailyReconciliationWorkflow;
import dev.postings.reconciliation.ReconciliationOrder;
import dev.postings.reconciliation.ReconciliationSchedulePolicy;
import dev.postings.starter.schedules.TemporalSchedules;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the daily reconciliation when the starter starts, as the re-drive's schedule is set up. On a Temporal
 * cluster: the Schedule {@code postings-reconciliation}, whose action starts {@link DailyReconciliationWorkflow} every
 * day at {@code at} UTC (created, or updated to today's settings; a run still going at the next time is not doubled).
 * The embedded test server has no Schedules (docs/temporal-server.md#no-schedules): there {@link
 * DailyReconciliationLoopWorkflow} starts the same workflow at the same time of day. Either way the daily run itself
 * is one code path.
 */
public class ReconciliationScheduling {

  public static final String SCHEDULE_ID = "postings-reconciliation";
  /** The least catch-up window a Schedule is given (a run at 23:59 UTC would otherwise get one of a minute or less). */
  private static final Duration LEAST_CATCH_UP = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(ReconciliationScheduling.class);

  /** What was set up: a schedule on a cluster, the loop on the embedded server. */
  public enum Mode { SCHEDULE, EMBEDDED_LOOP }

  private final WorkflowClient client;
  private final ReconciliationSchedulePolicy policy;
  private final String taskQueue;

  public ReconciliationScheduling(WorkflowClient client, ReconciliationSchedulePolicy policy, String taskQueue) {
    this.client = client;
    this.policy = policy;
    this.taskQueue = taskQueue;
  }

  public DailyReconciliationOrder scheduledOrder() {
    return policy.order(ReconciliationOrder.SCHEDULED);
  }

  public Mode setUp() {
    try {
      createOrUpdateSchedule();
      log.info("daily reconciliation: Temporal Schedule {} at {} UTC", SCHEDULE_ID, policy.at());
      return Mode.SCHEDULE;
    } catch (RuntimeException failure) {
      if (!TemporalSchedules.unimplemented(failure)) {
        throw failure;
      }
    }
    startLoop();
    log.info("daily reconciliation: this Temporal server has no Schedules; workflow {} runs it at {} UTC",
        DailyReconciliationLoopWorkflow.WORKFLOW_ID, policy.at());
    return Mode.EMBEDDED_LOOP;
  }

  /** The Schedule as the cluster gets it: every day at {@code at}, UTC, whatever the server's own zone. */
  Schedule schedule() {
    LocalTime at = policy.timeOfDay();
    return Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(DailyReconciliationWorkflow.class)
            .setArguments(scheduledOrder())
            .setOptions(WorkflowOptions.newBuilder().setWorkflowId(SCHEDULE_ID).setTaskQueue(taskQueue).build())
            .build())
        .setSpec(ScheduleSpec.newBuilder()
            .setCalendars(List.of(ScheduleCalendarSpec.newBuilder()
                .setSeconds(List.of(new ScheduleRange(0)))
                .setMinutes(List.of(new ScheduleRange(at.getMinute())))
                .setHour(List.of(new ScheduleRange(at.getHour())))
                .setDayOfMonth(ScheduleCalendarSpec.ALL_MONTH_DAYS)
                .setMonth(ScheduleCalendarSpec.ALL_MONTHS)
                .setDayOfWeek(ScheduleCalendarSpec.ALL_WEEK_DAYS)
                .setComment("daily reconciliation")
                .build()))
            .setTimeZoneName("UTC")
            .build())
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .setCatchupWindow(catchUpWindow())
            .build())
        .build();
  }

  /**
   * A run the cluster missed (it was down at the time) is still made late, but only until midnight UTC: the run works
   * out its transaction day from its own start, so a run made on the next day would reconcile the wrong day. A day
   * missed altogether can be reconciled through the API.
   */
  Duration catchUpWindow() {
    Duration untilMidnight = Duration.ofDays(1).minusSeconds(policy.timeOfDay().toSecondOfDay());
    return untilMidnight.compareTo(LEAST_CATCH_UP) < 0 ? LEAST_CATCH_UP : untilMidnight;
  }

  private void createOrUpdateSchedule() {
    ScheduleClient schedules = TemporalSchedules.scheduleClient(client);
    Schedule schedule = schedule();
    try {
      schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException exists) {
      schedules.getHandle(SCHEDULE_ID).update(input -> new ScheduleUpdate(schedule));
    }
  }

  private void startLoop() {
    DailyReconciliationLoopWorkflow loop = client.newWorkflowStub(DailyReconciliationLoopWorkflow.class,
        WorkflowOptions.newBuilder()
            .setWorkflowId(DailyReconciliationLoopWorkflow.WORKFLOW_ID)
            .setTaskQueue(taskQueue)
            .build());
    try {
      WorkflowClient.start(loop::loop, policy);
    } catch (WorkflowExecutionAlreadyStarted running) {
      log.info("reconciliation loop already running; it keeps the settings it started with until it continues as new");
    }
  }
}
