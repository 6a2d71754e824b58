package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.PROPEXO_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static dev.postings.workflow.PostingFixtures.propertywareRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.propexo.PropexoActivities;
import io.temporal.activity.Activity;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the posting's timeline says about its completion callback: "delivered", or "not delivered after N tries", never
 * what the receiver answered (a status code or an exception would tell the caller what listens inside our network).
 */
class CompletionCallbackTimelineTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private final AtomicInteger attempts = new AtomicInteger();
  /** How an attempt ends, by its number: null delivers. */
  private volatile IntFunction<ApplicationFailure> outcome = attempt -> null;

  private WorkflowClient client;
  private WorkflowOptions options;

  /** Fails as the worker's activity does: type CallbackNotDelivered, details[0] the attempt, nothing else said. */
  private final CompletionCallbacks callbacks = delivery -> {
    int attempt = Activity.getExecutionContext().getInfo().getAttempt();
    attempts.set(attempt);
    ApplicationFailure failure = outcome.apply(attempt);
    if (failure != null) {
      throw failure;
    }
  };

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options, Worker workflowWorker) {
    this.client = client;
    this.options = options;
    env.newWorker(PROPEXO_QUEUE).registerActivitiesImplementations(propexo);
    workflowWorker.registerActivitiesImplementations(callbacks);
    // the PMS refuses the payment at once: the posting ends REJECTED and calls back
    when(propexo.submitPropertywarePayment(any())).thenThrow(ApplicationFailure.newNonRetryableFailure(
        "ResidentNotActive", FailureKind.REJECTED.name()));
    env.start();
  }

  private static ApplicationFailure notDelivered(int attempt, boolean retryable) {
    String message = "completion callback not delivered (attempt " + attempt + ")";
    return retryable ? ApplicationFailure.newFailure(message, CompletionCallbacks.NOT_DELIVERED, attempt)
        : ApplicationFailure.newNonRetryableFailure(message, CompletionCallbacks.NOT_DELIVERED, attempt);
  }

  private List<String> timelineOf(String postingId) {
    PostingRequest request = propertywareRequest(postingId);
    CompletionCallback callback = new CompletionCallback("https://caller.example/cb?token=caller-secret",
        new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5)), Duration.ofHours(1),
        Duration.ofSeconds(30));
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy(), callback));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    return status.timeline().stream().map(TimelineEntry::detail).toList();
  }

  @Test
  void aDeliveredCallbackSaysDeliveredToTheHostOnly() {
    List<String> timeline = timelineOf("cb-delivered");

    assertThat(timeline).last().isEqualTo("completion callback delivered to caller.example");
    assertThat(String.join("\n", timeline)).doesNotContain("caller-secret");
  }

  @Test
  void aReceiverThatRefusesOnTheThirdTryIsNotDeliveredAfterThreeTries() {
    // two tries that may pass later (a 503, a reset), then an answer that will not change (a 404)
    outcome = attempt -> notDelivered(attempt, attempt < 3);

    List<String> timeline = timelineOf("cb-refused");

    assertThat(attempts).hasValue(3);
    assertThat(timeline).last().isEqualTo(
        "completion callback to caller.example not delivered after 3 tries; the posting's outcome stands");
  }

  @Test
  void aReceiverThatNeverAnswersUntilTheBudgetIsSpentCountsEveryTry() {
    outcome = attempt -> notDelivered(attempt, true);

    List<String> timeline = timelineOf("cb-budget");

    // 10 s, 20 s, 40 s, 80 s, 160 s, then 300 s each within the hour's budget: the last attempt's number is told
    assertThat(attempts.get()).isGreaterThan(5);
    assertThat(timeline).last().isEqualTo("completion callback to caller.example not delivered after "
        + attempts.get() + " tries; the posting's outcome stands");
  }

  @Test
  void aSingleFinalRefusalIsOneTry() {
    outcome = attempt -> notDelivered(attempt, false);

    assertThat(timelineOf("cb-once")).last().isEqualTo(
        "completion callback to caller.example not delivered after 1 try; the posting's outcome stands");
  }
}
