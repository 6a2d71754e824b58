package dev.postings.reversal;

import static dev.postings.reversal.ReversalFixtures.ESCALATION;
import static dev.postings.reversal.ReversalFixtures.REMINDER;
import static dev.postings.reversal.ReversalFixtures.acquaintCharge;
import static dev.postings.reversal.ReversalFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.anyMap;
import static org.mockito.ArgumentMatchers.argThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.ArgumentMatchers.longThat;
import static org.mockito.Mockito.atLeastOnce;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.uber.m3.tally.RootScopeBuilder;
import com.uber.m3.tally.Scope;
import com.uber.m3.tally.StatsReporter;
import com.uber.m3.util.Duration;
import dev.postings.workflow.Attention;
import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.HistoryRecording;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingSearchAttributes;
import io.temporal.api.history.v1.History;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reversal by hand is an operator task operators can find and that does not wait unnoticed: the {@code ReversalState}
 * and {@code PostingProvider} search attributes, a reminder and an escalation at the policy's ages (timeline, state,
 * metrics), marked done by an operator who is recorded, and a history that stays the same size however long it waits.
 * Acquaint has no reversal API, so every reversal of an Acquaint payment is such a task. Time skipping.
 */
class ReversalTaskTest {

  private static final StatsReporter reporter = mock(StatsReporter.class);
  private static final Scope scope;

  static {
    when(reporter.capabilities()).thenReturn(com.uber.m3.tally.CapableOf.REPORTING);
    scope = new RootScopeBuilder().reporter(reporter).reportEvery(Duration.ofMillis(100));
  }

