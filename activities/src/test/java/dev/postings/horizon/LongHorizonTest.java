package dev.postings.horizon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import dev.postings.workflow.acquaint.AcquaintActivities;
import dev.postings.workflow.acquaint.RentItem;
import dev.postings.workflow.acquaint.RentItemLookup;
import dev.postings.workflow.acquaint.RentPaymentAccepted;
import dev.postings.workflow.acquaint.TransactionLookup;
import dev.postings.workflow.acquaint.TransactionRef;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePaymentResult;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.redrive.ParkedPostingsRedrive;
import dev.postings.redrive.ProviderProbe;
import dev.postings.redrive.RedriveLoopWorkflow;
import dev.postings.redrive.RedriveLoopWorkflowImpl;
import dev.postings.redrive.RedriveOrder;
import dev.postings.redrive.RedrivePolicy;
import dev.postings.redrive.RedriveWorkflowImpl;
import dev.postings.webhook.NoticeOrder;
import dev.postings.webhook.NoticePolicy;
import dev.postings.webhook.PropexoNotice;
import dev.postings.webhook.PropexoNoticeWorkflow;
import dev.postings.webhook.PropexoNoticeWorkflowImpl;
import dev.postings.webhook.WaitingPostingNotices;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingSearchAttributes;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.PostingRegistryUpdates;
import dev.postings.workflow.PostingWorkflowImpl;
import dev.postings.workflow.RecordResolution;
import dev.postings.workflow.ResmanPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.SyncNotice;
import dev.postings.propexo.FirstLook;
import dev.postings.workflow.propexo.PropertywareSubmit;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.ResmanSubmit;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.SyncedPaymentMatches;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.common.v1.WorkflowExecution;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.common.SearchAttributes;
import io.temporal.common.WorkflowExecutionHistory;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Correct over months: real posting workflows on time-skipped weeks, with the real re-drive (the loop every 15 minutes,
 * its activity, the provider probe, the directory) and the real webhook path (the notice workflow, its activity, the
 * directory, the memo filter). Only the providers themselves are stand-ins. Each scenario prints
 * {@code long-horizon: <scenario>: max <n> events per run, <r> runs, outcome <STATE>}; every run stays under 10,000
 * events.
 */
class LongHorizonTest {

