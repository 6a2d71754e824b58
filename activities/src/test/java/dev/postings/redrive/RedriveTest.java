package dev.postings.redrive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingSearchAttributes;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.PostingRegistryUpdates;
import dev.postings.workflow.PostingWorkflowImpl;
import dev.postings.workflow.TimelineEntry;
import dev.postings.propexo.FirstLook;
import dev.postings.workflow.propexo.PropertywareSubmit;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.ResmanSubmit;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.common.SearchAttributes;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.testing.TestWorkflowExtension;
import io.temporal.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The scheduled re-drive as it runs on the embedded server (the loop starting {@link RedriveWorkflow}), and an
 * operator's re-drive of one provider: real posting workflows parked by a provider refusing our credentials, the real
 * re-drive activity finding them through the same lookup the starter uses. The provider calls are mocked: this is
 * about which postings resume and when.
 */
class RedriveTest {

  @RegisterExtension
  static final TestWorkflowExtension temporal = TestWorkflowExtension.newBuilder()
      .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
      .setWorkflowTypes(PostingWorkflowImpl.class, RedriveWorkflowImpl.class, RedriveLoopWorkflowImpl.class)
      .setActivityImplementations(new PostingRegistryUpdates.Unrecorded())
      .setDoNotStart(true)
      .build();

  private static final PostingPolicy POLICY = PostingPolicy.defaults();
  private static final RedrivePolicy REDRIVE = new RedrivePolicy(Duration.ofMinutes(15), 200,
      Map.of(Provider.PROPERTYWARE, 2.0, Provider.RESMAN, 2.0), 3);

