package dev.postings.starter.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.reconciliation.DailyReconciliationLoopWorkflow;
import dev.postings.reconciliation.DailyReconciliationOrder;
import dev.postings.reconciliation.ReconciliationOrder;
import dev.postings.reconciliation.ReconciliationSchedulePolicy;
import dev.postings.tools.local.LocalTemporalServer;
import io.temporal.api.common.v1.Payloads;
import io.temporal.api.enums.v1.ScheduleOverlapPolicy;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.schedules.Schedule;
import io.temporal.client.schedules.ScheduleActionStartWorkflow;
import io.temporal.client.schedules.ScheduleCalendarSpec;
import io.temporal.client.schedules.ScheduleRange;
import io.temporal.common.converter.DataConverter;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The daily reconciliation's set-up, as the starter does it: on the embedded server (no Schedules) the loop stands in,
 * started once the starter is ready with the {@code postings.reconciliation.schedule.*} settings, and not at all when
 * switched off; on a cluster, the Schedule every day at the configured time, UTC, a run still going not doubled.
 */
class ReconciliationSchedulingTest {

  private static LocalTemporalServer temporal;
  private static WorkflowServiceStubs service;
  private static WorkflowClient client;

  @BeforeAll
  static void startServer() throws Exception {
    temporal = LocalTemporalServer.start("127.0.0.1", 0, "default");
    service = WorkflowServiceStubs.newServiceStubs(
        WorkflowServiceStubsOptions.newBuilder().setTarget(temporal.target()).build());
    client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder().setNamespace("default").build());
  }

  @AfterAll
  static void stopServer() {
    service.shutdownNow();
    temporal.close();
  }

  @AfterEach
  void stopTheLoop() {
    if (loopRunning()) {
      client.newUntypedWorkflowStub(DailyReconciliationLoopWorkflow.WORKFLOW_ID).terminate("test over");
    }
  }

  /** The Temporal client the starter would have, on the embedded server. */
  @Configuration
  static class EmbeddedServerClient {
    @Bean
    WorkflowClient workflowClient() {
      return client;
    }
  }

  private static ConfigurableApplicationContext starterWith(String... properties) {
    return new SpringApplicationBuilder(ReconciliationScheduleWiring.class, EmbeddedServerClient.class)
        .web(WebApplicationType.NONE)
        .properties("postings.task-queue=test-postings")
        .properties(properties)
        .run();
  }

  /** Whether the loop runs (another test's loop is terminated after it, so it is there, but not running). */
  private static boolean loopRunning() {
    try {
      return client.newUntypedWorkflowStub(DailyReconciliationLoopWorkflow.WORKFLOW_ID).describe().getStatus()
          == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING;
    } catch (WorkflowNotFoundException none) {
      return false;
    }
  }

  private static ReconciliationSchedulePolicy loopInput() {
    Payloads input = client.fetchHistory(DailyReconciliationLoopWorkflow.WORKFLOW_ID).getEvents().get(0)
        .getWorkflowExecutionStartedEventAttributes().getInput();
    return DataConverter.getDefaultInstance().fromPayloads(0, Optional.of(input), ReconciliationSchedulePolicy.class,
        ReconciliationSchedulePolicy.class);
  }

  @Test
  void onTheEmbeddedServerTheReadyStarterStartsTheLoopWithTheConfiguredSettings() {
    try (ConfigurableApplicationContext starter = starterWith("postings.reconciliation.schedule.at=04:30",
        "postings.reconciliation.schedule.days-back=2", "postings.reconciliation.schedule.runs-per-history=7")) {
      assertThat(loopRunning()).isTrue();
      assertThat(loopInput()).isEqualTo(new ReconciliationSchedulePolicy("04:30", 2, 7));

      // a second start (a second starter, a restart) finds the loop running and leaves it
      assertThat(starter.getBean(ReconciliationScheduling.class).setUp())
          .isEqualTo(ReconciliationScheduling.Mode.EMBEDDED_LOOP);
    }
  }

  @Test
  void switchedOffTheStarterSetsUpNothing() {
    try (ConfigurableApplicationContext starter = starterWith("postings.reconciliation.schedule.scheduled=false")) {
      assertThat(loopRunning()).isFalse();
    }
  }

  @Test
  void aBadTimeOfDayStopsTheStarterNamingTheSetting() {
    assertThatThrownBy(() -> starterWith("postings.reconciliation.schedule.at=3am"))
        .hasRootCauseInstanceOf(java.time.format.DateTimeParseException.class);
    assertThatThrownBy(() -> new ReconciliationScheduleSettings(null, "25:00", null, null).policy())
        .hasMessageContaining("postings.reconciliation.schedule").hasMessageContaining("HH:mm");
  }

  @Test
  void unsetSettingsAreTheDefaultsDailyAtThreeUtcForYesterday() {
    assertThat(new ReconciliationScheduleSettings(null, null, null, null).policy())
        .isEqualTo(new ReconciliationSchedulePolicy("03:00", 1, 30));
    assertThat(new ReconciliationScheduleSettings(null, null, null, null).isScheduled()).isTrue();
  }

  @Test
  void onAClusterTheScheduleStartsTheDailyRunEveryDayAtTheConfiguredTimeUtcWithoutOverlaps() {
    ReconciliationScheduling scheduling =
        new ReconciliationScheduling(client, new ReconciliationSchedulePolicy("03:15", 1, 30), "test-postings");
    Schedule schedule = scheduling.schedule();

    ScheduleActionStartWorkflow action = (ScheduleActionStartWorkflow) schedule.getAction();
    assertThat(action.getWorkflowType()).isEqualTo("DailyReconciliationWorkflow");
    assertThat(action.getOptions().getTaskQueue()).isEqualTo("test-postings");
    assertThat(action.getArguments().get(0, DailyReconciliationOrder.class))
        .isEqualTo(new DailyReconciliationOrder(1, ReconciliationOrder.SCHEDULED));
    assertThat(schedule.getSpec().getTimeZoneName()).isEqualTo("UTC");
    assertThat(schedule.getSpec().getIntervals()).isNullOrEmpty();
    List<ScheduleCalendarSpec> calendars = schedule.getSpec().getCalendars();
    assertThat(calendars).hasSize(1);
    ScheduleCalendarSpec daily = calendars.get(0);
    assertThat(daily.getHour()).containsExactly(new ScheduleRange(3));
    assertThat(daily.getMinutes()).containsExactly(new ScheduleRange(15));
    assertThat(daily.getSeconds()).containsExactly(new ScheduleRange(0));
    assertThat(daily.getDayOfMonth()).isEqualTo(ScheduleCalendarSpec.ALL_MONTH_DAYS);
    assertThat(daily.getMonth()).isEqualTo(ScheduleCalendarSpec.ALL_MONTHS);
    assertThat(daily.getDayOfWeek()).isEqualTo(ScheduleCalendarSpec.ALL_WEEK_DAYS);
    assertThat(schedule.getPolicy().getOverlap()).isEqualTo(ScheduleOverlapPolicy.SCHEDULE_OVERLAP_POLICY_SKIP);
    // a run missed while the cluster was down is made late until midnight UTC, never on the next day
    assertThat(schedule.getPolicy().getCatchupWindow()).isEqualTo(Duration.ofHours(20).plusMinutes(45));
  }
}
