package dev.postings.tools.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.acquaint.AcquaintSettings;
import dev.postings.encryption.EncryptionKeys;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.encryption.PayloadEncryption;
import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.storedge.StoredgeAdapter;
import dev.postings.storedge.StoredgeSettings;
import dev.postings.workflow.PostingOrder;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PostingSearchAttributes;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.acquaint.TransactionRef;
import dev.postings.workflow.storedge.StoredgePayment;
import io.temporal.api.enums.v1.EventType;
import io.temporal.api.history.v1.HistoryEvent;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowClientOptions;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import io.temporal.common.SearchAttributes;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * {@code ./postings bench}: throughput and latency of postings on the local stack (sandbox at zero latency, provider
 * rate limits lifted by the launcher so the orchestration is what is measured), against two baselines in the same run:
 * the Temporal floor (a trivial workflow with one no-op activity, hosted by the same worker with the same settings,
 * {@code bench} profile) and direct HTTP to the sandbox through the same adapters, without Temporal.
 *
 * <p>Each batch keeps {@code concurrency} postings in flight until {@code postings} are done. Latency is measured by
 * this client from the start call to the answer (CONFIRMED). Provider calls per posting are the worker's own count of
 * HTTP calls to the provider during the batch ({@code postings_provider_calls}; the floor's are its activity attempts),
 * history events are counted from a sample of the histories. Prints a table, writes JSON and a PNG chart, and ends with one summary line.
 */
public final class BenchRun {

  private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
      .enable(SerializationFeature.INDENT_OUTPUT);
  private static final String FLOOR_QUEUE = "bench-floor";
  private static final String FLOOR_TYPE = "BenchFloor";
  /** Threads that start workflows (each start is a blocking call to the server). */
  private static final int START_THREADS = 8;
  /** The sandbox's seed-004 facility, which takes custom (partial) payments. */
  private static final String STOREDGE_FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  /** The stored payment method of every bench ledger. */
  private static final String STOREDGE_METHOD = "5b1e0c2d-9a8f-4e7d-8c6b-3a2f1e0d9c8b";
  /** The sandbox's Acquaint charge 7001 (120.00 outstanding): a penny per posting never overpays it. */
  /** The tenancy of the sandbox's seed that the bench's charge is raised on. */
  private static final long ACQUAINT_TENANCY = 301;
  /** The charge every Acquaint posting of this run pays a penny of (opened by the run, see {@link #openCharge}). */
  private long acquaintCharge;

  /** What one batch measured. */
  record Batch(String name, int postings, int concurrency, double seconds, double perSecond, double p50Ms,
      double p95Ms, double p99Ms, int failed, Double callsPerPosting, Double eventsPerPosting) {}

  private final Settings settings;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String run = Long.toString(System.currentTimeMillis() / 1000, 36);
  private WorkflowServiceStubs service;
  private WorkflowClient client;

  /**
   * @param inFlightLevels after the bench, one more round of each batch at each of these postings in flight, drawn as
   *     {@code <run>-in-flight.png} beside the bench's PNG; empty: none
   */
  record Settings(String temporal, URI sandbox, URI worker, int postings, int concurrency, int warmup,
      int rounds, Path out, List<Provider> providers, List<Integer> inFlightLevels) {}

  /** Postings in flight in the batch being measured: the bench's concurrency, or a level of the in-flight sweep. */
  private int inFlight;

  BenchRun(Settings settings) {
    this.settings = settings;
    this.inFlight = settings.concurrency();
  }

  int execute() throws Exception {
    // the direct baseline runs the adapters in this JVM: their per-call INFO lines would bury the progress
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("dev.postings"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger("io.temporal"))
        .setLevel(ch.qos.logback.classic.Level.WARN);
    service = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget(settings.temporal()).build());
    // the local stack's keys (the worker runs with the local profile): postings are encrypted as in production
    client = WorkflowClient.newInstance(service, WorkflowClientOptions.newBuilder()
        .setNamespace("default")
        .setDataConverter(PayloadEncryption.dataConverter(new EncryptionSettings(
            EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID,
            Map.of(EncryptionKeys.LOCAL_DEVELOPMENT_KEY_ID, EncryptionKeys.LOCAL_DEVELOPMENT_KEY))))
        .build());
    try {
      System.out.printf("bench: %d postings per batch, %d in flight, %d rounds, run %s%n", settings.postings(),
          settings.concurrency(), settings.rounds(), run);
      acquaintCharge = openCharge();
      warmUp();
      // The floor and the postings take turns, round after round, every other round in reverse order: on a machine
      // whose load changes (others' builds), each batch sees the same mix of quiet and busy moments, so the ratio
      // compares like with like. Each batch's figures are over all its rounds together.
      Map<String, List<Sample>> samples = new LinkedHashMap<>();
      samples.put("floor", new ArrayList<>());
      settings.providers().forEach(provider -> samples.put(provider.name(), new ArrayList<>()));
      for (int round = 1; round <= settings.rounds(); round++) {
        List<String> order = new ArrayList<>(samples.keySet());
        if (round % 2 == 0) {
          java.util.Collections.reverse(order);
        }
        for (String name : order) {
          samples.get(name).add(name.equals("floor") ? floor("floor", round, settings.postings())
              : postings(Provider.valueOf(name), round, settings.postings()));
        }
      }
      List<Batch> batches = new ArrayList<>();
      samples.forEach((name, rounds) -> batches.add(batch(name, rounds)));
      if (settings.providers().contains(Provider.STOREDGE)) {
        batches.add(directStoredge(settings.postings()));
      }
      if (settings.providers().contains(Provider.ACQUAINT)) {
        batches.add(directAcquaint(settings.postings()));
      }
      long heap = workerHeapBytes();
      int status = report(batches, heap);
      if (!settings.inFlightLevels().isEmpty()) {
        status = Math.max(status, inFlightSweep());
      }
      return status;
    } finally {
      service.shutdown();
    }
  }

  /**
   * One round of the floor and of each provider at each level of postings in flight: how throughput grows with what is
   * in flight, and where it stops growing. Printed, and drawn beside the bench's PNG.
   */
  private int inFlightSweep() throws IOException, Exception {
    List<Integer> levels = settings.inFlightLevels();
    Map<String, double[]> perSecond = new LinkedHashMap<>();
    perSecond.put("floor", new double[levels.size()]);
    settings.providers().forEach(provider -> perSecond.put(provider.name(), new double[levels.size()]));
    int failed = 0;
    for (int level = 0; level < levels.size(); level++) {
      inFlight = levels.get(level);
      System.out.printf("in flight %d:%n", inFlight);
      for (String name : perSecond.keySet()) {
        int round = 1_000 + inFlight;
        Sample sample = name.equals("floor") ? floor("floor", round, settings.postings())
            : postings(Provider.valueOf(name), round, settings.postings());
        perSecond.get(name)[level] = sample.count() / sample.measured().seconds;
        failed += sample.measured().failed.get();
      }
    }
    inFlight = settings.concurrency();
    System.out.printf("%-16s", "postings/s");
    levels.forEach(level -> System.out.printf(" %8s", level + " in flight"));
    System.out.println();
    perSecond.forEach((name, values) -> {
      System.out.printf("%-16s", name);
      for (double value : values) {
        System.out.printf(Locale.ROOT, " %8.1f", value);
      }
      System.out.println();
    });
    Path png = settings.out().resolve("bench-" + run + "-in-flight.png");
    InFlightChart.write(levels, perSecond, png, String.format(Locale.ROOT,
        "postings/s against postings in flight (%d per batch, one round per level)", settings.postings()));
    System.out.println("wrote " + png);
    return failed == 0 ? 0 : 1;
  }

  /** JIT and connection warm-up of server, worker and sandbox; not measured. */
  private void warmUp() throws Exception {
    if (settings.warmup() <= 0) {
      return;
    }
    System.out.printf("warming up (%d floor workflows, %d postings per provider)...%n", settings.warmup(),
        settings.warmup() / 2);
    measure("warm-up floor", settings.warmup(), i -> startFloor("warm-" + i), false);
    for (Provider provider : settings.providers()) {
      List<String> storedgeLedgers = provider == Provider.STOREDGE ? newStoredgeLedgers(settings.warmup() / 2)
          : List.of();
      measure("warm-up " + provider, settings.warmup() / 2,
          i -> startPosting(request(provider, "warm-" + i, storedgeLedgers.isEmpty() ? null
              : storedgeLedgers.get(i))), false);
    }
  }

  /** One round of one batch: what was measured, and the history counts of a sample of its workflows. */
  record Sample(int count, Measured measured, HistoryCounts counts) {}

  private Sample floor(String name, int round, int count) throws Exception {
    Measured m = measure(name, count, i -> startFloor("floor-r" + round + "-" + i), true);
    List<String> sample = m.workflowIds.subList(0, Math.min(50, m.workflowIds.size()));
    return new Sample(count, m, historyCounts(sample));
  }

  private Sample postings(Provider provider, int round, int count) throws Exception {
    List<String> storedgeLedgers = provider == Provider.STOREDGE ? newStoredgeLedgers(count) : List.of();
    double callsBefore = workerProviderCalls(provider);
    Measured m = measure(provider.name(), count, i -> startPosting(request(provider, "p-r" + round + "-" + i,
        storedgeLedgers.isEmpty() ? null : storedgeLedgers.get(i))), true);
    double callsAfter = workerProviderCalls(provider);
    List<String> sample = m.workflowIds.subList(0, Math.min(50, m.workflowIds.size()));
    HistoryCounts counts = historyCounts(sample);
    // An activity may make more than one call (Acquaint's charge payment reads its transaction back in the same
    // activity): the worker's own count of HTTP calls is the measure; activity attempts only when it is not available.
    if (callsBefore >= 0 && callsAfter >= 0) {
      counts = new HistoryCounts((callsAfter - callsBefore) / count, counts.events());
    }
    return new Sample(count, m, counts);
  }

  /** The worker's count of HTTP calls to the provider's API ({@code postings_provider_calls}); -1 if unknown. */
  private double workerProviderCalls(Provider provider) {
    String tag = "provider=\"" + switch (provider) {
      case STOREDGE -> "storedge";
      case ACQUAINT -> "acquaint";
      default -> "propexo";
    } + "\"";
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(settings.worker().resolve(
          "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        return -1;
      }
      double sum = 0;
      for (String line : answer.body().split("\n")) {
        if (line.startsWith("postings_provider_calls_seconds_count{") && line.contains(tag)) {
          sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    } catch (IOException | InterruptedException | RuntimeException unavailable) {
      if (unavailable instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  /** All rounds of one batch as one: postings over seconds, percentiles over every latency, counts averaged. */
  private Batch batch(String name, List<Sample> rounds) {
    Measured all = new Measured();
    int count = 0;
    double calls = 0;
    double events = 0;
    boolean counted = true;
    for (Sample sample : rounds) {
      count += sample.count();
      all.seconds += sample.measured().seconds;
      all.latenciesNanos.addAll(sample.measured().latenciesNanos);
      all.failed.addAndGet(sample.measured().failed.get());
      counted &= sample.counts().calls() != null;
      calls += counted ? sample.counts().calls() : 0;
      events += counted ? sample.counts().events() : 0;
    }
    return batch(name, count, all, all.latenciesNanos, counted ? calls / rounds.size() : null,
        counted ? events / rounds.size() : null);
  }

  private Batch batch(String name, int count, Measured m, List<Long> latencies, Double calls, Double events) {
    List<Long> sorted = new ArrayList<>(latencies);
    sorted.sort(null);
    return new Batch(name, count, inFlight, m.seconds, count / m.seconds, percentile(sorted, 50),
        percentile(sorted, 95), percentile(sorted, 99), m.failed.get(), calls, events);
  }

  private static double percentile(List<Long> sortedNanos, int p) {
    if (sortedNanos.isEmpty()) {
      return Double.NaN;
    }
    int index = (int) Math.ceil(p / 100.0 * sortedNanos.size()) - 1;
    return sortedNanos.get(Math.max(0, Math.min(index, sortedNanos.size() - 1))) / 1e6;
  }

  /** One unit of work: its id and a future that completes with whether it ended as expected. */
  record Started(String workflowId, CompletableFuture<Boolean> done) {}

  static final class Measured {
    final List<Long> latenciesNanos = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> workflowIds = java.util.Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger failed = new AtomicInteger();
    double seconds;
  }

  /** Keeps {@code concurrency} units in flight until {@code count} are done; prints progress once a second. */
  private Measured measure(String name, int count, IntFunction<Started> start, boolean show) throws Exception {
    Measured m = new Measured();
    Semaphore inFlight = new Semaphore(this.inFlight);
    AtomicInteger done = new AtomicInteger();
    ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
    long began = System.nanoTime();
    Thread progress = new Thread(() -> {
      try {
        while (!Thread.currentThread().isInterrupted()) {
          Thread.sleep(1000);
          double elapsed = (System.nanoTime() - began) / 1e9;
          System.out.printf("  %-14s %5d/%d done, %6.1f/s%n", name, done.get(), count, done.get() / elapsed);
        }
      } catch (InterruptedException stop) {
        Thread.currentThread().interrupt();
      }
    }, "bench-progress");
    progress.setDaemon(true);
    if (show) {
      progress.start();
    }
    // Starts run on several threads: one thread waiting for each start's answer caps the rate at one start round trip
    // at a time, and then far fewer than `concurrency` units are ever in flight.
    ExecutorService starters = Executors.newFixedThreadPool(Math.min(this.inFlight, START_THREADS));
    try {
      for (int i = 0; i < count; i++) {
        inFlight.acquire();
        int index = i;
        starters.execute(() -> {
          long startedAt = System.nanoTime();
          Started started;
          try {
            started = start.apply(index);
          } catch (RuntimeException failedToStart) {
            errors.add(failedToStart);
            m.failed.incrementAndGet();
            done.incrementAndGet();
            inFlight.release();
            return;
          }
          m.workflowIds.add(started.workflowId());
          started.done().whenComplete((ok, error) -> {
            m.latenciesNanos.add(System.nanoTime() - startedAt);
            if (error != null || !Boolean.TRUE.equals(ok)) {
              m.failed.incrementAndGet();
              if (error != null) {
                errors.add(error);
              }
            }
            done.incrementAndGet();
            inFlight.release();
          });
        });
      }
      inFlight.acquire(this.inFlight);
    } finally {
      starters.shutdownNow();
    }
    m.seconds = (System.nanoTime() - began) / 1e9;
    progress.interrupt();
    if (show) {
      System.out.printf("  %-14s %5d done in %.1fs: %.1f/s, %d not as expected%n", name, count, m.seconds,
          count / m.seconds, m.failed.get());
    }
    if (!errors.isEmpty()) {
      System.out.println("  first error: " + errors.peek());
    }
    return m;
  }

  private Started startFloor(String id) {
    String workflowId = "bench-" + run + "-" + id;
    WorkflowStub stub = client.newUntypedWorkflowStub(FLOOR_TYPE, WorkflowOptions.newBuilder()
        .setWorkflowId(workflowId).setTaskQueue(FLOOR_QUEUE).build());
    stub.start(id);
    return new Started(workflowId, stub.getResultAsync(String.class).thenApply(id::equals));
  }

  /**
   * The production-shaped defaults, with the Propexo write's first look taken at once: the bench's sandbox settles a
   * job as soon as it is written (SANDBOX_PROPEXO_JOB_PENDING_FOR=0s), as the bench takes every provider latency away.
   */
  private static final PostingPolicy POLICY = PostingPolicy.defaults()
      .withPropexo(PostingPolicy.defaults().propexo().withFirstLookAfter(java.time.Duration.ZERO));

  /** The starter's rules: a posting is judged before it starts, so the workflow keeps the verdict (no side effect). */
  private static final dev.postings.model.PostingValidator RULES = new dev.postings.model.PostingValidator(
      POLICY.limits());

  /**
   * As the starter's PostingService starts a posting (same options, policy defaults, the request judged by the same
   * rules first), without the HTTP API.
   */
  private Started startPosting(PostingRequest request) {
    var refused = RULES.validate(request, Instant.now());
    if (!refused.isEmpty()) {
      throw new IllegalStateException("the bench built an invalid posting: " + refused);
    }
    PostingWorkflow workflow = client.newWorkflowStub(PostingWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(request.workflowId())
        .setTaskQueue("postings")
        .setTypedSearchAttributes(SearchAttributes.newBuilder()
            .set(PostingSearchAttributes.POSTING_STATE, PostingState.RECEIVED.name())
            .set(PostingSearchAttributes.POSTING_PROVIDER, request.provider().name())
            .build())
        .build());
    // as the starter's order says: judged, and its end left to the registry (the bench registers no row; the workflow's
    // registry update then finds none, at the same cost)
    WorkflowClient.start(workflow::post, PostingOrder.registeredAndJudged(request, POLICY, null));
    return new Started(request.workflowId(), WorkflowStub.fromTyped(workflow).getResultAsync(PostingStatus.class)
        .thenApply(status -> status.state() == PostingState.CONFIRMED));
  }

  private PostingRequest request(Provider provider, String id, String storedgeLedger) {
    String postingId = "bench-" + run + "-" + provider.name().toLowerCase(Locale.ROOT) + "-" + id;
    String reference = "B" + run + id.replaceAll("[^A-Za-z0-9]", "");
    Instant date = Instant.now().minus(Duration.ofDays(1));
    return switch (provider) {
      case PROPERTYWARE -> new PostingRequest(postingId, provider, new Money(12_500, "USD"), date, "CHECK", reference,
          "bench rent", new PropertywareTarget("intg_bench", "lease_bench", "res_bench", "fa_bench"))
          .withConnection("propexo-main");
      case ACQUAINT -> new PostingRequest(postingId, provider, new Money(1, "GBP"), date, "3", reference,
          "bench charge payment", new AcquaintChargeTarget(acquaintCharge, 1L, null, null))
          .withConnection("acquaint-dev");
      case STOREDGE -> new PostingRequest(postingId, provider, new Money(100, "USD"), date, null, reference,
          "bench rent", new StoredgeTarget(STOREDGE_FACILITY, storedgeLedger, StoredgePaymentKind.CUSTOM, null,
              new StoredgePaymentMethod.Stored(STOREDGE_METHOD))).withConnection("storedge-main");
      default -> throw new IllegalArgumentException("the bench does not run " + provider
          + " (its time is a person's approval and the provider's sync schedule, not the orchestration)");
    };
  }

  /** One storEDGE ledger per posting (a ledger's new payment is told apart from the ones listed before it). */
  /**
   * A charge of the run's own, outstanding for a penny per Acquaint posting the run can make (warm-up, rounds, the
   * in-flight levels, the direct baseline) and as much again: a seeded charge runs out, and the sandbox refuses a
   * payment beyond what is outstanding, as Acquaint does (a 10,000-posting run failed its direct baseline so).
   */
  private long openCharge() throws IOException, InterruptedException {
    long postings = (long) settings.postings() * (settings.rounds() + settings.inFlightLevels().size() + 1) + 1_000;
    String body = JSON.writeValueAsString(Map.of("tenancyId", ACQUAINT_TENANCY, "amount",
        java.math.BigDecimal.valueOf(2 * postings, 2), "description", "bench " + run));
    HttpResponse<String> answer = http.send(HttpRequest.newBuilder(settings.sandbox().resolve(
            "/sandbox/acquaint/charges")).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw new IllegalStateException("sandbox refused the bench's charge: " + answer.statusCode() + " " + answer.body());
    }
    return JSON.readTree(answer.body()).path("Id").asLong();
  }

  private List<String> newStoredgeLedgers(int count) throws IOException, InterruptedException {
    List<String> ids = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      String id = UUID.randomUUID().toString();
      String body = JSON.writeValueAsString(Map.of("id", id, "facilityId", STOREDGE_FACILITY, "monthlyRent", "10.00",
          "balance", "1000.00", "paymentMethodIds", List.of(STOREDGE_METHOD)));
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(settings.sandbox().resolve(
              "/sandbox/storedge/ledgers")).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
      if (answer.statusCode() != 200) {
        throw new IllegalStateException("sandbox refused a bench ledger: " + answer.statusCode() + " " + answer.body());
      }
      ids.add(id);
    }
    return ids;
  }

  /** Direct HTTP: storEDGE make_payment through the same adapter, no Temporal (its answer carries the ledger). */
  private Batch directStoredge(int count) throws Exception {
    List<String> ledgers = newStoredgeLedgers(count);
    StoredgeAdapter adapter = new StoredgeAdapter(new StoredgeSettings(new ProviderConnection(
        settings.sandbox().resolve("/storedge"), Duration.ofSeconds(5), Duration.ofSeconds(20),
        RequestPacing.Settings.UNPACED), "dev-storedge-key", "dev-storedge-secret"), null, new ObjectMapper());
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
    try {
      Measured m = measure("direct storEDGE", count, i -> {
        PostingRequest request = request(Provider.STOREDGE, "d-" + i, ledgers.get(i));
        StoredgeTarget target = (StoredgeTarget) request.target();
        return new Started(request.workflowId(), CompletableFuture.supplyAsync(() -> adapter.makePayment(
            new StoredgePayment(target.facilityId(), target.ledgerId(), request.workflowId(), target.paymentKind(),
                null, request.amount().minor(), target.paymentMethod(), List.of())).paymentId() != null, pool));
      }, true);
      return batch("direct storEDGE", count, m, m.latenciesNanos, 1.0, null);
    } finally {
      pool.shutdownNow();
    }
  }

  /** Direct HTTP: Acquaint charge payment and its read-back through the same adapter, no Temporal. */
  private Batch directAcquaint(int count) throws Exception {
    AcquaintAdapter adapter = new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(
        settings.sandbox().resolve("/acquaint"), Duration.ofSeconds(5), Duration.ofSeconds(15),
        RequestPacing.Settings.UNPACED), "dev-acquaint-key", "DEV", Duration.ofMinutes(2)),
        new ObjectMapper().registerModule(new JavaTimeModule()));
    ExecutorService pool = Executors.newFixedThreadPool(settings.concurrency());
    try {
      Measured m = measure("direct Acquaint", count, i -> {
        PostingRequest request = request(Provider.ACQUAINT, "d-" + i, null);
        return new Started(request.workflowId(), CompletableFuture.supplyAsync(() -> {
          var receipt = adapter.payCharge(new ChargePayment(acquaintCharge, request.transactionDate(), 3,
              request.amount().minor(), request.referenceNumber(), null, request.description(), 1, false));
          return adapter.readTransaction(new TransactionRef(receipt.transactionId())).found();
        }, pool));
      }, true);
      return batch("direct Acquaint", count, m, m.latenciesNanos, 2.0, null);
    } finally {
      pool.shutdownNow();
    }
  }

  record HistoryCounts(Double calls, Double events) {}

  /** Activity attempts (one HTTP call each) and history events per workflow, averaged over {@code workflowIds}. */
  private HistoryCounts historyCounts(List<String> workflowIds) {
    long calls = 0;
    long events = 0;
    for (String workflowId : workflowIds) {
      List<HistoryEvent> history = client.fetchHistory(workflowId).getHistory().getEventsList();
      events += history.size();
      for (HistoryEvent event : history) {
        if (event.getEventType() == EventType.EVENT_TYPE_ACTIVITY_TASK_STARTED) {
          calls += event.getActivityTaskStartedEventAttributes().getAttempt();
        }
      }
    }
    return workflowIds.isEmpty() ? new HistoryCounts(null, null)
        : new HistoryCounts((double) calls / workflowIds.size(), (double) events / workflowIds.size());
  }

  /** The worker's heap in use, from its Prometheus endpoint (jvm_memory_used_bytes, area heap). */
  private long workerHeapBytes() {
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(settings.worker().resolve(
          "/actuator/prometheus")).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
      long sum = 0;
      for (String line : answer.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    } catch (IOException | InterruptedException | RuntimeException unavailable) {
      if (unavailable instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  private int report(List<Batch> batches, long heapBytes) throws IOException {
    System.out.println();
    System.out.printf("%-16s %8s %8s %9s %9s %9s %7s %8s %8s%n", "batch", "postings", "per s", "p50 ms", "p95 ms",
        "p99 ms", "failed", "calls/p", "events/p");
    for (Batch b : batches) {
      System.out.printf("%-16s %8d %8.1f %9.1f %9.1f %9.1f %7d %8s %8s%n", b.name(), b.postings(), b.perSecond(),
          b.p50Ms(), b.p95Ms(), b.p99Ms(), b.failed(), format(b.callsPerPosting()), format(b.eventsPerPosting()));
    }
    System.out.printf("worker heap afterwards: %s%n", heapBytes < 0 ? "unknown" : (heapBytes / (1024 * 1024)) + " MiB");
    Batch floor = batches.get(0);
    double syncPostings = 0;
    double syncSeconds = 0;
    for (Batch b : batches) {
      if (b.name().equals(Provider.STOREDGE.name()) || b.name().equals(Provider.ACQUAINT.name())) {
        syncPostings += b.postings();
        syncSeconds += b.seconds();
      }
    }
    double sync = syncSeconds == 0 ? Double.NaN : syncPostings / syncSeconds;
    double ratio = sync / floor.perSecond();
    Files.createDirectories(settings.out());
    String stamp = "bench-" + run;
    Path json = settings.out().resolve(stamp + ".json");
    Path png = settings.out().resolve(stamp + ".png");
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("run", run);
    document.put("at", Instant.now());
    document.put("postingsPerBatch", settings.postings());
    document.put("concurrency", settings.concurrency());
    document.put("rounds", settings.rounds());
    document.put("cores", Runtime.getRuntime().availableProcessors());
    document.put("batches", batches);
    document.put("workerHeapBytes", heapBytes);
    document.put("syncPostingsPerSecond", sync);
    document.put("floorPerSecond", floor.perSecond());
    document.put("ratio", ratio);
    JSON.writeValue(json.toFile(), document);
    BenchChart.write(batches, png, String.format(Locale.ROOT,
        "postings/s and latency (%d per batch x %d rounds, %d in flight)", settings.postings(), settings.rounds(),
        settings.concurrency()));
    System.out.println("wrote " + json + " and " + png);
    int failed = batches.stream().mapToInt(Batch::failed).sum();
    if (failed > 0) {
      System.out.println(failed + " units did not end as expected (see above)");
    }
    System.out.printf(Locale.ROOT, "bench: sync postings/s = %.1f, floor = %.1f, ratio = %.2f%n", sync,
        floor.perSecond(), ratio);
    return failed == 0 ? 0 : 1;
  }

  private static String format(Double value) {
    return value == null ? "-" : String.format(Locale.ROOT, "%.1f", value);
  }
}
