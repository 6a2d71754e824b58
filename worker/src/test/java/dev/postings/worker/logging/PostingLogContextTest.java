package dev.postings.worker.logging;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.RetryOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import io.temporal.worker.WorkerFactoryOptions;
import io.temporal.workflow.Workflow;
import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

/**
 * The worker's logging context on activity threads: an activity of a posting's workflow sees the posting's id, one of
 * any other workflow (the re-drive) runs as before with none. (Provider and step on real postings:
 * JsonLogsEndToEndTest in the starter module.)
 */
class PostingLogContextTest {

  @WorkflowInterface
  public interface Probe {
    @WorkflowMethod
    String run();
  }

  @ActivityInterface
  public interface ProbeActivity {
    String look();
  }

  /** What each activity attempt saw in its thread's logging context, by workflow id. */
  static final Map<String, String> SEEN = new ConcurrentHashMap<>();

  public static final class ProbeWorkflow implements Probe {
    private final ProbeActivity activity = Workflow.newActivityStub(ProbeActivity.class,
        ActivityOptions.newBuilder().setStartToCloseTimeout(Duration.ofSeconds(10))
            // one attempt: an interceptor that breaks the activity fails the test instead of retrying for ever
            .setRetryOptions(RetryOptions.newBuilder().setMaximumAttempts(1).build()).build());

    @Override
    public String run() {
      return activity.look();
    }
  }

  public static final class ProbeActivityImpl implements ProbeActivity {
    @Override
    public String look() {
      String workflowId = io.temporal.activity.Activity.getExecutionContext().getInfo().getWorkflowId();
      String postingId = MDC.get(PostingLogContext.POSTING_ID);
      SEEN.put(workflowId, postingId == null ? "<none>" : postingId);
      return postingId;
    }
  }

  private TestWorkflowEnvironment environment;

  @BeforeEach
  void start() {
    SEEN.clear();
    environment = TestWorkflowEnvironment.newInstance(io.temporal.testing.TestEnvironmentOptions.newBuilder()
        .setWorkerFactoryOptions(WorkerFactoryOptions.newBuilder()
            .setWorkerInterceptors(new PostingLogContext()).build())
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

  private String run(String workflowId) {
    return environment.getWorkflowClient().newWorkflowStub(Probe.class,
        WorkflowOptions.newBuilder().setWorkflowId(workflowId).setTaskQueue("probe").build()).run();
  }

  @Test
  void anActivityOfAPostingsWorkflowLogsWithThePostingsId() {
    run("posting-pw-0007");
    run("reversal-pw-0008");

    assertThat(SEEN).containsEntry("posting-pw-0007", "pw-0007").containsEntry("reversal-pw-0008", "pw-0008");
  }

  @Test
  void anActivityOfAnotherWorkflowRunsWithoutAPostingId() {
    assertThat(run("postings-redrive-now-1")).isNull();

    assertThat(SEEN).containsEntry("postings-redrive-now-1", "<none>");
  }

  @Test
  void theIdsOfPostingsAndReversalsAreReadFromTheirWorkflowIds() {
    assertThat(PostingLogContext.postingIdOf("posting-se-1")).isEqualTo("se-1");
    assertThat(PostingLogContext.postingIdOf("reversal-se-1")).isEqualTo("se-1");
    assertThat(PostingLogContext.postingIdOf("postings-redrive-loop")).isNull();
    assertThat(PostingLogContext.postingIdOf("posting-")).isNull();
    assertThat(PostingLogContext.postingIdOf(null)).isNull();
  }
}
