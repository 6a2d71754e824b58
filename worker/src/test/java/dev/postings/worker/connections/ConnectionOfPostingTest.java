package dev.postings.worker.connections;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.providers.PostingConnection;
import dev.postings.workflow.PostingOrder;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The posting's connection id reaches every activity its workflow schedules, for that attempt only; a posting that
 * names none (started before connections) sends none, and the adapters use their fallback.
 */
class ConnectionOfPostingTest {

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    String run(PostingOrder order);
  }

  @ActivityInterface
  public interface ProbeActivity {
    String look();
  }

  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  public static final class ProbeWorkflow implements Probe {
    private final ProbeActivity activity = Workflow.newActivityStub(ProbeActivity.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());

    @Override
    public String run(PostingOrder order) {
      activity.look();
      return activity.look();
    }
  }

  public static final class ProbeActivityImpl implements ProbeActivity {
    @Override
    public String look() {
      String workflowId = io.temporal.activity.Activity.getExecutionContext().getInfo().getWorkflowId();
      String connection = PostingConnection.current();
      SEEN.merge(workflowId, connection == null ? "<none>" : connection, (a, b) -> a + "," + b);
      return connection;
    }
  }

  private TestWorkflowEnvironment environment;

  @BeforeEach
  void start() {
    SEEN.clear();
    environment = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(new ConnectionOfPosting()).build())
        .build());
    Worker worker = environment.newWorker("probe");
    worker.registerWorkflowImplementationTypes(ProbeWorkflow.class);
    worker.registerActivitiesImplementations(new ProbeActivityImpl());
    environment.start();
  }

  @AfterEach
  void stop() {
    environment.close();
  }

  private static PostingOrder order(String postingId, String connectionId) {
    return new PostingOrder(new PostingRequest(postingId, Provider.PROPERTYWARE, new Money(100, "USD"),
        Instant.parse("2026-12-01T00:00:00Z"), "CHECK", "REF-1", null,
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"), connectionId), null);
  }

  private String run(String workflowId, PostingOrder order) {
    return environment.getWorkflowClient().newWorkflowStub(Probe.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("probe").build()).run(order);
  }

  @Test
  void everyActivityOfAPostingRunsWithItsConnection() {
    assertThat(run("posting-a", order("a", "propexo-second"))).isEqualTo("propexo-second");
    run("posting-b", order("b", "propexo-main"));

    assertThat(SEEN).containsEntry("posting-a", "propexo-second,propexo-second")
        .containsEntry("posting-b", "propexo-main,propexo-main");
    // nothing is left on the activity threads after the attempt
    assertThat(PostingConnection.current()).isNull();
  }

  @Test
  void aPostingThatNamesNoConnectionSendsNone() {
    assertThat(run("posting-old", order("old", null))).isNull();

    assertThat(SEEN).containsEntry("posting-old", "<none>,<none>");
  }
}