  @RegisterExtension
  static final TestWorkflowExtension temporal = ReversalFixtures.temporal()
      .setWorkflowTypes(PostingReversalWorkflowImpl.class)
      .setMetricsScope(scope)
      .build();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    env.start();
  }

  @AfterEach
  void keepHistory(TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("reversal", test.getTestMethod().orElseThrow().getName()));
  }

  private PostingReversalWorkflow openTask(String postingId) {
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf(postingId)).build());
    lastWorkflowId = ReversalOrder.workflowIdOf(postingId);
    WorkflowClient.start(reversal::reverse, new ReversalOrder(acquaintCharge(postingId), "9001", 12_000,
        "chargeback", "ops-alice", policy()));
    await().until(() -> reversal.status().state() == ReversalState.NEEDS_ATTENTION);
    return reversal;
  }

  private SearchAttributes attributes(PostingReversalWorkflow reversal) {
    return WorkflowStub.fromTyped(reversal).describe().getTypedSearchAttributes();
  }

  private int events(String workflowId) {
    History history = client.fetchHistory(workflowId).getHistory();
    return history.getEventsCount();
  }

  @Test
  void anOperatorTaskIsFoundByItsStateRemindedEscalatedAndMarkedDoneByWhoDidIt() {
    PostingReversalWorkflow reversal = openTask("task-1");

    ReversalStatus open = reversal.status();
    assertThat(open.task()).contains("reverse record 9001 in ACQUAINT", "no reversal API", "AQ-task-1", "12000 GBP");
    assertThat(open.escalateAt()).isEqualTo(open.taskOpenedAt().plus(ESCALATION));
    assertThat(open.attention()).isEqualTo(Attention.of(AttentionCode.MANUAL_REVERSAL));
    assertThat(attributes(reversal).get(ReversalSearchAttributes.REVERSAL_STATE)).isEqualTo("NEEDS_ATTENTION");
    assertThat(attributes(reversal).get(PostingSearchAttributes.POSTING_PROVIDER)).isEqualTo("ACQUAINT");

    env.sleep(REMINDER.plusHours(1));
    assertThat(reversal.status().state()).isEqualTo(ReversalState.NEEDS_ATTENTION);
    assertThat(reversal.status().timeline()).anyMatch(line -> line.contains("reminder: not reversed by hand"));

    env.sleep(ESCALATION.minus(REMINDER));
    assertThat(reversal.status().state()).isEqualTo(ReversalState.ESCALATED);
    assertThat(reversal.status().timeline()).anyMatch(line -> line.contains("escalated"));
    assertThat(attributes(reversal).get(ReversalSearchAttributes.REVERSAL_STATE)).isEqualTo("ESCALATED");

    ReversalStatus done = reversal.reversedByHand(new OperatorDecision("credit note CN-77 in Acquaint", "ops-bob"));

    assertThat(done.state()).isEqualTo(ReversalState.REVERSED);
    assertThat(done.reversedBy()).isEqualTo("ops-bob");
    assertThat(done.attention()).as("nothing left to do").isNull();
    assertThat(done.timeline()).anyMatch(line -> line.contains("reversed by hand by ops-bob: credit note CN-77"));
    assertThat(WorkflowStub.fromTyped(reversal).getResult(ReversalStatus.class).state())
        .isEqualTo(ReversalState.REVERSED);
    assertThat(attributes(reversal).get(ReversalSearchAttributes.REVERSAL_STATE)).isEqualTo("REVERSED");
  }

  @Test
  void theReminderAndTheEscalationAreCountedOncePerProvider() throws Exception {
    PostingReversalWorkflow reversal = openTask("task-2");

    env.sleep(ESCALATION.plusDays(30));
    reversal.reversedByHand(new OperatorDecision("done", "ops-carol"));
    WorkflowStub.fromTyped(reversal).getResult(ReversalStatus.class);
    Thread.sleep(300);

    Map<String, String> acquaint = Map.of("provider", "ACQUAINT");
    verify(reporter, atLeastOnce()).reportCounter(eq(PostingReversalWorkflowImpl.REMINDERS),
        argThat(tags -> tags.entrySet().containsAll(acquaint.entrySet())), eq(1L));
    verify(reporter, atLeastOnce()).reportCounter(eq(PostingReversalWorkflowImpl.ESCALATIONS),
        argThat(tags -> tags.entrySet().containsAll(acquaint.entrySet())), eq(1L));
    verify(reporter, never()).reportCounter(eq(PostingReversalWorkflowImpl.ESCALATIONS), anyMap(),
        longThat(count -> count > 1));
  }

  /**
   * An operator task can wait for months: its history is what it was once escalated, whatever the wait (one timer for
   * the reminder, one for the escalation, nothing per day).
   */
  @Test
  void aTaskOpenForAYearCostsNoMoreHistoryThanOneOpenForFourDays() {
    PostingReversalWorkflow reversal = openTask("task-3");
    String workflowId = ReversalOrder.workflowIdOf("task-3");

    env.sleep(ESCALATION.plusDays(1));
    int afterEscalation = events(workflowId);
    env.sleep(java.time.Duration.ofDays(365));
    int afterAYear = events(workflowId);
    reversal.reversedByHand(new OperatorDecision("done at last", "ops-dan"));
    ReversalStatus done = WorkflowStub.fromTyped(reversal).getResult(ReversalStatus.class);

    assertThat(afterAYear).isEqualTo(afterEscalation);
    int total = events(workflowId);
    assertThat(total).isLessThan(40);
    System.out.println("long-horizon: reversal operator task open 369 days: max " + total + " events per run, 1 runs,"
        + " outcome " + done.state());
  }

  @Test
  void aSecondDoneIsRefusedAndTheFirstOperatorStaysRecorded() {
    PostingReversalWorkflow reversal = openTask("task-4");

    reversal.reversedByHand(new OperatorDecision("first", "ops-frank"));
    assertThatThrownBy(() -> reversal.reversedByHand(new OperatorDecision("second", "ops-gus")))
        .isInstanceOf(RuntimeException.class);

    assertThat(WorkflowStub.fromTyped(reversal).getResult(ReversalStatus.class).reversedBy()).isEqualTo("ops-frank");
  }

  @Test
  void aTaskWhosePostingsWriteMayNotHaveLandedSaysToLookFirst() {
    PostingReversalWorkflow reversal = client.newWorkflowStub(PostingReversalWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(ReversalOrder.workflowIdOf("task-6")).build());
    lastWorkflowId = ReversalOrder.workflowIdOf("task-6");
    WorkflowClient.start(reversal::reverse, new ReversalOrder(ReversalFixtures.propertyware("task-6"), null, 125_000,
        "cancelled by an operator", "ops-alice", policy()));
    await().until(() -> reversal.status().state() == ReversalState.NEEDS_ATTENTION);

    assertThat(reversal.status().task()).contains("may or may not have landed", "look for it in PROPERTYWARE");
    assertThat(attributes(reversal).get(PostingSearchAttributes.POSTING_PROVIDER)).isEqualTo("PROPERTYWARE");
  }
}
