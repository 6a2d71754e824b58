package dev.postings.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The daily run on time-skipping Temporal, the real workflows on mocked activities: every listed connection reconciled
 * for the right day under its one id, a failed connection not stopping the others, and a reconciliation already
 * running for a connection and day left to run rather than started twice.
 */
class DailyReconciliationWorkflowTest {

  /** 2026-03-10, a few minutes past the schedule's 03:00 UTC: the run reconciles 2026-03-09. */
  static final Instant RUN_TIME = Instant.parse("2026-03-10T03:00:05Z");

  // Without time skipping: nothing here waits on a timer, and the test server may otherwise skip to the timeouts it
  // keeps for activities already finished (seen once in CI: the second run of a test reconciled another day).
  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .setWorkflowTypes(DailyReconciliationWorkflowImpl.class, ReconciliationWorkflowImpl.class)
      .setInitialTime(RUN_TIME)
      .setUseTimeskipping(false)
      .setDoNotStart(true)
      .build();

  private final ReconciliationActivities activities =
      mock(ReconciliationActivities.class, withSettings().withoutAnnotations());
  private WorkflowClient client;
  private WorkflowOptions options;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options, Worker worker) {
    this.client = client;
    this.options = options;
    worker.registerActivitiesImplementations(activities);
    env.start();
  }

  static ReconciliationSummary summary(ReconciliationOrder order, boolean needsOperator) {
    return new ReconciliationSummary(order.connectionId().hashCode(), order.connectionId(), order.day(), Map.of(), 1,
        needsOperator);
  }

  private DailyReconciliationReport runDaily() {
    return runDaily("daily-under-test");
  }

  private DailyReconciliationReport runDaily(String workflowId) {
    DailyReconciliationWorkflow daily = client.newWorkflowStub(DailyReconciliationWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(workflowId).build());
    return daily.reconcileDay(new DailyReconciliationOrder(1, ReconciliationOrder.SCHEDULED));
  }

  @Test
  void everyListedConnectionIsReconciledForYesterdayAndOneFailureDoesNotStopTheOthers() {
    when(activities.connectionsToReconcile()).thenReturn(List.of("conn-a", "conn-b", "conn-c"));
    when(activities.reconcileDay(any())).thenAnswer(call -> {
      ReconciliationOrder order = call.getArgument(0);
      if (order.connectionId().equals("conn-b")) {
        throw ApplicationFailure.newNonRetryableFailure("the ledger answered 403", "LedgerRefused");
      }
      return summary(order, order.connectionId().equals("conn-c"));
    });

    DailyReconciliationReport report = runDaily();

    assertThat(report.day()).isEqualTo("2026-03-09");
    assertThat(report.reconciled()).containsExactly("conn-a", "conn-c");
    assertThat(report.needOperator()).containsExactly("conn-c");
    assertThat(report.alreadyRunning()).isEmpty();
    assertThat(report.failed()).containsOnlyKeys("conn-b");
    assertThat(report.failed().get("conn-b")).isEqualTo("the ledger answered 403");
    for (String connection : List.of("conn-a", "conn-b", "conn-c")) {
      verify(activities).reconcileDay(new ReconciliationOrder(connection, "2026-03-09", ReconciliationOrder.SCHEDULED));
      // each under the one id an operator's reconciliation of the same connection and day has too
      assertThat(client.newUntypedWorkflowStub(ReconciliationWorkflow.workflowId(connection, "2026-03-09"))
          .describe().getWorkflowType()).isEqualTo("ReconciliationWorkflow");
    }
  }

  @Test
  void aConnectionWhoseReconciliationOfTheDayIsAlreadyRunningIsLeftToItNotStartedTwice() throws Exception {
    CountDownLatch operatorsRunStarted = new CountDownLatch(1);
    CountDownLatch ledgerRead = new CountDownLatch(1);
    when(activities.connectionsToReconcile()).thenReturn(List.of("conn-a", "conn-b"));
    when(activities.reconcileDay(any())).thenAnswer(call -> {
      ReconciliationOrder order = call.getArgument(0);
      if (order.requestedBy().equals("operator-key")) {
        operatorsRunStarted.countDown();
        ledgerRead.await(30, TimeUnit.SECONDS);
      }
      return summary(order, false);
    });
    ReconciliationWorkflow operators = client.newWorkflowStub(ReconciliationWorkflow.class,
        WorkflowOptions.newBuilder(options)
            .setWorkflowId(ReconciliationWorkflow.workflowId("conn-a", "2026-03-09")).build());
    WorkflowClient.start(operators::reconcile, new ReconciliationOrder("conn-a", "2026-03-09", "operator-key"));
    assertThat(operatorsRunStarted.await(30, TimeUnit.SECONDS)).isTrue();

    DailyReconciliationReport report;
    try {
      report = runDaily();
    } finally {
      ledgerRead.countDown();
    }

    assertThat(report.alreadyRunning()).containsExactly("conn-a");
    assertThat(report.reconciled()).containsExactly("conn-b");
    assertThat(report.failed()).isEmpty();
    verify(activities, org.mockito.Mockito.never())
        .reconcileDay(new ReconciliationOrder("conn-a", "2026-03-09", ReconciliationOrder.SCHEDULED));
  }

  @Test
  void aDayReconciledAlreadyIsReadAnewByASecondRun() {
    when(activities.connectionsToReconcile()).thenReturn(List.of("conn-a"));
    when(activities.reconcileDay(any())).thenAnswer(call -> summary(call.getArgument(0), false));

    runDaily("daily-first");
    DailyReconciliationReport again = runDaily("daily-again");

    assertThat(again.day()).isEqualTo("2026-03-09");
    assertThat(again.reconciled()).containsExactly("conn-a");
    assertThat(again.alreadyRunning()).isEmpty();
    verify(activities, org.mockito.Mockito.times(2))
        .reconcileDay(new ReconciliationOrder("conn-a", "2026-03-09", ReconciliationOrder.SCHEDULED));
  }
}
