package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.STOREDGE_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

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
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What the registry learns of a posting's states (the local activity {@link PostingRegistryUpdates}): its waits, the
 * end of a wait, and its end, each with the workflow's time; one history event on a synchronous path; and a
 * registry away never holds the posting up.
 */
class RegistryStatesTest {

  private static final StoredgeLedgerRef REF = new StoredgeLedgerRef("fac_1", "led_1");

  /** The worker's local activity, as a list of what it was told (down: it throws, as a database away does). */
  static final class FakeRegistry implements PostingRegistryUpdates {
    final List<StateChange> told = new CopyOnWriteArrayList<>();
    final AtomicBoolean down = new AtomicBoolean();

    @Override
    public void recordState(StateChange change) {
      if (down.get()) {
        throw new IllegalStateException("cannot record the state of posting " + change.postingId()
            + ": SQL state 08001");
      }
      told.add(change);
    }
  }

  private static final FakeRegistry registry = new FakeRegistry();

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(registry)
      .setDoNotStart(true)
      .build();

  private final StoredgeActivities storedge = mock(StoredgeActivities.class, withSettings().withoutAnnotations());
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    registry.told.clear();
    registry.down.set(false);
    Worker activities = env.newWorker(STOREDGE_QUEUE);
    when(storedge.readLedgerAndPay(any())).thenCallRealMethod();
    activities.registerActivitiesImplementations(storedge);
    env.start();
  }

  @AfterEach
  void keepHistory(TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("registry", test.getTestMethod().orElseThrow().getName()));
  }

  @Test
  void aSynchronousPostingTellsTheRegistryOnlyItsEndAtOneHistoryEvent() {
    StoredgeLedgerPayment ours = paid("pay_1", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_1", ledger(ours)));

    PostingStatus status = result(start(request("reg-sync")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(registry.told).extracting(PostingRegistryUpdates.StateChange::state)
        .containsExactly(PostingState.CONFIRMED);
    PostingRegistryUpdates.StateChange end = registry.told.get(0);
    assertThat(end.postingId()).isEqualTo("reg-sync");
    assertThat(end.recordId()).isEqualTo("pay_1");
    assertThat(end.step()).isEqualTo(PostingStep.DONE);
    // the workflow's time of the change, as the timeline has it
    assertThat(end.at()).isEqualTo(status.timeline().stream()
        .filter(entry -> entry.state() == PostingState.CONFIRMED).findFirst().orElseThrow().at());
    // the budget: the version marker and one local activity marker, nothing else
    assertThat(registryEvents("reg-sync")).as("history events the registry costs").isEqualTo(1);
  }

  @Test
  void aParkedPostingTellsTheParkingWhatEndedItAndItsEnd() {
    AtomicInteger reads = new AtomicInteger();
    StoredgeLedgerPayment ours = paid("pay_2", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any())).thenAnswer(call -> {
      if (reads.incrementAndGet() <= 3) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.CREDENTIALS_REFUSED.name())
            .setMessage("storEDGE POST make_payment: 401").setNonRetryable(true).build();
      }
      return new StoredgePaymentResult("pay_2", ledger(ours));
    });

    PostingWorkflow workflow = start(request("reg-park"));
    // past the three sends' back-off (the test server skips it), well short of the parking's hour
    env.sleep(Duration.ofMinutes(5));
    await().atMost(Duration.ofSeconds(20)).until(() -> workflow.status().state() == PostingState.PARKED);
    await().atMost(Duration.ofSeconds(10)).until(() -> !registry.told.isEmpty());
    assertThat(registry.told.get(0).state()).isEqualTo(PostingState.PARKED);
    assertThat(registry.told.get(0).attentionCode()).isEqualTo(AttentionCode.PARKED_CREDENTIALS_REFUSED);

    workflow.retryNow(new OperatorDecision(null, "ops-anna"));
    PostingStatus done = result(workflow);

    assertThat(done.state()).isEqualTo(PostingState.CONFIRMED);
    // the wait, the state that ended it (so the registry never shows a wait that is over), and the end
    assertThat(registry.told).hasSize(3);
    assertThat(registry.told.get(0).state()).isEqualTo(PostingState.PARKED);
    assertThat(registry.told.get(1).state()).isNotEqualTo(PostingState.PARKED)
        .matches(state -> !state.isTerminal() && !RegistryRecording.isWait(state), "a working state");
    assertThat(registry.told.get(1).attentionCode()).isNull();
    assertThat(registry.told.get(2).state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(registry.told).extracting(PostingRegistryUpdates.StateChange::at).isSorted();
  }

  @Test
  void aRegistryAwayNeverHoldsThePostingUp() {
    registry.down.set(true);
    StoredgeLedgerPayment ours = paid("pay_3", 5_000);
    when(storedge.readLedger(REF)).thenReturn(ledger());
    when(storedge.makePayment(any())).thenReturn(new StoredgePaymentResult("pay_3", ledger(ours)));

    PostingStatus status = result(start(request("reg-down")));

    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(registry.told).isEmpty();
  }

  /** The local activity markers: what the registry adds to a history. */
  private long registryEvents(String postingId) {
    List<HistoryEvent> events = client.fetchHistory(PostingRequest.workflowIdOf(postingId)).getEvents();
    return events.stream()
        .filter(event -> event.getEventType() == EventType.EVENT_TYPE_MARKER_RECORDED)
        .filter(event -> event.getMarkerRecordedEventAttributes().getMarkerName().equals("LocalActivity"))
        .count();
  }

  private PostingWorkflow start(PostingRequest request) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    lastWorkflowId = request.workflowId();
    return workflow;
  }

  private static PostingStatus result(PostingWorkflow workflow) {
    return WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class);
  }

  private static PostingRequest request(String postingId) {
    return new PostingRequest(postingId, Provider.STOREDGE, new Money(5_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), null, "SE-" + postingId, "Unit U25 rent",
        new StoredgeTarget(REF.facilityId(), REF.ledgerId(), StoredgePaymentKind.CUSTOM, null,
            new StoredgePaymentMethod.Stored("pm_1")));
  }

  private static StoredgeLedger ledger(StoredgeLedgerPayment... payments) {
    return new StoredgeLedger(REF.ledgerId(), 6_103, 1_200, "2024-01-09", List.of(payments));
  }

  private static StoredgeLedgerPayment paid(String id, long cents) {
    return new StoredgeLedgerPayment(id, -cents, "Visa ****1111", "2024-01-15T09:31:00Z");
  }
}