  private static final int EVENT_LIMIT = 10_000;

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class, RedriveWorkflowImpl.class, RedriveLoopWorkflowImpl.class,
          PropexoNoticeWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private static final PostingPolicy POLICY = PostingPolicy.defaults();
  private static final RedrivePolicy REDRIVE = new RedrivePolicy(Duration.ofMinutes(15), 200,
      Map.of(Provider.PROPERTYWARE, 5.0, Provider.RESMAN, 5.0, Provider.ACQUAINT, 5.0, Provider.STOREDGE, 5.0), 48);
  private static final NoticePolicy NOTICES = new NoticePolicy(Duration.ofHours(1),
      new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofMinutes(1)), Duration.ofSeconds(30),
      PostingPolicy.PROPEXO_TASK_QUEUE);

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private final AcquaintActivities acquaint = mock(AcquaintActivities.class, withSettings().withoutAnnotations());
  private final StoredgeActivities storedge = mock(StoredgeActivities.class, withSettings().withoutAnnotations()
      // the interface's own composition (readLedgerAndPay) runs on the stubbed calls, as every adapter inherits it
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  /** Payments that landed, by provider. */
  private final Map<Provider, AtomicInteger> landedAt = new java.util.EnumMap<>(Map.of(
      Provider.PROPERTYWARE, new AtomicInteger(), Provider.RESMAN, new AtomicInteger(),
      Provider.ACQUAINT, new AtomicInteger(), Provider.STOREDGE, new AtomicInteger()));
  /**
   * What the providers do now: answer, 503 on writes, or 429 on everything (read by the stand-ins of all four: Propexo,
   * Acquaint and storEDGE).
   */
  private final AtomicReference<String> propexoIs = new AtomicReference<>("up");
  private final AtomicInteger landed = new AtomicInteger();

  private TestWorkflowEnvironment env;
  private WorkflowClient client;
  private WorkflowOptions options;

  @BeforeEach
  void setUp(TestWorkflowEnvironment env, WorkflowClient client, WorkflowOptions options) {
    this.env = env;
    this.client = client;
    this.options = options;
    // the write with its first look, as the adapter takes it (FirstLook), at once: the look runs on the stubbed calls
    when(propexo.submitPropertywarePaymentAndLook(any())).thenAnswer(call -> FirstLook.at(propexo,
        propexo.submitPropertywarePayment(call.<PropertywareSubmit>getArgument(0).payment()), Duration.ZERO, true));
    when(propexo.submitResmanPaymentAndLook(any())).thenAnswer(call -> FirstLook.at(propexo,
        propexo.submitResmanPayment(call.<ResmanSubmit>getArgument(0).payment()), Duration.ZERO, false));
    env.newWorker(PostingPolicy.PROPEXO_TASK_QUEUE).registerActivitiesImplementations(propexo);
    env.newWorker(PostingPolicy.ACQUAINT_TASK_QUEUE).registerActivitiesImplementations(acquaint);
    env.newWorker(PostingPolicy.STOREDGE_TASK_QUEUE).registerActivitiesImplementations(storedge);
    TemporalWaitingPostings directory = new TemporalWaitingPostings(client, serverClock(env), Duration.ofDays(400));
    Worker postings = env.getWorkerFactory().getWorker(options.getTaskQueue());
    // the probe is the worker's: one read of a record that does not exist
    ProviderProbe probe = ProviderProbe.of(Map.of(Provider.PROPERTYWARE,
        () -> propexo.readResidentPayment(new ResidentPaymentRef("redrive-probe")), Provider.RESMAN,
        () -> propexo.readResidentPayment(new ResidentPaymentRef("redrive-probe")), Provider.ACQUAINT,
        () -> acquaint.readTransaction(new TransactionRef(0)), Provider.STOREDGE,
        () -> storedge.readLedger(new StoredgeLedgerRef("redrive-probe", "redrive-probe"))));
    postings.registerActivitiesImplementations(new ParkedPostingsRedrive(client, directory, pause -> { }, probe,
            serverClock(env)),
        new WaitingPostingNotices(client, directory));
    env.start();
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

  private void rateLimitedOr503OnWrite(boolean write) {
    String now = propexoIs.get();
    if (now.equals("429")) {
      throw ApplicationFailure.newBuilder().setType(FailureKind.RATE_LIMITED.name()).setMessage("429 from Propexo")
          .setNextRetryDelay(Duration.ofSeconds(30)).build();
    }
    if (write && now.equals("writes-down")) {
      throw ApplicationFailure.newBuilder().setType(FailureKind.PROVIDER_UNAVAILABLE.name())
          .setMessage("503 from Propexo").build();
    }
  }

  /** Propertyware through Propexo: the write lands once, its job names the record, which reads back. */
  private void propertywareAnswers(String recordId, PostingRequest request) {
    when(propexo.submitPropertywarePayment(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(true);
      landed.incrementAndGet();
      return new PropexoJob("job_" + recordId);
    });
    when(propexo.awaitWriteStatus(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(false);
      return new WriteStatus("SUCCESS", List.of(), recordId);
    });
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(false);
      String id = call.<ResidentPaymentRef>getArgument(0).id();
      return id.equals(recordId) ? new ResidentPaymentLookup(id, new ResidentPayment(id, "intg_1", "res_1", "lease_1",
          request.amount().minor(), request.referenceNumber(), "2024-01-15T09:30:00.000Z", "January rent", null))
          : new ResidentPaymentLookup(id, null);
    });
  }

  private PostingWorkflow stub(PostingRequest request) {
    return client.newWorkflowStub(PostingWorkflow.class, request.workflowId());
  }

  /** As the starter starts a posting: its state and provider as search attributes, reference and amount in the memo. */
  private WorkflowExecution start(PostingRequest request, PostingPolicy policy) {
    Map<String, Object> memo = new HashMap<>();
    memo.put(TemporalWaitingPostings.MEMO_REFERENCE, request.referenceNumber());
    memo.put(TemporalWaitingPostings.MEMO_AMOUNT_MINOR, request.amount().minor());
    memo.put(TemporalWaitingPostings.MEMO_CURRENCY, request.amount().currency());
    if (request.target() instanceof ResmanTarget resman) {
      memo.put(TemporalWaitingPostings.MEMO_INTEGRATION_ID, resman.integrationId());
    } else if (request.target() instanceof PropertywareTarget propertyware) {
      memo.put(TemporalWaitingPostings.MEMO_INTEGRATION_ID, propertyware.integrationId());
    }
    PostingWorkflow posting = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder().setTaskQueue(options.getTaskQueue())
        .setWorkflowId(request.workflowId())
        .setMemo(memo)
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(PostingSearchAttributes.POSTING_STATE, PostingState.RECEIVED.name())
            .set(PostingSearchAttributes.POSTING_PROVIDER, request.provider().name())
            .build())
        .build());
    return WorkflowClient.start(posting::post, new PostingOrder(request, policy));
  }

  private void startRedriveLoop() {
    RedriveLoopWorkflow loop = client.newWorkflowStub(RedriveLoopWorkflow.class,
        WorkflowOptions.newBuilder().setTaskQueue(options.getTaskQueue()).setWorkflowId(RedriveLoopWorkflow.WORKFLOW_ID).build());
    WorkflowClient.start(loop::loop, new RedriveOrder(List.of(Provider.values()), RedriveOrder.SCHEDULED, REDRIVE));
  }

  private static PostingRequest propertyware(String postingId) {
    return new PostingRequest(postingId, Provider.PROPERTYWARE, new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), "CHECK", "CHK-" + postingId, "January rent",
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  private static PostingRequest resman(String postingId) {
    return new PostingRequest(postingId, Provider.RESMAN, new Money(98_000, "USD"),
        Instant.parse("2024-06-15T14:45:00Z"), "Check", "RM-" + postingId, "June rent",
        new ResmanTarget("intg_rm", "res_rm", "posted by payments"));
  }

  private static PostingRequest acquaintRent(String postingId) {
    return new PostingRequest(postingId, Provider.ACQUAINT, new Money(95_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", "AQ-" + postingId, "March rent",
        new AcquaintRentTarget(5001L, 301L, 1L, 401L, 4L, false));
  }

  private static PostingRequest storedge(String postingId) {
    return new PostingRequest(postingId, Provider.STOREDGE, new Money(5_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), null, "SE-" + postingId, "Unit U25 rent",
        new StoredgeTarget("fac_1", "led_1", StoredgePaymentKind.CUSTOM, null,
            new StoredgePaymentMethod.Stored("pm_1")));
  }

  /** Every run of the posting, first to last. */
  private List<WorkflowExecutionHistory> runs(WorkflowExecution first) {
    List<WorkflowExecutionHistory> runs = new ArrayList<>();
    WorkflowExecution run = first;
    while (run != null) {
      WorkflowExecutionHistory history = client.fetchHistory(run.getWorkflowId(), run.getRunId());
      runs.add(history);
      HistoryEvent last = history.getLastEvent();
      run = last.hasWorkflowExecutionContinuedAsNewEventAttributes() ? WorkflowExecution.newBuilder()
          .setWorkflowId(run.getWorkflowId())
          .setRunId(last.getWorkflowExecutionContinuedAsNewEventAttributes().getNewExecutionRunId()).build() : null;
    }
    return runs;
  }

  /** Prints the scenario's line and checks every run's size. */
  private int report(String scenario, WorkflowExecution first, PostingState outcome) {
    List<WorkflowExecutionHistory> runs = runs(first);
    int max = runs.stream().mapToInt(run -> run.getEvents().size()).max().orElse(0);
    System.out.printf("long-horizon: %s: max %d events per run, %d runs, outcome %s%n", scenario, max, runs.size(),
        outcome);
    assertThat(max).as(scenario + ": events per run").isLessThan(EVENT_LIMIT);
    return runs.size();
  }

  private PostingStatus result(PostingRequest request) {
    return WorkflowStub.fromTyped(stub(request)).getResult(PostingStatus.class);
  }

  @Test
  void aThirtyDayOutageOfEachProvidersWritesWithTheRedriveEveryFifteenMinutesThenRecoveryIsConfirmedOnce() {
    // one posting per provider, all four parked through the same 30 days and the same re-drive loop
    PostingRequest propertyware = propertyware("lh-outage");
    PostingRequest resman = resman("lh-outage-rm");
    PostingRequest acquaintRent = acquaintRent("lh-outage-aq");
    PostingRequest storedgeRent = storedge("lh-outage-se");
    propertywareAndResmanAnswer("rp_outage", propertyware, "rp_rm_outage", resman);
    acquaintAnswers(acquaintRent);
    storedgeAnswers(storedgeRent);
    propexoIs.set("writes-down");
    startRedriveLoop();
    Map<Provider, WorkflowExecution> first = new java.util.EnumMap<>(Provider.class);
    for (PostingRequest request : List.of(propertyware, resman, acquaintRent, storedgeRent)) {
      first.put(request.provider(), start(request, POLICY));
    }

    env.sleep(Duration.ofDays(30));
    for (PostingRequest request : List.of(propertyware, resman, acquaintRent, storedgeRent)) {
      assertThat(stub(request).status().state()).as(request.provider() + " after 30 days").isEqualTo(PostingState.PARKED);
    }
    assertThat(landedAt.values()).allSatisfy(landed -> assertThat(landed.get()).isZero());
    propexoIs.set("up");

    for (PostingRequest request : List.of(propertyware, resman, acquaintRent, storedgeRent)) {
      PostingStatus status = result(request);
      report("30-day outage of " + name(request.provider()) + "'s writes, re-drive every 15 min, then recovery",
          first.get(request.provider()), status.state());
      assertThat(status.state()).as(request.provider().name()).isEqualTo(PostingState.CONFIRMED);
      assertThat(landedAt.get(request.provider()).get()).as(request.provider() + " posted once").isEqualTo(1);
    }
  }

  private static String name(Provider provider) {
    return switch (provider) {
      case PROPERTYWARE -> "Propertyware";
      case RESMAN -> "ResMan";
      case ACQUAINT -> "Acquaint";
      case STOREDGE -> "storEDGE";
    };
  }

  /** Propertyware's job names its record; ResMan's is delivered, then synced once the PMC approved it (at once here). */
  private void propertywareAndResmanAnswer(String recordId, PostingRequest propertyware, String resmanRecordId,
      PostingRequest resman) {
    String resmanJob = "job_" + resmanRecordId;
    when(propexo.submitPropertywarePayment(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(true);
      landedAt.get(Provider.PROPERTYWARE).incrementAndGet();
      return new PropexoJob("job_" + recordId);
    });
    when(propexo.submitResmanPayment(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(true);
      landedAt.get(Provider.RESMAN).incrementAndGet();
      return new PropexoJob(resmanJob);
    });
    when(propexo.awaitWriteStatus(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(false);
      boolean isResman = call.<PropexoJob>getArgument(0).jobId().equals(resmanJob);
      return new WriteStatus("SUCCESS", List.of(), isResman ? null : recordId);
    });
    ResidentPayment resmanRecord = new ResidentPayment(resmanRecordId, "intg_rm", "res_rm", null,
        resman.amount().minor(), resman.referenceNumber(), "2024-06-15T14:45:00.000Z", "June rent", null);
    when(propexo.awaitSyncedResidentPayment(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(false);
      return new SyncedPaymentMatches(List.of(resmanRecordId), 1);
    });
    when(propexo.findResidentPayments(any())).thenAnswer(call -> landedAt.get(Provider.RESMAN).get() > 0
        ? List.of(resmanRecord) : List.of());
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      rateLimitedOr503OnWrite(false);
      String id = call.<ResidentPaymentRef>getArgument(0).id();
      if (id.equals(resmanRecordId)) {
        return new ResidentPaymentLookup(id, resmanRecord);
      }
      return id.equals(recordId) ? new ResidentPaymentLookup(id, new ResidentPayment(id, "intg_1", "res_1", "lease_1",
          propertyware.amount().minor(), propertyware.referenceNumber(), "2024-01-15T09:30:00.000Z", "January rent",
          null)) : new ResidentPaymentLookup(id, null);
    });
  }

  /** Acquaint's rent item shows the payment received once it landed; its reads answer through the outage. */
  private void acquaintAnswers(PostingRequest request) {
    AcquaintRentTarget target = (AcquaintRentTarget) request.target();
    when(acquaint.readRentItem(any())).thenAnswer(call -> {
      boolean paid = landedAt.get(Provider.ACQUAINT).get() > 0;
      return new RentItemLookup(target.rentItemId(), new RentItem(target.rentItemId(), target.tenancyId(),
          request.amount().minor(), paid ? request.amount().minor() : 0, "2026-03-01T00:00",
          paid ? "2026-03-13T12:39" : null, paid ? request.referenceNumber() : null));
    });
    when(acquaint.payRentItem(any())).thenAnswer(call -> {
      if (propexoIs.get().equals("writes-down")) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.PROVIDER_UNAVAILABLE.name())
            .setMessage("503 from Acquaint").build();
      }
      landedAt.get(Provider.ACQUAINT).incrementAndGet();
      return new RentPaymentAccepted(target.rentItemId());
    });
    when(acquaint.readTransaction(any())).thenAnswer(call -> new TransactionLookup(0, null));
  }

  /** storEDGE's ledger lists the payment once it landed; its reads answer through the outage. */
  private void storedgeAnswers(PostingRequest request) {
    StoredgeTarget target = (StoredgeTarget) request.target();
    StoredgeLedgerPayment ours = new StoredgeLedgerPayment("pay_outage", -request.amount().minor(), "Check 1001",
        "2024-01-15T09:31:00Z");
    java.util.function.Supplier<StoredgeLedger> ledger = () -> new StoredgeLedger(target.ledgerId(), 6_103, 1_200,
        "2024-01-09", landedAt.get(Provider.STOREDGE).get() > 0 ? List.of(ours) : List.of());
    when(storedge.readLedger(any())).thenAnswer(call -> ledger.get());
    when(storedge.makePayment(any())).thenAnswer(call -> {
      if (propexoIs.get().equals("writes-down")) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.PROVIDER_UNAVAILABLE.name())
            .setMessage("503 from storEDGE").build();
      }
      landedAt.get(Provider.STOREDGE).incrementAndGet();
      return new StoredgePaymentResult(ours.id(), ledger.get());
    });
  }

  @Test
  void oneHourOf429sOnEveryCallParksThenConfirmsAfterTheLimitLifts() {
    PostingRequest request = propertyware("lh-429");
    propertywareAnswers("rp_429", request);
    propexoIs.set("429");
    startRedriveLoop();
    WorkflowExecution first = start(request, POLICY);

    env.sleep(Duration.ofMinutes(30));
    assertThat(stub(request).status().state()).isEqualTo(PostingState.PARKED);
    env.sleep(Duration.ofMinutes(30));
    propexoIs.set("up");
    PostingStatus status = result(request);

    report("one hour of 429s on every call", first, status.state());
    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).anyMatch(entry -> entry.state() == PostingState.PARKED
        && entry.detail().contains("answered 429"));
    assertThat(landed.get()).isEqualTo(1);
  }

  @Test
  void aThousandOperatorUpdatesOnOnePosting() {
    PostingRequest request = propertyware("lh-operator");
    propertywareAnswers("rp_right", request);
    // the write's outcome is unknown and the search finds nothing: the posting waits for an operator
    when(propexo.submitPropertywarePayment(any())).thenThrow(ApplicationFailure.newBuilder()
        .setType(FailureKind.UNKNOWN_OUTCOME.name()).setMessage("timeout after the request was sent").build());
    when(propexo.findResidentPayments(any())).thenReturn(List.of());
    WorkflowExecution first = start(request, POLICY);
    PostingWorkflow posting = stub(request);
    // the record is searched for until the job's deadline, then an operator is asked
    env.sleep(POLICY.propexo().jobDeadline().plusHours(1));
    await().atMost(Duration.ofSeconds(20)).until(() -> posting.status().state() == PostingState.NEEDS_ATTENTION);

    int accepted = 0;
    int refused = 0;
    for (int i = 0; i < 999; i++) {
      try {
        switch (i % 4) {
          case 0, 1 -> posting.resolve(new RecordResolution("rp_wrong_" + i, "operator " + (i % 7)));
          case 2 -> posting.retryNow(new OperatorDecision(null, "ops-" + (i % 7)));
          default -> posting.rejectedByPmc(new OperatorDecision("no such queue", "ops-" + (i % 7)));
        }
        accepted++;
      } catch (WorkflowUpdateException refusedByValidator) {
        refused++;
      }
    }
    PostingStatus named = posting.resolve(new RecordResolution("rp_right", "found at last"));
    PostingStatus status = result(request);

    int runs = report("1,000 operator updates on one posting (" + (accepted + 1) + " accepted, " + refused
        + " refused)", first, status.state());
    assertThat(named.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_right");
    assertThat(accepted).isEqualTo(500);
    assertThat(runs).isGreaterThan(1);
  }

  @Test
  void aFourteenDayResmanApprovalWithTenThousandDataNewNoticesIsConfirmed() {
    // 10,000 notices: about two and a half minutes on two shared cores (-Dlong-horizon.notices=N for another count)
    int noticeCount = Integer.getInteger("long-horizon.notices", 10_000);
    PostingRequest request = new PostingRequest("lh-resman", Provider.RESMAN, new Money(98_000, "USD"),
        Instant.parse("2024-06-15T14:45:00Z"), "Check", "RM-LH", "June rent",
        new ResmanTarget("intg_rm", "res_rm", "posted by payments"));
    Instant approvedAt = Instant.ofEpochMilli(env.currentTimeMillis()).plus(Duration.ofDays(14));
    AtomicBoolean synced = new AtomicBoolean(false);
    when(propexo.submitResmanPayment(any())).thenAnswer(call -> {
      landed.incrementAndGet();
      return new PropexoJob("job_rm_lh");
    });
    when(propexo.awaitWriteStatus(any())).thenReturn(new WriteStatus("SUCCESS", List.of(), null));
    ResidentPayment mine = new ResidentPayment("rp_rm_lh", "intg_rm", "res_rm", null, 98_000L, "RM-LH",
        "2024-06-15T14:45:00.000Z", "June rent", null);
    when(propexo.awaitSyncedResidentPayment(any())).thenAnswer(call -> {
      if (env.currentTimeMillis() < approvedAt.toEpochMilli()) {
        throw ApplicationFailure.newBuilder().setType(FailureKind.RECORD_NOT_SYNCED.name()).setMessage("not yet")
            .build();
      }
      synced.set(true);
      return new SyncedPaymentMatches(List.of("rp_rm_lh"), 1);
    });
    // Propexo's list shows the payment only once the PMC approved it
    when(propexo.findResidentPayments(any())).thenAnswer(call -> synced.get() ? List.of(mine) : List.of());
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      String id = call.<ResidentPaymentRef>getArgument(0).id();
      if (id.equals("rp_rm_lh")) {
        return new ResidentPaymentLookup(id, mine);
      }
      // other residents' payments, synced at month end
      return new ResidentPaymentLookup(id, new ResidentPayment(id, "intg_rm", "res_" + id, null, 50_000L, "OTHER",
          "2024-06-15T14:45:00.000Z", "June rent", null));
    });
    // the PMC takes 14 days; the posting goes to an operator only after 15
    PostingPolicy patient = new PostingPolicy(POLICY.limits(), POLICY.propexo(), POLICY.parking(),
        new ResmanPolicy(POLICY.resman().approvalReminder(), Duration.ofDays(15), POLICY.resman().syncInterval(),
            Map.of()), POLICY.acquaint(), POLICY.storedge(), POLICY.reversal());
    WorkflowExecution first = start(request, patient);
    await().atMost(Duration.ofSeconds(20))
        .until(() -> stub(request).status().state() == PostingState.AWAITING_APPROVAL);

    // the notices arrive over the 14 days, in batches; every tenth names this posting's record, announced before
    // Propexo's list shows it (the posting looks and finds nothing yet)
    int batches = 56;
    Duration between = Duration.ofDays(14).dividedBy(batches);
    int sent = 0;
    for (int batch = 0; batch < batches; batch++) {
      int inBatch = noticeCount / batches + (batch < noticeCount % batches ? 1 : 0);
      for (int i = 0; i < inBatch; i++, sent++) {
        String recordId = sent % 10 == 0 ? "rp_rm_lh" : "rp_other_" + sent;
        PropexoNotice notice = new PropexoNotice("lh" + sent, PropexoNotice.Kind.DATA_NEW, "intg_rm", recordId,
            null, null, List.of(), Instant.ofEpochMilli(env.currentTimeMillis()));
        PropexoNoticeWorkflow workflow = client.newWorkflowStub(PropexoNoticeWorkflow.class,
            WorkflowOptions.newBuilder().setTaskQueue(options.getTaskQueue()).setWorkflowId(notice.workflowId()).build());
        WorkflowClient.start(workflow::handle, new NoticeOrder(notice, NOTICES));
      }
      env.sleep(between);
    }
    PostingStatus status = result(request);

    report("14-day ResMan approval with " + sent + " DATA_NEW notices", first, status.state());
    assertThat(sent).isEqualTo(noticeCount);
    assertThat(status.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.providerRecordId()).isEqualTo("rp_rm_lh");
    assertThat(landed.get()).isEqualTo(1);
  }
}
