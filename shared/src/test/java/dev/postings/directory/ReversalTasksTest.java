package dev.postings.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.reversal.PostingReversalWorkflow;
import dev.postings.reversal.PostingReversalWorkflowImpl;
import dev.postings.reversal.ReversalOrder;
import dev.postings.reversal.ReversalState;
import dev.postings.reversal.ReversalStatus;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.ReversalPolicy;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The reversal directory on the embedded server (listing and describing, no visibility queries): reversals by hand
 * are listed with what to reverse, filtered by state and provider, counted per state, paged, and found for the
 * waiting gauge; the visibility queries a cluster would get are checked as text.
 */
class ReversalTasksTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("ReversalState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingReversalWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  private static final PostingPolicy POLICY = withReversal(new ReversalPolicy(Map.of(), 3, Duration.ofDays(1),
      Duration.ofDays(3)));

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private TemporalReversalTasks directory;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    env.newWorker(PostingPolicy.PROPEXO_TASK_QUEUE).registerActivitiesImplementations(propexo);
    when(propexo.findResidentCharges(any())).thenReturn(List.of());
    when(propexo.submitResidentCharge(any())).thenReturn(new PropexoJob("job_rc"));
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus(WriteStatus.SUCCESS, List.of(), "rc_1"));
    env.start();
    directory = new TemporalReversalTasks(client, serverClock(env), Duration.ofDays(400));
  }

  private static PostingPolicy withReversal(ReversalPolicy reversal) {
    PostingPolicy d = PostingPolicy.defaults();
    return new PostingPolicy(d.limits(), d.propexo(), d.parking(), d.resman(), d.acquaint(), d.storedge(), reversal);
  }

  private PostingReversalWorkflow start(PostingRequest request, String recordId) {
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf(request.postingId())).build());
    WorkflowClient.start(reversal::reverse, new ReversalOrder(request, recordId, request.amount().minor(),
        "returned by the bank", "ops-alice", POLICY));
    return reversal;
  }

  private static PostingRequest acquaint(String postingId) {
    return new PostingRequest(postingId, Provider.ACQUAINT, new Money(12_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", "AQ-" + postingId, "Cleaning",
        new AcquaintChargeTarget(7001L, 401L, 4L, null));
  }

  private static PostingRequest propertyware(String postingId) {
    return new PostingRequest(postingId, Provider.PROPERTYWARE, new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), "CHECK", "CHK-" + postingId, "January rent",
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  @Test
  void reversalsByHandAreListedWithWhatToReverseCountedAndFoundForTheGauge() {
    PostingReversalWorkflow escalated = start(acquaint("dir-1"), "9001");
    await().until(() -> escalated.status().state() == ReversalState.NEEDS_ATTENTION);
    env.sleep(Duration.ofDays(3).plusHours(1));
    // Waiting for a result lets the test server skip time (an activity slowed by a loaded machine can see its timeouts
    // pass): the open tasks start after it, so no skipped time can take them to their escalation.
    ReversalStatus reversed = WorkflowStub.fromTyped(start(propertyware("dir-4"), "rp_4"))
        .getResult(ReversalStatus.class);
    PostingReversalWorkflow open = start(acquaint("dir-2"), "9002");
    PostingReversalWorkflow unknownRecord = start(propertyware("dir-3"), null);
    await().until(() -> open.status().state() == ReversalState.NEEDS_ATTENTION
        && unknownRecord.status().state() == ReversalState.NEEDS_ATTENTION);
    assertThat(reversed.state()).isEqualTo(ReversalState.REVERSED);

    ReversalPage all = directory.list(new ReversalQuery(Set.of(), Set.of(), 50, null));
    assertThat(all.reversals()).extracting(ReversalSummary::postingId)
        .containsExactlyInAnyOrder("dir-1", "dir-2", "dir-3", "dir-4");
    assertThat(all.counts()).containsEntry(ReversalState.NEEDS_ATTENTION, 2L)
        .containsEntry(ReversalState.ESCALATED, 1L).containsEntry(ReversalState.REVERSED, 1L)
        .containsEntry(ReversalState.SETTLING, 0L);

    ReversalPage waiting = directory.list(new ReversalQuery(Set.of(ReversalState.NEEDS_ATTENTION,
        ReversalState.ESCALATED), Set.of(Provider.ACQUAINT), 50, null));
    assertThat(waiting.reversals()).extracting(ReversalSummary::postingId).containsExactly("dir-2", "dir-1");
    ReversalSummary first = waiting.reversals().get(1);
    assertThat(first.state()).isEqualTo(ReversalState.ESCALATED);
    assertThat(first.task()).contains("reverse record 9001 in ACQUAINT", "AQ-dir-1");
    assertThat(first.amount()).isEqualTo(new Money(12_000, "GBP"));
    assertThat(first.escalateAt()).isEqualTo(first.taskOpenedAt().plus(Duration.ofDays(3)));
    // the counts ignore the state filter, not the provider filter
    assertThat(waiting.counts()).containsEntry(ReversalState.NEEDS_ATTENTION, 1L)
        .containsEntry(ReversalState.REVERSED, 0L);

    assertThat(directory.find(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT)).containsExactly("reversal-dir-2");
    assertThat(directory.find(ReversalState.ESCALATED, Provider.ACQUAINT)).containsExactly("reversal-dir-1");
    assertThat(directory.find(ReversalState.NEEDS_ATTENTION, Provider.PROPERTYWARE)).containsExactly("reversal-dir-3");
    assertThat(directory.find(ReversalState.REVERSED, Provider.PROPERTYWARE)).as("open ones only").isEmpty();

    // marked done: it leaves the waiting list and the gauge
    open.reversedByHand(new OperatorDecision("credit note CN-2", "ops-bob"));
    await().until(() -> directory.find(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT).isEmpty());
    ReversalPage done = directory.list(new ReversalQuery(Set.of(ReversalState.REVERSED), Set.of(), 50, null));
    assertThat(done.reversals()).filteredOn(r -> r.postingId().equals("dir-2")).singleElement()
        .satisfies(r -> assertThat(r.reversedBy()).isEqualTo("ops-bob"));
  }

  @Test
  void aReversalStartedWithItsSearchAttributesIsFoundInItsStateNow() {
    PostingRequest request = acquaint("dir-sa");
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf("dir-sa"))
            .setTypedSearchAttributes(io.temporal.common.SearchAttributes.newBuilder()
                .set(dev.postings.reversal.ReversalSearchAttributes.REVERSAL_STATE, ReversalState.REVERSING.name())
                .set(dev.postings.workflow.PostingSearchAttributes.POSTING_PROVIDER, "ACQUAINT").build())
            .build());
    WorkflowClient.start(reversal::reverse, new ReversalOrder(request, "9001", 12_000, "chargeback", "ops", POLICY));
    await().until(() -> reversal.status().state() == ReversalState.NEEDS_ATTENTION);

    assertThat(directory.find(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT)).containsExactly("reversal-dir-sa");
    assertThat(directory.find(ReversalState.REVERSING, Provider.ACQUAINT)).isEmpty();
  }

  @Test
  void pagesFollowTheCursorAndAForeignCursorIsRefused() {
    for (int i = 1; i <= 3; i++) {
      start(acquaint("page-" + i), "900" + i);
    }
    await().until(() -> directory.find(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT).size() == 3);

    ReversalPage first = directory.list(new ReversalQuery(Set.of(), Set.of(), 2, null));
    ReversalPage second = directory.list(new ReversalQuery(Set.of(), Set.of(), 2, first.nextCursor()));

    assertThat(first.reversals()).hasSize(2);
    assertThat(second.reversals()).hasSize(1);
    assertThat(second.nextCursor()).isNull();
    assertThat(first.reversals().stream().map(ReversalSummary::postingId))
        .doesNotContainAnyElementsOf(second.reversals().stream().map(ReversalSummary::postingId).toList());
    assertThatThrownBy(() -> directory.list(new ReversalQuery(Set.of(), Set.of(), 2, "bm90LW91cnM")))
        .isInstanceOf(PostingDirectory.InvalidCursor.class);
  }

  @Test
  void filtersBecomeOneVisibilityQueryOnACluster() {
    assertThat(TemporalReversalTasks.visibilityFilters(Set.of(Provider.RESMAN, Provider.ACQUAINT)))
        .isEqualTo("WorkflowType = 'PostingReversalWorkflow' AND PostingProvider IN ('ACQUAINT', 'RESMAN')");
    assertThat(TemporalReversalTasks.statesClause(Set.of(ReversalState.ESCALATED, ReversalState.NEEDS_ATTENTION)))
        .isEqualTo(" AND ReversalState IN ('ESCALATED', 'NEEDS_ATTENTION')");
    assertThat(TemporalReversalTasks.statesClause(Set.of())).isEmpty();
  }

  private static Clock serverClock(TestWorkflowEnvironment env) {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(env.currentTimeMillis());
      }
    };
  }
}
