package dev.postings.starter.redrive;

import dev.postings.model.Provider;
import dev.postings.redrive.RedriveLoopWorkflow;
import dev.postings.redrive.RedriveOrder;
import dev.postings.redrive.RedriveWorkflow;
import dev.postings.starter.schedules.TemporalSchedules;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleAlreadyRunningException;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleIntervalSpec;
import io.temporal.client.schedules.ScheduleOptions;
import io.temporal.client.schedules.SchedulePolicy;
import io.temporal.client.schedules.ScheduleSpec;
import io.temporal.client.schedules.ScheduleUpdate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sets up the scheduled re-drive of PARKED postings when the starter starts. On a Temporal cluster: the Schedule
 * {@code postings-redrive}, whose action starts {@link RedriveWorkflow} for all providers every {@code every}
 * (created, or updated to today's settings; overlapping runs are skipped). The embedded test server has no Schedules
 * (CreateSchedule is UNIMPLEMENTED, docs/temporal-server.md#no-schedules): there the {@link RedriveLoopWorkflow} starts
 * the same {@link RedriveWorkflow} on the same interval. Either way the re-drive itself is one code path.
 */
public class RedriveScheduling {

  public static final String SCHEDULE_ID = "postings-redrive";
  /** Who asks, on the timeline of every posting the scheduled run re-drives. */
  public static final String SCHEDULED = RedriveOrder.SCHEDULED;
  private static final Logger log = LoggerFactory.getLogger(RedriveScheduling.class);

  /** What was set up: a schedule on a cluster, the loop on the embedded server. */
  public enum Mode { SCHEDULE, EMBEDDED_LOOP }

  private final WorkflowClient client;
  private final RedriveSettings settings;
  private final String taskQueue;

  public RedriveScheduling(WorkflowClient client, RedriveSettings settings, String taskQueue) {
    this.client = client;
    this.settings = settings;
    this.taskQueue = taskQueue;
  }

  public RedriveOrder scheduledOrder() {
    return new RedriveOrder(List.of(Provider.values()), SCHEDULED, settings.policy());
  }

  public Mode setUp() {
    try {
      createOrUpdateSchedule();
      log.info("scheduled re-drive: Temporal Schedule {} every {}", SCHEDULE_ID, settings.policy().every());
      return Mode.SCHEDULE;
    } catch (RuntimeException failure) {
      if (!TemporalSchedules.unimplemented(failure)) {
        throw failure;
      }
    }
    startLoop();
    log.info("scheduled re-drive: this Temporal server has no Schedules; workflow {} re-drives every {}",
        RedriveLoopWorkflow.WORKFLOW_ID, settings.policy().every());
    return Mode.EMBEDDED_LOOP;
  }

  private void createOrUpdateSchedule() {
    ScheduleClient schedules = TemporalSchedules.scheduleClient(client);
    Schedule schedule = Schedule.newBuilder()
        .setAction(ScheduleActionStartWorkflow.newBuilder()
            .setWorkflowType(RedriveWorkflow.class)
            .setArguments(scheduledOrder())
            .setOptions(WorkflowOptions.newBuilder().setWorkflowId(SCHEDULE_ID).setTaskQueue(taskQueue).build())
            .build())
        .setSpec(ScheduleSpec.newBuilder()
            .setIntervals(List.of(new ScheduleIntervalSpec(settings.policy().every())))
            .build())
        .setPolicy(SchedulePolicy.newBuilder()
            .setOverlap(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP)
            .build())
        .build();
    try {
      schedules.createSchedule(SCHEDULE_ID, schedule, ScheduleOptions.newBuilder().build());
    } catch (ScheduleAlreadyRunningException exists) {
      schedules.getHandle(SCHEDULE_ID).update(input -> new ScheduleUpdate(schedule));
    }
  }

  private void startLoop() {
    RedriveLoopWorkflow loop = client.newWorkflowStub(RedriveLoopWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(RedriveLoopWorkflow.WORKFLOW_ID)
        .setTaskQueue(taskQueue)
        .build());
    try {
      WorkflowClient.start(loop::loop, scheduledOrder());
    } catch (WorkflowExecutionAlreadyStarted running) {
      log.info("re-drive loop already running; it keeps the settings it started with until it continues as new");
    }
  }
}
