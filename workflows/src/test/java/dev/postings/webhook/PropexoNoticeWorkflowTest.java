package dev.postings.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.workflow.FailureKind;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The notice workflow on time-skipping Temporal: the slow work after the webhook's answer, retried until done, the
 * Propexo read only when a posting waits, the id kept for 24 hours, and few history events.
 */
class PropexoNoticeWorkflowTest {

  static final String PROPEXO_QUEUE = "test-propexo";
  static final NoticePolicy POLICY = new NoticePolicy(Duration.ofHours(24),
      new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)), Duration.ofSeconds(30), PROPEXO_QUEUE);

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .setWorkflowTypes(PropexoNoticeWorkflowImpl.class)
      .setDoNotStart(true)
      .build();

  private final PropexoNotices notices = mock(PropexoNotices.class, withSettings().withoutAnnotations());
  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;

  private static final ResidentPayment RECORD = new ResidentPayment("rp_1", "intg_rm", "res_1", null, 98_000L,
      "RM-1", "2024-06-15T14:45:00.000Z", "June rent", "2024-06-16T08:00:00.000Z");

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options, Worker workflowWorker) {
    this.env = env;
    this.client = client;
    this.options = options;
    workflowWorker.registerActivitiesImplementations(notices);
    env.newWorker(PROPEXO_QUEUE).registerActivitiesImplementations(propexo);
    env.start();
  }

  private PropexoNotice dataNew(String digest) {
    return new PropexoNotice(digest, PropexoNotice.Kind.DATA_NEW, "intg_rm", "rp_1", null, null, List.of(),
        Instant.ofEpochMilli(env.currentTimeMillis()));
  }

  private WorkflowStub start(PropexoNotice notice) {
    PropexoNoticeWorkflow workflow = client.newWorkflowStub(PropexoNoticeWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(notice.workflowId()).build());
    WorkflowClient.start(workflow::handle, new NoticeOrder(notice, POLICY));
    return WorkflowStub.fromTyped(workflow);
  }

  private int events(WorkflowStub notice) {
    return client.fetchHistory(notice.getExecution().getWorkflowId()).getHistory().getEventsCount();
  }

  @Test
  void aRecordNoPostingWaitsForIsNotEvenRead() {
    when(notices.awaitingSync(any())).thenReturn(0);

    WorkflowStub notice = start(dataNew("a1"));
    NoticeOutcome outcome = notice.getResult(NoticeOutcome.class);

    assertThat(outcome.woken()).isEmpty();
    verify(propexo, never()).readResidentPayment(any());
    verify(notices, never()).wakeOwnerOf(any(), any());
    assertThat(events(notice)).isLessThanOrEqualTo(16);
  }

  @Test
  void aRecordIsReadOnceAndItsOwnerWokenAfterFailedReadsWereRetried() {
    when(notices.awaitingSync(any())).thenReturn(3);
    when(propexo.readResidentPayment(new ResidentPaymentRef("rp_1")))
        .thenThrow(ApplicationFailure.newFailure("Propexo answered 503", FailureKind.PROVIDER_UNAVAILABLE.name()))
        .thenThrow(ApplicationFailure.newFailure("Propexo answered 429", FailureKind.RATE_LIMITED.name()))
        .thenReturn(new ResidentPaymentLookup("rp_1", RECORD));
    when(notices.wakeOwnerOf(any(), any())).thenReturn(new NoticeOutcome(List.of("posting-rm-1"), null));

    PropexoNotice sent = dataNew("a2");
    WorkflowStub notice = start(sent);
    NoticeOutcome outcome = notice.getResult(NoticeOutcome.class);

    assertThat(outcome.woken()).containsExactly("posting-rm-1");
    verify(propexo, times(3)).readResidentPayment(new ResidentPaymentRef("rp_1"));
    verify(notices).wakeOwnerOf(sent, RECORD);
    assertThat(events(notice)).isLessThanOrEqualTo(28);
  }

  @Test
  void aFailedWakeIsRetriedUntilItIsDone() {
    when(notices.awaitingSync(any())).thenReturn(1);
    when(propexo.readResidentPayment(any())).thenReturn(new ResidentPaymentLookup("rp_1", RECORD));
    when(notices.wakeOwnerOf(any(), any()))
        .thenThrow(ApplicationFailure.newFailure("Temporal unavailable", "NoticeNotDelivered"))
        .thenThrow(ApplicationFailure.newFailure("Temporal unavailable", "NoticeNotDelivered"))
        .thenReturn(new NoticeOutcome(List.of("posting-rm-1"), null));

    NoticeOutcome outcome = start(dataNew("a3")).getResult(NoticeOutcome.class);

    assertThat(outcome.woken()).containsExactly("posting-rm-1");
    verify(notices, times(3)).wakeOwnerOf(any(), any());
    verify(propexo, times(1)).readResidentPayment(any());
  }

  @Test
  void theNoticeIsRememberedForADayAndItsIdCannotStartTwice() {
    when(notices.awaitingSync(any())).thenReturn(0);
    PropexoNotice first = dataNew("a4");
    WorkflowStub notice = start(first);

    env.sleep(Duration.ofHours(23));
    assertThat(client.newUntypedWorkflowStub(first.workflowId()).describe().getStatus())
        .isEqualTo(WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    assertThatThrownBy(() -> start(dataNew("a4"))).isInstanceOf(WorkflowExecutionAlreadyStarted.class);

    notice.getResult(NoticeOutcome.class);
    assertThat(Duration.ofMillis(env.currentTimeMillis() - first.receivedAt().toEpochMilli()))
        .isGreaterThanOrEqualTo(Duration.ofHours(24));
    verify(notices, times(1)).awaitingSync(any());
  }

  @Test
  void aJobFailureIsOneActivity() {
    PropexoNotice failure = new PropexoNotice("a5", PropexoNotice.Kind.WRITE_OPERATION_FAILURE, "intg_1", null,
        "job_9", "FAILURE", List.of("ResidentNotActive"), Instant.ofEpochMilli(env.currentTimeMillis()));
    when(notices.endJobWait(any())).thenReturn(new NoticeOutcome(List.of("posting-pw-9"), null));

    WorkflowStub notice = start(failure);

    assertThat(notice.getResult(NoticeOutcome.class).woken()).containsExactly("posting-pw-9");
    verify(notices).endJobWait(failure);
    verify(propexo, never()).readResidentPayment(any());
    assertThat(events(notice)).isLessThanOrEqualTo(16);
  }
}
