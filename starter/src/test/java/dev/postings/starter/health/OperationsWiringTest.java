package dev.postings.starter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.postings.directory.WaitingPostings;
import dev.postings.model.Provider;
import dev.postings.directory.ReversalTasks;
import dev.postings.reversal.ReversalState;
import dev.postings.starter.health.WaitingPostingsGaugeTest.FakeReversalTasks;
import dev.postings.starter.health.WaitingPostingsGaugeTest.FakeWaitingPostings;
import dev.postings.tools.local.LocalTemporalServer;
import dev.postings.workflow.PostingState;
import io.grpc.health.v1.HealthCheckResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The starter's wiring of what operators watch: the waiting gauge counts at start and again every
 * {@code postings.metrics.waiting-refresh}, and {@code temporal} in {@code /actuator/health} follows the frontend.
 */
class OperationsWiringTest {

  @Test
  void theStarterCountsAtStartAndAgainEveryWaitingRefresh() {
    FakeWaitingPostings directory = new FakeWaitingPostings();
    directory.waiting(PostingState.PARKED, Provider.PROPERTYWARE, "posting-p1", "posting-p2");
    FakeReversalTasks reversals = new FakeReversalTasks();
    reversals.waiting(ReversalState.ESCALATED, Provider.ACQUAINT, "reversal-a1");
    SimpleMeterRegistry registry = new SimpleMeterRegistry();

    new ApplicationContextRunner()
        // what Spring Boot's application adds: "50ms" to a Duration for the @Value
        .withInitializer(context -> context.getBeanFactory()
            .setConversionService(ApplicationConversionService.getSharedInstance()))
        .withUserConfiguration(OperationsWiring.class)
        .withPropertyValues("postings.metrics.waiting-refresh=50ms")
        .withBean(WaitingPostings.class, () -> directory)
        .withBean(ReversalTasks.class, () -> reversals)
        .withBean(MeterRegistry.class, () -> registry)
        .withBean(WorkflowClient.class, () -> mock(WorkflowClient.class))
        .run(context -> {
          assertThat(context).hasNotFailed();
          await().atMost(Duration.ofSeconds(10))
              .until(() -> waiting(registry, PostingState.PARKED, Provider.PROPERTYWARE) == 2);
          assertThat(registry.get("postings_waiting").tag("state", "REVERSAL_ESCALATED")
              .tag("provider", "ACQUAINT").gauge().value()).isEqualTo(1);

          directory.waiting(PostingState.PARKED, Provider.PROPERTYWARE);
          directory.waiting(PostingState.NEEDS_ATTENTION, Provider.RESMAN, "posting-r1");
          await().atMost(Duration.ofSeconds(10))
              .until(() -> waiting(registry, PostingState.NEEDS_ATTENTION, Provider.RESMAN) == 1
                  && waiting(registry, PostingState.PARKED, Provider.PROPERTYWARE) == 0);
        });
  }

  @Test
  void temporalIsUpWhileTheFrontendServesAndDownOnceItIsGone() throws Exception {
    LocalTemporalServer server = LocalTemporalServer.start("127.0.0.1", 0, "default");
    WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(server.target()).build());
    try {
      HealthIndicator temporal = new OperationsWiring().temporalHealthIndicator(WorkflowClient.newInstance(service));

      Health serving = temporal.health();
      assertThat(serving.getStatus()).isEqualTo(Status.UP);
      assertThat(serving.getDetails()).containsEntry("status", "SERVING");

      server.close();
      Health gone = temporal.health();
      assertThat(gone.getStatus()).isEqualTo(Status.DOWN);
      assertThat(gone.getDetails()).containsEntry("error", "StatusRuntimeException");
    } finally {
      service.shutdownNow();
      server.close();
    }
  }

  @Test
  void temporalIsDownWhenTheFrontendSaysItIsNotServing() {
    WorkflowClient client = mock(WorkflowClient.class, RETURNS_DEEP_STUBS);
    when(client.getWorkflowServiceStubs().healthCheck()).thenReturn(HealthCheckResponse.newBuilder()
        .setStatus(HealthCheckResponse.ServingStatus.NOT_SERVING).build());

    Health health = new OperationsWiring().temporalHealthIndicator(client).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("status", "NOT_SERVING");
  }

  private static double waiting(MeterRegistry registry, PostingState state, Provider provider) {
    return registry.get(WaitingPostingsGauge.WAITING).tag("state", state.name())
        .tag("provider", provider.name()).gauge().value();
  }
}
