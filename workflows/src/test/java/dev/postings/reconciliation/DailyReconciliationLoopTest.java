package dev.postings.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.timeout;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The embedded loop on time-skipping Temporal: nothing before the configured time of day, one daily run for every
 * connection at it, one a day after, and on past a continue-as-new. Time is moved with the test server's own sleep and
 * the runs are seen on the activities, so the test never waits on the loop itself (it never ends by itself).
 */
@Timeout(value = 2, unit = TimeUnit.MINUTES)
class DailyReconciliationLoopTest {

  /** Two hours before the 03:00 UTC run of 2026-03-10. */
  static final Instant START = Instant.parse("2026-03-10T01:00:00Z");
  static final ReconciliationSchedulePolicy POLICY = new ReconciliationSchedulePolicy("03:00", 1, 2);
  static final List<String> CONNECTIONS = List.of("conn-a", "conn-b");
  static final long SEEN_WITHIN_MS = 10_000;

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .setWorkflowTypes(DailyReconciliationLoopWorkflowImpl.class, DailyReconciliationWorkflowImpl.class,
          ReconciliationWorkflowImpl.class)
      .setInitialTime(START)
      .setDoNotStart(true)
      .build();

  private final ReconciliationActivities activities =
      mock(ReconciliationActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private boolean loopStarted;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options, Worker worker) {
    this.env = env;
    this.client = client;
    this.options = options;
    when(activities.connectionsToReconcile()).thenReturn(CONNECTIONS);
    when(activities.reconcileDay(any())).thenAnswer(call -> {
      ReconciliationOrder order = call.getArgument(0);
      return new ReconciliationSummary(1, order.connectionId(), order.day(), Map.of(), 1, false);
    });
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  @AfterEach
  void stopTheLoop() {
    if (loopStarted) {
      client.newUntypedWorkflowStub(DailyReconciliationLoopWorkflow.WORKFLOW_ID).terminate("test over");
    }
  }

  private void verifyReconciled(String day) {
    for (String connection : CONNECTIONS) {
      verify(activities, timeout(SEEN_WITHIN_MS))
          .reconcileDay(new ReconciliationOrder(connection, day, ReconciliationOrder.SCHEDULED));
    }
  }

  @Test
  void theLoopRunsTheDailyReconciliationOfYesterdayAtTheConfiguredTimeEveryDay() {
    DailyReconciliationLoopWorkflow loop = client.newWorkflowStub(DailyReconciliationLoopWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(DailyReconciliationLoopWorkflow.WORKFLOW_ID).build());
    WorkflowExecution firstRun = WorkflowClient.start(loop::loop, POLICY);
    loopStarted = true;

    env.sleep(Duration.ofMinutes(119)); // 02:59
    verify(activities, never()).connectionsToReconcile();
    verify(activities, never()).reconcileDay(any());

    env.sleep(Duration.ofMinutes(2)); // 03:01
    verifyReconciled("2026-03-09");
    verify(activities, times(1)).connectionsToReconcile();
    verify(activities, times(CONNECTIONS.size())).reconcileDay(any());
    assertThat(client.newUntypedWorkflowStub(DailyReconciliationLoopWorkflow.dailyWorkflowId("2026-03-09"))
        .describe().getStatus()).isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED);

    env.sleep(Duration.ofDays(2)); // 2026-03-12 03:01: the second run, and the third after the continue-as-new
    verifyReconciled("2026-03-10");
    verifyReconciled("2026-03-11");
    verify(activities, timeout(SEEN_WITHIN_MS).times(3)).connectionsToReconcile();
    verify(activities, times(3 * CONNECTIONS.size())).reconcileDay(any());
    assertThat(client.newUntypedWorkflowStub(DailyReconciliationLoopWorkflow.WORKFLOW_ID,
        Optional.of(firstRun.getRunId()), Optional.empty()).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_CONTINUED_AS_NEW);
  }

  @Test
  void theNextRunIsAtTheConfiguredTimeStrictlyLaterUtc() {
    long justBefore = Instant.parse("2026-03-10T02:59:59Z").toEpochMilli();
    long exactly = Instant.parse("2026-03-10T03:00:00Z").toEpochMilli();
    assertThat(POLICY.untilNextRun(justBefore)).isEqualTo(Duration.ofSeconds(1));
    assertThat(POLICY.untilNextRun(exactly)).isEqualTo(Duration.ofDays(1));
    assertThat(new DailyReconciliationOrder(1, "x").day(exactly)).isEqualTo("2026-03-09");
  }
}
