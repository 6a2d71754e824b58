package dev.postings.tools.local;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactory;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalTemporalServerTest {

  @WorkflowInterface
  public interface Pause {
    @WorkflowMethod
    String pause(String id);
  }

  @ActivityInterface
  public interface Echo {
    String echo(String id);
  }

  /** A timer and an activity: both take and release the server's time locks (timeouts, the timer's own firing). */
  public static class PauseImpl implements Pause {
    private final Echo echo = Workflow.newActivityStub(Echo.class, ActivityOptions.newBuilder()
        .setStartToCloseTimeout(Duration.ofSeconds(10)).build());

    @Override
    public String pause(String id) {
      Workflow.sleep(Duration.ofMillis(10));
      return echo.echo(id);
    }
  }

  @Test
  void theServersTimeLocksAreRemovedFromTheNewestEndAndWorkflowsStillRun() throws Exception {
    try (LocalTemporalServer server = LocalTemporalServer.start("127.0.0.1", 0, "default")) {
      assertThat(server.timeLockEvents()).isInstanceOf(TestServerLockEvents.NewestFirstRemoval.class);

      WorkflowServiceStubs service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
          .setTarget(server.target()).build());
      try {
        WorkflowClient client = WorkflowClient.newInstance(service);
        WorkerFactory factory = WorkerFactory.newInstance(client);
        Worker worker = factory.newWorker("pauses");
        worker.registerWorkflowImplementationTypes(PauseImpl.class);
        worker.registerActivitiesImplementations((Echo) id -> id);
        factory.start();
        for (int i = 0; i < 5; i++) {
          Pause pause = client.newWorkflowStub(Pause.class, WorkflowOptions.newBuilder()
              .setWorkflowId("pause-" + i).setTaskQueue("pauses").build());
          // an unbalanced unlock (a lock event not found) would fail the server's timer, and this workflow with it
          assertThat(pause.pause("p" + i)).isEqualTo("p" + i);
        }
        factory.shutdownNow();
      } finally {
        service.shutdownNow();
      }
    }
  }

  @Test
  void newestFirstRemovalRemovesTheSameEntryAsALinkedListWouldAndKeepsTheOrder() {
    Object first = new Object();
    Object second = new Object();
    Object third = new Object();
    TestServerLockEvents.NewestFirstRemoval<Object> events =
        new TestServerLockEvents.NewestFirstRemoval<>(List.of(first, second, third));

    assertThat(events.remove(second)).isTrue();
    assertThat(events.remove(second)).isFalse();
    assertThat(events).containsExactly(first, third);
  }
}
