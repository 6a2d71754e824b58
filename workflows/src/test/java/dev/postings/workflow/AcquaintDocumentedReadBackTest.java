package dev.postings.workflow;

import static dev.postings.workflow.PostingFixtures.ACQUAINT_QUEUE;
import static dev.postings.workflow.PostingFixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.Provider;
import dev.postings.workflow.acquaint.AcquaintActivities;
import dev.postings.workflow.acquaint.AcquaintTransaction;
import dev.postings.workflow.acquaint.ChargePaymentReadBack;
import dev.postings.workflow.acquaint.ChargePaymentReceipt;
import dev.postings.workflow.acquaint.TransactionLookup;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Acquaint's charge read-back on what Acquaint documents: {@code GET 17.0/database/transactions/{id}} names Debit,
 * Credit, PaymentMethodID, Notes, StatementNotes, BankAccountID, TenancyID and Status, not the charge or the reference.
 * The posting is confirmed on the id the write answered and the amount credited; the charge and reference count only
 * when Acquaint gives them. (Over HTTP against a sandbox answering only the documented fields: the activities module's
 * AcquaintDocumentedFieldsTest.)
 */
class AcquaintDocumentedReadBackTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private static final String REFERENCE = "BACS-2026-03-009";
  private static final long TRANSACTION = 9001;

  private final AcquaintActivities acquaint = mock(AcquaintActivities.class, withSettings().withoutAnnotations());
  private WorkflowClient client;
  private WorkflowOptions options;
  private String lastWorkflowId;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.client = client;
    this.options = options;
    env.newWorker(ACQUAINT_QUEUE).registerActivitiesImplementations(acquaint);
    env.start();
  }

  @AfterEach
  void keepHistory(TestInfo test) {
    HistoryRecording.keep(client, lastWorkflowId,
        HistoryRecording.fileName("acquaint", test.getTestMethod().orElseThrow().getName()));
  }

  private static PostingRequest charge(String postingId) {
    return new PostingRequest(postingId, Provider.ACQUAINT, new Money(12_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", REFERENCE, "Cleaning after check-out",
        new AcquaintChargeTarget(7001L, 1L, 401L, false));
  }

  /** The write answers transaction 9001, and its read-back in the same activity shows {@code transaction}. */
  private void theWriteReadsBack(AcquaintTransaction transaction) {
    when(acquaint.payChargeAndReadBack(any())).thenReturn(new ChargePaymentReadBack(
        new ChargePaymentReceipt(TRANSACTION, null), new TransactionLookup(TRANSACTION, transaction), null));
  }

  /** A transaction with only the documented fields: no charge, no reference, no type, no creation time. */
  private static AcquaintTransaction documentedOnly(long creditMinor) {
    return new AcquaintTransaction(TRANSACTION, null, null, 301L, 0L, creditMinor, 3L, 1L, null, "Payment for charge",
        "Cleaning after check-out", "Posted", null, null);
  }

  private static AcquaintTransaction withChargeAndReference(long chargeId, String reference) {
    return new AcquaintTransaction(TRANSACTION, "Receipt", chargeId, 301L, 0L, 12_000L, 3L, 1L, reference,
        "Payment for charge", "Cleaning after check-out", "Posted", "2026-03-13T12:39", null);
  }

  private PostingStatus post(PostingRequest request) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy()));
    lastWorkflowId = request.workflowId();
    await().atMost(Duration.ofSeconds(20)).until(() -> {
      PostingState state = workflow.status().state();
      return state == PostingState.CONFIRMED || state == PostingState.NEEDS_ATTENTION;
    });
    return workflow.status().state() == PostingState.CONFIRMED
        ? WorkflowStub.fromTyped(workflow).getResult(PostingStatus.class) : workflow.status();
  }

  @Test
  void aChargePaymentReadBackWithOnlyTheDocumentedFieldsIsConfirmedOnItsIdAndAmount() {
    theWriteReadsBack(documentedOnly(12_000));

    PostingStatus status = post(charge("aq-doc-1"));

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo(String.valueOf(TRANSACTION));
  }

  @Test
  void aReadBackWithOnlyTheDocumentedFieldsAndAnotherAmountIsNotConfirmed() {
    theWriteReadsBack(documentedOnly(1_200));

    PostingStatus status = post(charge("aq-doc-2"));

    assertThat(status.state()).isEqualTo(PostingState.NEEDS_ATTENTION);
    assertThat(status.lastError()).contains("Credit 12.00 != 120.00").doesNotContain("ChargeID", "reference");
  }

  @Test
  void aChargeGivenByAcquaintIsStillComparedAndAnotherOneIsNotConfirmed() {
    theWriteReadsBack(withChargeAndReference(7002, REFERENCE));

    PostingStatus status = post(charge("aq-doc-3"));

    assertThat(status.state()).isEqualTo(PostingState.NEEDS_ATTENTION);
    assertThat(status.lastError()).contains("ChargeID 7002 != 7001");
  }

  @Test
  void aReferenceGivenByAcquaintIsStillComparedAndAnotherOneIsNotConfirmed() {
    theWriteReadsBack(withChargeAndReference(7001, "SOMEONE-ELSE"));

    PostingStatus status = post(charge("aq-doc-4"));

    assertThat(status.state()).isEqualTo(PostingState.NEEDS_ATTENTION);
    assertThat(status.lastError()).contains("reference SOMEONE-ELSE != " + REFERENCE);
  }
}
