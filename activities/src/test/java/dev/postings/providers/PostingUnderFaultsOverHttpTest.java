package dev.postings.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.acquaint.AcquaintSettings;
import dev.postings.cardvault.CardSecrets;
import dev.postings.cardvault.CardVault;
import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.propexo.PropexoSettings;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.faults.FaultKind;
import dev.postings.storedge.StoredgeAdapter;
import dev.postings.storedge.StoredgeSettings;
import dev.postings.workflow.AcquaintPolicy;
import dev.postings.workflow.ParkingPolicy;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.PostingRegistryUpdates;
import dev.postings.workflow.PostingWorkflowImpl;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.ResmanPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.StoredgePolicy;
import dev.postings.workflow.TimelineEntry;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.worker.Worker;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Postings end to end under the sandbox's faults, per provider: the posting workflow with the real adapters against
 * the sandbox over HTTP, the fault injector armed for the posting's write.
 * <ul>
 *   <li>The write applied, then its answer lost (held past the adapter's read timeout, or the connection closed): the
 *       workflow finds out that it landed (Propertyware and Acquaint by reading back, ResMan by re-sending the same
 *       batch id, storEDGE through the ledger) and ends CONFIRMED with exactly one ledger entry.</li>
 *   <li>A 5xx before anything applied: where a copy is recognised (ResMan's batch id, storEDGE's idempotency key) the
 *       write is sent again and confirmed once; elsewhere the look-up finds nothing and the posting waits for an
 *       operator with the evidence, the write never sent twice.</li>
 *   <li>429s: waited out by Retry-After, never counted against the attempts.</li>
 *   <li>Refused credentials: sent again on the slow schedule, then PARKED; nothing looked up, nothing posted.</li>
 * </ul>
 *
 * <p>Temporal's in-memory test server runs on the real clock here (no time skipping), since the sandbox does too; every
 * wait of the policy is a fraction of a second.
 */
class PostingUnderFaultsOverHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Duration READ_TIMEOUT = Duration.ofMillis(1000);
  private static final String WORKFLOW_QUEUE = "unknown-outcome-postings";
  private static final String PROPEXO_QUEUE = "unknown-outcome-propexo";
  private static final String ACQUAINT_QUEUE = "unknown-outcome-acquaint";
  private static final String STOREDGE_QUEUE = "unknown-outcome-storedge";
  /** Where adapters with credentials the providers refuse listen. */
  private static final String REFUSED = "-refused-credentials";
  private static final String FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final Instant PAID = Instant.parse("2026-03-13T12:39:00Z");

  private static ConfigurableApplicationContext sandbox;
  private static String base;
  private static TestWorkflowEnvironment temporal;
  private static WorkflowClient client;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=uo-token",
        "--sandbox.propexo.job-pending-for=300ms",
        "--sandbox.propexo.rate-limit.requests-per-minute=100000",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s",
        "--sandbox.propexo.resman.auto-approve-after=200ms",
        "--sandbox.propexo.resman.sync-interval=500ms",
        "--sandbox.acquaint.credentials=UO:uo-key",
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000",
        "--sandbox.storedge.consumer-key=uo-consumer",
        "--sandbox.storedge.consumer-secret=uo-secret",
        // just above the adapters' read timeout, so the adapter gives up first
        "--sandbox.faults.hold=" + READ_TIMEOUT.plusMillis(500).toMillis() + "ms");
    base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");

    temporal = TestWorkflowEnvironment.newInstance(TestEnvironmentOptions.newBuilder().setUseTimeskipping(false)
        .build());
    temporal.registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    temporal.registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD);
    Worker postings = temporal.newWorker(WORKFLOW_QUEUE);
    postings.registerWorkflowImplementationTypes(PostingWorkflowImpl.class);
    postings.registerActivitiesImplementations(new PostingRegistryUpdates.Unrecorded());
    temporal.newWorker(PROPEXO_QUEUE).registerActivitiesImplementations(new PropexoAdapter(
        new PropexoSettings(connection(base), "uo-token", 100, 5), JSON));
    temporal.newWorker(ACQUAINT_QUEUE).registerActivitiesImplementations(new AcquaintAdapter(
        new AcquaintSettings(connection(base + "/acquaint"), "uo-key", "UO", Duration.ofMinutes(5)), JSON,
        Clock.systemUTC()));
    temporal.newWorker(STOREDGE_QUEUE).registerActivitiesImplementations(new StoredgeAdapter(
        new StoredgeSettings(connection(base + "/storedge"), "uo-consumer", "uo-secret"), NO_CARDS, JSON));
    temporal.newWorker(PROPEXO_QUEUE + REFUSED).registerActivitiesImplementations(new PropexoAdapter(
        new PropexoSettings(connection(base), "revoked-token", 100, 5), JSON));
    temporal.newWorker(ACQUAINT_QUEUE + REFUSED).registerActivitiesImplementations(new AcquaintAdapter(
        new AcquaintSettings(connection(base + "/acquaint"), "revoked-key", "UO", Duration.ofMinutes(5)), JSON,
        Clock.systemUTC()));
    temporal.newWorker(STOREDGE_QUEUE + REFUSED).registerActivitiesImplementations(new StoredgeAdapter(
        new StoredgeSettings(connection(base + "/storedge"), "uo-consumer", "revoked-secret"), NO_CARDS, JSON));
    temporal.start();
    client = temporal.getWorkflowClient();
  }

  @AfterAll
  static void stop() {
    temporal.close();
    sandbox.close();
  }

  @BeforeEach
  void noFaults() throws Exception {
    sandboxCall("DELETE", "/sandbox/faults", null);
  }

  /** A posting, how its write is scoped in the fault plan, and where its single ledger entry is looked for. */
  record Case(String name, String writeScope, String ledger, PostingRequest request, String postingKey) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Arguments> cases() {
    return Stream.of(FaultKind.HOLD_PAST_TIMEOUT, FaultKind.CONNECTION_RESET).flatMap(fault -> Stream.of(
        "propertyware", "resman", "acquaint-rent", "acquaint-charge", "storedge").map(name -> Arguments.of(name,
            fault)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("cases")
  void aWriteThatLandedWithoutAnAnswerIsFoundAndConfirmedWithExactlyOneLedgerEntry(String name, FaultKind fault)
      throws Exception {
    Case posting = newCase(name);
    arm(posting.writeScope(), fault, 1, null);

    PostingStatus status = post(posting.request());

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).extracting(TimelineEntry::detail)
        .anyMatch(detail -> detail.contains("outcome") && detail.contains("unknown"))
        // how it found out: a look-up found the payment, or (ResMan) the re-sent batch was refused as a duplicate
        .anyMatch(detail -> detail.contains(name.equals("resman") ? "Duplicate transaction ID" : "did land"));
    JsonNode faults = sandboxCall("GET", "/sandbox/faults", null);
    assertThat(faults.at("/counters/" + posting.writeScope() + "/injected/" + fault).asLong()).isEqualTo(1);
    assertThat(entriesOf(posting)).as("entries of %s on the %s ledger", posting.postingKey(), posting.ledger())
        .isEqualTo(1);
  }

  static Stream<String> providers() {
    return Stream.of("propertyware", "resman", "acquaint-rent", "acquaint-charge", "storedge");
  }

  @ParameterizedTest
  @MethodSource("providers")
  void a5xxBeforeTheWriteAppliedIsResentOnlyWhereACopyIsRecognisedOrNothingCanHaveLanded(String name)
      throws Exception {
    Case posting = newCase(name);
    arm(posting.writeScope(), FaultKind.ERROR_BEFORE_APPLY, 1, null);
    // ResMan and storEDGE recognise a copy; an Acquaint rent item that received nothing since the read before the
    // write proves that the synchronous write did not land
    boolean resendIsSafe = name.equals("resman") || name.equals("storedge") || name.equals("acquaint-rent");

    PostingWorkflow workflow = start(posting.request(), "");
    PostingStatus status;
    if (resendIsSafe) {
      status = WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, PostingStatus.class);
      assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    } else {
      status = awaitState(workflow, PostingState.NEEDS_ATTENTION);
      WorkflowStub.fromTyped(workflow).terminate("test over");
      assertThat(status.lastError()).contains("unknown", "HTTP 500", "not sent again");
    }

    assertThat(entriesOf(posting)).isEqualTo(resendIsSafe ? 1 : 0);
    assertThat(writeRequests(posting)).as("writes sent").isEqualTo(resendIsSafe ? 2 : 1);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void rateLimitedWritesWaitForRetryAfterAndDoNotUseUpTheAttempts(String name) throws Exception {
    Case posting = newCase(name);
    // as many 429s as the policy allows failed attempts: counted as failures, they would park the posting
    arm(posting.writeScope(), FaultKind.RATE_LIMITED, 3, "PT1S");

    PostingStatus status = post(posting.request());

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    assertThat(status.timeline()).extracting(TimelineEntry::state).doesNotContain(PostingState.PARKED);
    assertThat(entriesOf(posting)).isEqualTo(1);
    assertThat(writeRequests(posting)).isEqualTo(4);
  }

  @ParameterizedTest
  @MethodSource("providers")
  void refusedCredentialsAreRetriedThenParkedWithNothingPosted(String name) throws Exception {
    Case posting = newCase(name);

    PostingWorkflow workflow = start(posting.request(), REFUSED);
    PostingStatus status = awaitState(workflow, PostingState.PARKED);
    WorkflowStub.fromTyped(workflow).terminate("test over");

    assertThat(status.lastError()).startsWith("parked").containsAnyOf("401", "refused the API key");
    assertThat(status.timeline()).extracting(TimelineEntry::state).doesNotContain(PostingState.NEEDS_ATTENTION);
    assertThat(entriesOf(posting)).isZero();
  }

  @org.junit.jupiter.api.Test
  void aResmanDuplicateOnAFirstTryIsARejectionNotProofOfAnEarlierWrite() throws Exception {
    Case posting = newCase("resman");
    // Another sender already used this batch id (say, the same posting started again after its history was lost).
    HttpResponse<String> earlier = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/v1/resident-payments/resman/"))
        .header("Authorization", "Bearer uo-token").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"integration_id\":\"intg_uo_rm\",\"resident_id\":\"res_other\","
            + "\"payment_type\":\"Check\",\"batch_id\":\"" + posting.postingKey() + "\",\"transaction_date\":"
            + "\"2026-03-13T12:39:00Z\",\"description\":\"d\",\"notes\":\"n\",\"amount_in_cents\":100,"
            + "\"reference_number\":\"OTHER\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(earlier.statusCode()).isEqualTo(200);

    PostingStatus status = post(posting.request());

    assertThat(status.state()).isEqualTo(PostingState.REJECTED);
    assertThat(status.lastError()).contains("Duplicate transaction ID");
    assertThat(writeRequests(posting)).isEqualTo(2);
  }

  static Stream<Arguments> firstLooks() {
    return Stream.of("propertyware", "resman").flatMap(name -> Stream.of(Arguments.of(name, false),
        Arguments.of(name, true)));
  }

  /**
   * The write's own activity looks at the job after the sandbox settled it (docs/decisions/0027-first-look-at-the-job.md):
   * no poll activity, one ledger entry. A look answered with a 5xx leaves the job to the poll, and the write is not sent
   * again.
   */
  @ParameterizedTest(name = "{0}, look answered 5xx: {1}")
  @MethodSource("firstLooks")
  void aJobSettledByTheWritesFirstLookIsNotPolledAndAFailedLookLeavesItToThePoll(String name, boolean lookFails)
      throws Exception {
    Case posting = newCase(name);
    if (lookFails) {
      arm("propexo-reads", FaultKind.ERROR_BEFORE_APPLY, 1, null);
    }
    PostingRequest request = posting.request();
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(WORKFLOW_QUEUE).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, lookingFirst(policy(""), Duration.ofMillis(700))));

    PostingStatus status = WorkflowStub.fromTyped(workflow).getResult(60, TimeUnit.SECONDS, PostingStatus.class);

    assertThat(status.state()).as(status.lastError()).isEqualTo(PostingState.CONFIRMED);
    List<String> activities = client.fetchHistory(request.workflowId()).getEvents().stream()
        .filter(event -> event.hasActivityTaskScheduledEventAttributes())
        .map(event -> event.getActivityTaskScheduledEventAttributes().getActivityType().getName()).toList();
    String write = name.equals("resman") ? "SubmitResmanPaymentAndLook" : "SubmitPropertywarePaymentAndLook";
    assertThat(activities.get(0)).isEqualTo(write);
    assertThat(activities).filteredOn(type -> type.startsWith("AwaitWriteStatus")).hasSize(lookFails ? 1 : 0);
    assertThat(status.timeline()).extracting(TimelineEntry::state)
        .matches(states -> states.contains(PostingState.AWAITING_JOB) == lookFails, "AWAITING_JOB only when polled");
    assertThat(writeRequests(posting)).as("writes sent").isEqualTo(1);
    assertThat(entriesOf(posting)).isEqualTo(1);
  }

  private static PostingPolicy lookingFirst(PostingPolicy policy, Duration after) {
    PropexoPolicy p = policy.propexo();
    return new PostingPolicy(policy.limits(), new PropexoPolicy(p.taskQueue(), p.callTimeout(), p.readRetry(),
        p.readAttempts(), p.submitRetry(), p.submitAttempts(), p.jobPoll(), p.jobDeadline(), p.unknownOutcomeSettle(),
        p.lookupWindow(), p.clockSkew(), p.unclearSearch(), after), policy.parking(), policy.resman(),
        policy.acquaint(), policy.storedge(), policy.reversal(), policy.historyBudget());
  }

  private PostingStatus post(PostingRequest request) throws Exception {
    return WorkflowStub.fromTyped(start(request, "")).getResult(60, TimeUnit.SECONDS, PostingStatus.class);
  }

  /** Starts the posting; its activities go to the queues named with {@code queueSuffix}. */
  private PostingWorkflow start(PostingRequest request, String queueSuffix) {
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder()
        .setTaskQueue(WORKFLOW_QUEUE).setWorkflowId(request.workflowId()).build());
    WorkflowClient.start(workflow::post, new PostingOrder(request, policy(queueSuffix)));
    return workflow;
  }

  /** Queries the posting until it is in {@code state} (these states wait for a person: the workflow stays open). */
  /** The sandbox's API under {@code url}, with a read timeout the held answers outlast, unpaced. */
  private static ProviderConnection connection(String url) {
    return new ProviderConnection(URI.create(url), Duration.ofSeconds(1), READ_TIMEOUT, RequestPacing.Settings.UNPACED);
  }

  private static PostingStatus awaitState(PostingWorkflow workflow, PostingState state) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    PostingStatus status = workflow.status();
    while (status.state() != state && System.nanoTime() < deadline) {
      Thread.sleep(100);
      status = workflow.status();
    }
    assertThat(status.state()).as(status.lastError()).isEqualTo(state);
    return status;
  }

  private static long entriesOf(Case posting) throws Exception {
    JsonNode ledger = sandboxCall("GET", "/sandbox/ledger/" + posting.ledger(), null);
    long entries = 0;
    for (JsonNode entry : ledger.path("entries")) {
      if (posting.postingKey().equals(entry.path("postingKey").asText())
          && entry.path("countsAsPayment").asBoolean()) {
        entries++;
      }
    }
    return entries;
  }

  /** Write requests the sandbox received in this test (counters start from zero in each). */
  private static long writeRequests(Case posting) throws Exception {
    return sandboxCall("GET", "/sandbox/faults", null).at("/counters/" + posting.writeScope() + "/requests")
        .asLong();
  }

  private static void arm(String scope, FaultKind kind, int count, String duration) throws Exception {
    sandboxCall("POST", "/sandbox/faults/next", "{\"scope\":\"" + scope + "\",\"kind\":\"" + kind
        + "\",\"count\":" + count + (duration == null ? "" : ",\"duration\":\"" + duration + "\"") + "}");
  }

  private static Case newCase(String name) throws Exception {
    String id = "uo-" + UUID.randomUUID().toString().substring(0, 12);
    String reference = "REF-" + id;
    switch (name) {
      case "propertyware" -> {
        return new Case(name, "propertyware-writes", "propertyware", new PostingRequest(id, Provider.PROPERTYWARE,
            new Money(5000, "USD"), PAID, "CHECK", reference, "March rent",
            new PropertywareTarget("intg_uo", "lease_" + id, "res_" + id, "fa_uo")), reference);
      }
      case "resman" -> {
        return new Case(name, "resman-writes", "resman", new PostingRequest(id, Provider.RESMAN,
            new Money(5000, "USD"), PAID, "Check", reference, "March rent",
            new ResmanTarget("intg_uo_rm", "res_" + id, "posted by payments")), ResmanTarget.batchIdFor(id));
      }
      case "acquaint-rent" -> {
        long item = sandboxCall("POST", "/sandbox/acquaint/rent-items",
            "{\"tenancyId\":301,\"contactId\":401,\"due\":\"50.00\"}").path("Id").asLong();
        return new Case(name, "acquaint-writes", "acquaint", new PostingRequest(id, Provider.ACQUAINT,
            new Money(5000, "GBP"), PAID, "3", reference, "March rent",
            new AcquaintRentTarget(item, 301L, 8L, 401L, null, false)), reference);
      }
      case "acquaint-charge" -> {
        long charge = sandboxCall("POST", "/sandbox/acquaint/charges", "{\"tenancyId\":301,\"amount\":\"50.00\"}")
            .path("Id").asLong();
        return new Case(name, "acquaint-writes", "acquaint", new PostingRequest(id, Provider.ACQUAINT,
            new Money(5000, "GBP"), PAID, "3", reference, "Cleaning",
            new AcquaintChargeTarget(charge, 8L, 401L, false)), reference);
      }
      default -> {
        String ledger = "led-" + id;
        sandboxCall("POST", "/sandbox/storedge/ledgers", "{\"id\":\"" + ledger + "\",\"facilityId\":\"" + FACILITY
            + "\",\"balance\":100.00,\"monthlyRent\":50.00,\"paymentMethodIds\":[\"pm-1\"]}");
        PostingRequest request = new PostingRequest(id, Provider.STOREDGE, new Money(5000, "USD"), PAID, null,
            reference, "Unit U25", new StoredgeTarget(FACILITY, ledger, StoredgePaymentKind.CUSTOM, null,
                new StoredgePaymentMethod.Stored("pm-1")));
        return new Case(name, "storedge-writes", "storedge", request, request.workflowId());
      }
    }
  }

  /**
   * Every wait a fraction of a second; three write attempts, two read attempts before parking; a job deadline of 20 s
   * (the sandbox settles jobs within seconds), which is also how long an unclear Propertyware write is searched for.
   */
  private static PostingPolicy policy(String queueSuffix) {
    RetrySchedule quick = new RetrySchedule(Duration.ofMillis(200), 1.5, Duration.ofSeconds(1));
    return new PostingPolicy(
        new PostingLimits(100_000_000L, Duration.ofDays(36500), 2000, 64, 50, 255),
        new PropexoPolicy(PROPEXO_QUEUE + queueSuffix, Duration.ofSeconds(10), quick, 2, quick, 3, quick,
            Duration.ofSeconds(20), Duration.ofMillis(800), Duration.ofDays(3), Duration.ofMinutes(10)),
        new ParkingPolicy(Duration.ofMinutes(5), 2.0, Duration.ofMinutes(10)),
        new ResmanPolicy(Duration.ofSeconds(30), Duration.ofSeconds(45), Duration.ofMillis(500), Map.of()),
        new AcquaintPolicy(ACQUAINT_QUEUE + queueSuffix, Duration.ofSeconds(10), quick, 2, quick, 3,
            Duration.ofMillis(500), Duration.ofMinutes(10)),
        new StoredgePolicy(STOREDGE_QUEUE + queueSuffix, Duration.ofSeconds(10), quick, 2, quick, 3));
  }

  private static JsonNode sandboxCall(String method, String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  /** Stored payment methods only: no card data is redeemed here. */
  private static final CardVault NO_CARDS = new CardVault() {
    @Override
    public CardSecrets redeem(String reference) {
      throw new AssertionError("no card data in these tests");
    }

    @Override
    public void discard(String reference) {}
  };
}
