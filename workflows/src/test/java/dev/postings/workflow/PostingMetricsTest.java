package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.STOREDGE_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import com.uber.m3.tally.Buckets;
import com.uber.m3.tally.Capabilities;
import com.uber.m3.tally.CapableOf;
import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePaymentResult;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The business metrics a posting emits through the workflow's metrics scope (what the worker exports). */
class PostingMetricsTest {

  /** Keeps what the scope reports: "name{tag=value,...}" -> sum of counter values or count of timer samples. */
  static final class CapturingReporter implements StatsReporter {
    final Map<String, Long> counters = new ConcurrentHashMap<>();
    final Map<String, Long> timers = new ConcurrentHashMap<>();

    static String key(String name, Map<String, String> tags) {
      return name + new java.util.TreeMap<>(tags);
    }

    @Override
    public void reportCounter(String name, Map<String, String> tags, long value) {
      counters.merge(key(name, tags), value, Long::sum);
    }

    @Override
    public void reportTimer(String name, Map<String, String> tags, Duration interval) {
      timers.merge(key(name, tags), 1L, Long::sum);
    }

    @Override
    public void reportGauge(String name, Map<String, String> tags, double value) {}

    @Override
    public void reportHistogramValueSamples(String name, Map<String, String> tags, Buckets buckets,
        double bucketLowerBound, double bucketUpperBound, long samples) {}

    @Override
    public void reportHistogramDurationSamples(String name, Map<String, String> tags, Buckets buckets,
        Duration bucketLowerBound, Duration bucketUpperBound, long samples) {}

    @Override
    public Capabilities capabilities() {
      return CapableOf.REPORTING;
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  }

  static final CapturingReporter reporter = new CapturingReporter();
  // reported when closed (below), so the test reads complete values without waiting for a reporting interval
  static final Scope scope = new RootScopeBuilder().reporter(reporter).reportEvery(Duration.ofSeconds(3600));

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setMetricsScope(scope)
      .setDoNotStart(true)
      .build();

  private final StoredgeActivities storedge = mock(StoredgeActivities.class, withSettings().withoutAnnotations());

  @Test
  void aConfirmedPostingIsCountedStartedAndFinishedOnceWithItsTimeToConfirm(TestWorkflowEnvironment env,
      WorkflowClient client, WorkflowOptions options) throws Exception {
    env.newWorker(STOREDGE_QUEUE).registerActivitiesImplementations(storedge);
    // the interface's own composition of the stubbed readLedger and makePayment
    when(storedge.readLedgerAndPay(any())).thenCallRealMethod();
    env.start();
    StoredgeLedgerRef ref = new StoredgeLedgerRef("fac_1", "led_1");
    StoredgeLedgerPayment ours = new StoredgeLedgerPayment("pay_new", -5_000, "Visa ****1111", "2024-01-15T09:31:00Z");
    when(storedge.readLedger(ref)).thenReturn(new StoredgeLedger("led_1", 0, 1_200, "2024-01-09", List.of()),
        new StoredgeLedger("led_1", 0, 1_200, "2024-01-09", List.of(ours)));
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_new",
        new StoredgeLedger("led_1", 0, 1_200, "2024-01-09", List.of(ours))));
    PostingRequest request = new PostingRequest("metrics-1", Provider.STOREDGE, new Money(5_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), null, "SE-M1", "Unit U25 rent",
        new StoredgeTarget("fac_1", "led_1", StoredgePaymentKind.CUSTOM, null,
            new StoredgePaymentMethod.Stored("pm_1")));
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    // a query replays the history on a fresh workflow instance: replays must not count the posting again
    env.getWorkflowClient().newWorkflowStub(PostingWorkflow.class, request.workflowId()).status();

    scope.close();

    Map<String, String> storedgeTag = Map.of("provider", "STOREDGE");
    assertThat(reporter.counters).containsEntry(withWorkflowTags("postings_started", storedgeTag), 1L);
    assertThat(reporter.counters).containsEntry(withWorkflowTags("postings_finished",
        Map.of("provider", "STOREDGE", "outcome", "CONFIRMED")), 1L);
    assertThat(reporter.timers).containsEntry(withWorkflowTags("postings_time_to_confirm", storedgeTag), 1L);
  }

  /** The SDK adds its own tags (namespace, task queue, workflow type) to the workflow's scope. */
  private static String withWorkflowTags(String name, Map<String, String> tags) {
    return reporter.counters.keySet().stream().filter(k -> matches(k, name, tags)).findFirst()
        .or(() -> reporter.timers.keySet().stream().filter(k -> matches(k, name, tags)).findFirst())
        .orElse(name + tags);
  }

  private static boolean matches(String key, String name, Map<String, String> tags) {
    if (!key.startsWith(name + "{")) {
      return false;
    }
    return tags.entrySet().stream().allMatch(e -> key.contains(e.getKey() + "=" + e.getValue()))
        && !(name.equals("postings_started") && key.contains("outcome="));
  }
}