  private final PropexoActivities propexo = mock(PropexoActivities.class, withSettings().withoutAnnotations()
      // the activities the interface composes (awaitWriteStatusAndReadRecord) run on the stubbed calls
      .defaultAnswer(org.mockito.Answers.CALLS_REAL_METHODS));
  private final AtomicBoolean credentialsRefused = new AtomicBoolean(true);
  private final List<Duration> pauses = new CopyOnWriteArrayList<>();
  /** The provider probe: whether Propexo answers it, and the providers probed. */
  private final AtomicBoolean probeAnswers = new AtomicBoolean(true);
  private final List<Provider> probed = new CopyOnWriteArrayList<>();

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
    env.newWorker(POLICY.propexo().taskQueue()).registerActivitiesImplementations(propexo);
    Worker postings = env.getWorkerFactory().getWorker(options.getTaskQueue());
    postings.registerActivitiesImplementations(new ParkedPostingsRedrive(client,
        new TemporalWaitingPostings(client, serverClock(env), Duration.ofDays(400)), pauses::add, provider -> {
          probed.add(provider);
          return new ProviderProbe.Answer(probeAnswers.get(), probeAnswers.get() ? "answered" : "PROVIDER_UNAVAILABLE");
        }, serverClock(env)));
    env.start();
    // Propertyware: the write lands, then every read is refused (401) until the provider takes our key again
    when(propexo.submitPropertywarePayment(any())).thenAnswer(call -> new PropexoJob("job_" + System.nanoTime()));
    when(propexo.awaitWriteStatus(any())).thenAnswer(call -> new WriteStatus("SUCCESS", List.of(), "rp_1"));
    when(propexo.readResidentPayment(any())).thenAnswer(call -> {
      refuseWhileCredentialsAreRefused();
      return new ResidentPaymentLookup("rp_1", new ResidentPayment("rp_1", "intg_1", "res_1", "lease_1", 125_000L,
          "CHK1", "2024-01-15T09:30:00.000Z", "January rent", null));
    });
    // ResMan: every write is refused (401) before it is taken
    when(propexo.submitResmanPayment(any())).thenAnswer(call -> {
      refuseWhileCredentialsAreRefused();
      throw new AssertionError("not re-driven in these tests");
    });
  }

  /** The lookup's time window by the test server's clock, which runs ahead of the wall clock when time is skipped. */
  private static Clock serverClock(TestWorkflowEnvironment env) {
    return new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        return Instant.ofEpochMilli(env.currentTimeMillis());
      }
    };
  }

  private void refuseWhileCredentialsAreRefused() {
    if (credentialsRefused.get()) {
      throw ApplicationFailure.newBuilder().setType(FailureKind.CREDENTIALS_REFUSED.name())
          .setMessage("401 from Propexo").build();
    }
  }

  private PostingWorkflow start(PostingRequest request) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(request.workflowId())
            // as the starter starts postings (PostingService): the provider is found by its search attribute
            .setTypedSearchAttributes(SearchAttributes.newBuilder()
                .set(PostingSearchAttributes.POSTING_STATE, PostingState.RECEIVED.name())
                .set(PostingSearchAttributes.POSTING_PROVIDER, request.provider().name())
                .build())
            .build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, POLICY));
    return workflow;
  }

  private static PostingRequest propertyware(String postingId) {
    return new PostingRequest(postingId, Provider.PROPERTYWARE, new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), "CHECK", "CHK1", "January rent",
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  private static PostingRequest resman(String postingId) {
    return new PostingRequest(postingId, Provider.RESMAN, new Money(125_000, "USD"),
        Instant.parse("2024-06-15T14:45:00Z"), "Check", "RM1", "June rent",
        new ResmanTarget("intg_rm", "res_rm", "posted by payments"));
  }

  /** Lets workflow time pass in steps of 30 s (the retries' back-offs) until the posting is in {@code state}. */
  private void awaitState(PostingWorkflow workflow, PostingState state) {
    await().atMost(Duration.ofSeconds(30)).until(() -> {
      if (workflow.status().state() == state) {
        return true;
      }
      env.sleep(Duration.ofSeconds(30));
      return false;
    });
  }

  @Test
  void theScheduledLoopResumesParkedPostingsLongBeforeTheirOwnBackOffEnds() {
    PostingWorkflow first = start(propertyware("rd-1"));
    PostingWorkflow second = start(propertyware("rd-2"));
    awaitState(first, PostingState.PARKED);
    awaitState(second, PostingState.PARKED);
    credentialsRefused.set(false);

    RedriveLoopWorkflow loop = client.newWorkflowStub(RedriveLoopWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId(RedriveLoopWorkflow.WORKFLOW_ID).build());
    WorkflowClient.start(loop::loop, new RedriveOrder(List.of(Provider.values()), "scheduled re-drive", REDRIVE));

    // the parking back-off is an hour (POLICY.parking()); the loop runs every 15 minutes, and may cut a first parking
    // short after half of it
    env.sleep(Duration.ofMinutes(31));
    awaitState(first, PostingState.CONFIRMED);
    awaitState(second, PostingState.CONFIRMED);
    for (PostingWorkflow posting : List.of(first, second)) {
      PostingStatus status = posting.status();
      assertThat(status.timeline()).extracting(TimelineEntry::detail).contains("re-driven by scheduled re-drive");
      Instant parkedAt = status.timeline().stream().filter(entry -> entry.state() == PostingState.PARKED)
          .findFirst().orElseThrow().at();
      Instant confirmedAt = status.timeline().get(status.timeline().size() - 1).at();
      assertThat(Duration.between(parkedAt, confirmedAt)).isLessThan(POLICY.parking().retryAfter());
    }
    // two postings at 2/s: one pause of half a second between them
    assertThat(pauses).containsExactly(Duration.ofMillis(500));
  }

  @Test
  void anOperatorsRedriveOfOneProviderLeavesTheOthersParked() {
    PostingWorkflow propertyware = start(propertyware("rd-3"));
    PostingWorkflow resman = start(resman("rd-4"));
    awaitState(propertyware, PostingState.PARKED);
    awaitState(resman, PostingState.PARKED);
    credentialsRefused.set(false);

    RedriveWorkflow redrive = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-now-test").build());
    RedriveReport report = redrive.redrive(new RedriveOrder(List.of(Provider.PROPERTYWARE), "ops-alice", REDRIVE));

    assertThat(report.requestedBy()).isEqualTo("ops-alice");
    assertThat(report.providers()).singleElement().satisfies(done -> {
      assertThat(done.provider()).isEqualTo(Provider.PROPERTYWARE);
      assertThat(done.parked()).isEqualTo(1);
      assertThat(done.redriven()).containsExactly("posting-rd-3");
    });
    awaitState(propertyware, PostingState.CONFIRMED);
    assertThat(propertyware.status().timeline()).extracting(TimelineEntry::detail).contains("re-driven by ops-alice");
    // The ResMan posting was not re-driven. Its state may have moved on all the same: the test server skips time while
    // the client waits for the run's result, and may skip to the end of the posting's own parking back-off.
    assertThat(resman.status().timeline()).extracting(TimelineEntry::detail)
        .noneMatch(detail -> detail.startsWith("re-driven"));
  }

  @Test
  void aRunRedrivesAtMostItsBatchAndReportsTheRestAsSkipped() {
    PostingWorkflow first = start(propertyware("rd-5"));
    PostingWorkflow second = start(propertyware("rd-6"));
    awaitState(first, PostingState.PARKED);
    awaitState(second, PostingState.PARKED);
    credentialsRefused.set(false);

    RedriveWorkflow redrive = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-now-batch").build());
    RedrivePolicy oneAtATime = new RedrivePolicy(REDRIVE.every(), 1, REDRIVE.perSecond(), 3);
    RedriveReport report = redrive.redrive(new RedriveOrder(List.of(Provider.PROPERTYWARE), "ops", oneAtATime));

    ProviderRedrive done = report.providers().get(0);
    assertThat(done.parked()).isEqualTo(2);
    assertThat(done.redriven()).hasSize(1);
    assertThat(done.skipped()).hasSize(1).doesNotContainAnyElementsOf(done.redriven());
  }

  @Test
  void whileTheProviderDoesNotAnswerItsProbeNoParkedPostingIsResumed() {
    PostingWorkflow first = start(propertyware("rd-7"));
    PostingWorkflow second = start(propertyware("rd-8"));
    awaitState(first, PostingState.PARKED);
    awaitState(second, PostingState.PARKED);
    probeAnswers.set(false);

    RedriveWorkflow redrive = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-probe-down").build());
    RedriveReport report = redrive.redrive(new RedriveOrder(List.of(Provider.PROPERTYWARE), "ops", REDRIVE));

    // one probe for the provider, not one failed attempt per posting
    assertThat(probed).containsExactly(Provider.PROPERTYWARE);
    ProviderRedrive done = report.providers().get(0);
    assertThat(done.parked()).isEqualTo(2);
    assertThat(done.redriven()).isEmpty();
    assertThat(done.skipped()).containsExactlyInAnyOrder("posting-rd-7", "posting-rd-8");
    for (PostingWorkflow posting : List.of(first, second)) {
      assertThat(posting.status().timeline()).extracting(TimelineEntry::detail)
          .noneMatch(detail -> detail.startsWith("re-driven"));
    }

    probeAnswers.set(true);
    credentialsRefused.set(false);
    RedriveWorkflow again = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-probe-up").build());
    RedriveReport resumed = again.redrive(new RedriveOrder(List.of(Provider.PROPERTYWARE), "ops", REDRIVE));
    // Whoever is still parked is resumed. (The test server may skip to the end of a parking's own back-off while the
    // client waits for a run's result: a posting may have resumed by itself, and then nobody was left to probe for.)
    assertThat(resumed.providers().get(0).skipped()).isEmpty();
    awaitState(first, PostingState.CONFIRMED);
    awaitState(second, PostingState.CONFIRMED);
    assertThat(probed).startsWith(Provider.PROPERTYWARE).hasSizeLessThanOrEqualTo(2);
  }

  @Test
  void aProviderWithoutParkedPostingsIsNotProbed() {
    RedriveWorkflow redrive = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-nothing-parked").build());
    RedriveReport report = redrive.redrive(new RedriveOrder(List.of(Provider.values()), "ops", REDRIVE));

    assertThat(report.redriven()).isZero();
    assertThat(probed).isEmpty();
  }

  @Test
  void theScheduleDoesNotEvenOfferTheUpdateBeforeAParkingsOwnShareOfItsBackOff() {
    PostingWorkflow posting = start(propertyware("rd-9"));
    awaitState(posting, PostingState.PARKED);
    // the status query may answer PARKED before the task that parked it is recorded: wait until its history is still
    await().atMost(Duration.ofSeconds(10)).until(() -> {
      int before = client.fetchHistory("posting-rd-9").getEvents().size();
      Thread.sleep(300);
      return client.fetchHistory("posting-rd-9").getLastEvent().getEventType()
          == io.temporal.api.enums.v1.EventType.EVENT_TYPE_TIMER_STARTED
          && client.fetchHistory("posting-rd-9").getEvents().size() == before;
    });
    int eventsParked = client.fetchHistory("posting-rd-9").getEvents().size();

    RedriveWorkflow early = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-too-early").build());
    // started and watched without a blocking wait, which would let the test server skip to the parking's own end
    WorkflowClient.start(early::redrive, new RedriveOrder(List.of(Provider.PROPERTYWARE), RedriveOrder.SCHEDULED,
        REDRIVE));
    await().atMost(Duration.ofSeconds(20)).until(() -> client.newUntypedWorkflowStub("postings-redrive-too-early")
        .describe().getWorkflowExecutionInfo().getStatus()
        != io.temporal.api.enums.v1.WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING);
    // read through a client without the test environment's time locking: its getResult lets the server skip time
    // for a moment, enough for the parking's own hour to pass
    RedriveReport tooEarly = WorkflowClient.newInstance(env.getWorkflowServiceStubs(),
            WorkflowClientOptions.newBuilder().setNamespace(env.getNamespace()).build())
        .newUntypedWorkflowStub("postings-redrive-too-early").getResult(RedriveReport.class);

    assertThat(tooEarly.providers().get(0).skipped()).containsExactly("posting-rd-9");
    // asked with a query: not one event in the posting's history
    assertThat(client.fetchHistory("posting-rd-9").getEvents().stream().skip(eventsParked)
        .map(event -> event.getEventType().name())).isEmpty();

    credentialsRefused.set(false);
    env.sleep(Duration.ofMinutes(31));
    RedriveWorkflow due = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder(options).setWorkflowId("postings-redrive-due").build());
    RedriveReport resumed = due.redrive(new RedriveOrder(List.of(Provider.PROPERTYWARE), RedriveOrder.SCHEDULED,
        REDRIVE));
    assertThat(resumed.providers().get(0).redriven()).containsExactly("posting-rd-9");
    awaitState(posting, PostingState.CONFIRMED);
  }
}
