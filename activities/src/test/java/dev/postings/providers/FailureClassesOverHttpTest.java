package dev.postings.providers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.acquaint.AcquaintSettings;
import dev.postings.cardvault.CardSecrets;
import dev.postings.cardvault.CardVault;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.propexo.PropexoSettings;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.faults.FaultKind;
import dev.postings.storedge.StoredgeAdapter;
import dev.postings.storedge.StoredgeSettings;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.acquaint.ChargeTransactionSearch;
import dev.postings.workflow.propexo.PropertywarePayment;
import dev.postings.workflow.propexo.ResidentPaymentSearch;
import dev.postings.workflow.propexo.ResmanPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePayment;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The failure table (docs/failures.md#the-failure-table), class by class, for every provider adapter, against the
 * sandbox over HTTP: the sandbox's fault injector produces each answer (a 429, a 5xx before or after the write applied,
 * an answer held past the client's timeout, a connection closed without answer), and the sandbox's ledger shows whether
 * the write landed.
 */
class FailureClassesOverHttpTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  /** The adapters' read timeout here; the sandbox holds an answer just longer, as it should in every test. */
  private static final Duration READ_TIMEOUT = Duration.ofMillis(1000);
  private static final Duration HOLD = READ_TIMEOUT.plusMillis(500);
  private static final String PROPEXO_TOKEN = "failure-classes-token";
  private static final String ACQUAINT_SITE = "FC";
  private static final String ACQUAINT_KEY = "failure-classes-key";
  private static final String STOREDGE_KEY = "failure-classes-consumer";
  private static final String STOREDGE_SECRET = "failure-classes-secret";
  private static final String FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String SEED_LEDGER = "795bcfcd-20d7-4168-93be-10e83e76678e";
  private static final Instant PAID = Instant.parse("2026-03-13T12:39:00Z");
  /** Stored payment methods only: no card data is redeemed in these tests. */
  private static final CardVault NO_CARDS = new CardVault() {
    @Override
    public CardSecrets redeem(String reference) {
      throw new AssertionError("no card data in these tests");
    }

    @Override
    public void discard(String reference) {}
  };

  private static ConfigurableApplicationContext sandbox;
  private static String base;

  /** One provider write and its read, as the posting workflow's activities call them. */
  enum Api {
    PROPERTYWARE("propertyware", "propertyware-writes", "propexo-reads"),
    RESMAN("resman", "resman-writes", "propexo-reads"),
    ACQUAINT("acquaint", "acquaint-writes", "acquaint-reads"),
    STOREDGE("storedge", "storedge-writes", "storedge-reads");

    final String ledger;
    final String writeScope;
    final String readScope;

    Api(String ledger, String writeScope, String readScope) {
      this.ledger = ledger;
      this.writeScope = writeScope;
      this.readScope = readScope;
    }

    /** storEDGE's writes carry an idempotency key, so an unclear one may be retried; the others' may not. */
    boolean unclearWriteRetryable() {
      return this == STOREDGE;
    }
  }

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=" + PROPEXO_TOKEN,
        "--sandbox.propexo.job-pending-for=0s",
        "--sandbox.propexo.rate-limit.requests-per-minute=100000",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s",
        "--sandbox.acquaint.credentials=" + ACQUAINT_SITE + ":" + ACQUAINT_KEY,
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000",
        "--sandbox.storedge.consumer-key=" + STOREDGE_KEY,
        "--sandbox.storedge.consumer-secret=" + STOREDGE_SECRET,
        "--sandbox.faults.hold=" + HOLD.toMillis() + "ms");
    base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  @BeforeEach
  void noFaults() throws Exception {
    sandboxCall("DELETE", "/sandbox/faults", null);
  }

  // --- the failure classes ---------------------------------------------------------------------------------------

  @ParameterizedTest
  @EnumSource(Api.class)
  void aRefusalIsRejectedAndNeverRetried(Api api) throws Exception {
    ApplicationFailure failure = failureOf(refusedWrite(api));

    assertThat(failure.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void refusedCredentialsAreOursAndRetriedNothingLanded(Api api) throws Exception {
    String key = key();
    ApplicationFailure failure = failureOf(write(api, key, false, base));

    assertThat(failure.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(applied(api, key)).isZero();
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aRateLimitCarriesRetryAfterIsBenignAndNothingLanded(Api api) throws Exception {
    arm(api.writeScope, FaultKind.RATE_LIMITED, "PT7S");
    String key = key();

    ApplicationFailure failure = failureOf(write(api, key, true, base));

    assertThat(failure.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
    assertThat(failure.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(7));
    assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    assertThat(failure.isNonRetryable()).isFalse();
    assertThat(applied(api, key)).isZero();

    arm(api.readScope, FaultKind.RATE_LIMITED, "PT3S");
    ApplicationFailure read = failureOf(read(api));
    assertThat(read.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
    assertThat(read.getNextRetryDelay()).isEqualTo(Duration.ofSeconds(3));
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void a5xxOnAWriteIsAnUnknownOutcomeEvenWhenNothingLanded(Api api) throws Exception {
    arm(api.writeScope, FaultKind.ERROR_BEFORE_APPLY, null);
    String key = key();

    ApplicationFailure failure = failureOf(write(api, key, true, base));

    // The client cannot tell a 5xx before the write from one after it: only a look-up can.
    assertThat(failure.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
    assertThat(applied(api, key)).isZero();
  }

  static Stream<Arguments> lostAnswers() {
    return Stream.of(Api.values()).flatMap(api -> Stream.of(FaultKind.ERROR_AFTER_APPLY, FaultKind.HOLD_PAST_TIMEOUT,
        FaultKind.CONNECTION_RESET).map(kind -> Arguments.of(api, kind)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("lostAnswers")
  void aWriteThatLandedButWhoseAnswerWasLostIsAnUnknownOutcome(Api api, FaultKind fault) throws Exception {
    arm(api.writeScope, fault, null);
    String key = key();

    long started = System.nanoTime();
    ApplicationFailure failure = failureOf(write(api, key, true, base));
    Duration took = Duration.ofNanos(System.nanoTime() - started);

    assertThat(failure.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
    assertThat(failure.isNonRetryable()).isEqualTo(!api.unclearWriteRetryable());
    assertThat(applied(api, key)).as("the write landed").isEqualTo(1);
    if (fault == FaultKind.HOLD_PAST_TIMEOUT) {
      assertThat(took).isGreaterThanOrEqualTo(READ_TIMEOUT).isLessThan(HOLD);
    }
    if (fault == FaultKind.CONNECTION_RESET) {
      assertThat(took).isLessThan(READ_TIMEOUT);
    }
  }

  static Stream<Arguments> failedReads() {
    return Stream.of(Api.PROPERTYWARE, Api.ACQUAINT, Api.STOREDGE).flatMap(api -> Stream.of(
        FaultKind.ERROR_BEFORE_APPLY, FaultKind.HOLD_PAST_TIMEOUT).map(kind -> Arguments.of(api, kind)));
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("failedReads")
  void aReadWithoutAnAnswerIsUnavailableAndRetried(Api api, FaultKind fault) throws Exception {
    arm(api.readScope, fault, null);

    ApplicationFailure failure = failureOf(read(api));

    assertThat(failure.getType()).isEqualTo(FailureKind.PROVIDER_UNAVAILABLE.name());
    assertThat(failure.isNonRetryable()).isFalse();
  }

  @ParameterizedTest
  @EnumSource(Api.class)
  void aRefusedConnectionIsNotSent(Api api) throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ApplicationFailure failure = failureOf(write(api, key(), true, "http://127.0.0.1:" + closedPort));

    assertThat(failure.getType()).isEqualTo(FailureKind.NOT_SENT.name());
    assertThat(failure.isNonRetryable()).isFalse();
  }

  // --- the providers -----------------------------------------------------------------------------------------------

  private static PropexoAdapter propexo(String url, boolean goodCredentials) {
    return new PropexoAdapter(new PropexoSettings(connection(url), goodCredentials ? PROPEXO_TOKEN : "not-our-token",
        100, 5), JSON);
  }

  private static AcquaintAdapter acquaint(String url, boolean goodCredentials) {
    return new AcquaintAdapter(new AcquaintSettings(connection(url + "/acquaint"),
        goodCredentials ? ACQUAINT_KEY : "not-our-key", ACQUAINT_SITE, Duration.ofMinutes(5)), JSON, Clock.systemUTC());
  }

  private static StoredgeAdapter storedge(String url, boolean goodCredentials) {
    return new StoredgeAdapter(new StoredgeSettings(connection(url + "/storedge"), STOREDGE_KEY,
        goodCredentials ? STOREDGE_SECRET : "not-our-secret"), NO_CARDS, JSON);
  }

  private static ProviderConnection connection(String url) {
    return new ProviderConnection(URI.create(url), Duration.ofSeconds(1), READ_TIMEOUT, RequestPacing.Settings.UNPACED);
  }

  /** A write of 50.00 whose posting key (reference, batch id or idempotency key) is {@code key}. */
  private static Runnable write(Api api, String key, boolean goodCredentials, String url) throws Exception {
    switch (api) {
      case PROPERTYWARE -> {
        PropexoAdapter adapter = propexo(url, goodCredentials);
        return () -> adapter.submitPropertywarePayment(new PropertywarePayment("intg_fc", "lease_fc", "res_fc",
            "fa_fc", 5000, PAID, "CHECK", key, null));
      }
      case RESMAN -> {
        PropexoAdapter adapter = propexo(url, goodCredentials);
        return () -> adapter.submitResmanPayment(new ResmanPayment("intg_fc", "res_fc", "Check", key, PAID,
            "March rent", "posted by payments", 5000, "RM-" + key));
      }
      case ACQUAINT -> {
        long charge = newAcquaintCharge();
        AcquaintAdapter adapter = acquaint(url, goodCredentials);
        return () -> adapter.payCharge(new ChargePayment(charge, PAID, 3, 5000, key, 401L, null, 8, false));
      }
      default -> {
        String ledger = newStoredgeLedger();
        StoredgeAdapter adapter = storedge(url, goodCredentials);
        return () -> adapter.makePayment(new StoredgePayment(FACILITY, ledger, key, StoredgePaymentKind.CUSTOM, null,
            5000, new StoredgePaymentMethod.Stored("pm-1"), List.of()));
      }
    }
  }

  /** A write the provider refuses: an unknown payment type, an unknown charge, more than the balance. */
  private static Runnable refusedWrite(Api api) throws Exception {
    switch (api) {
      case PROPERTYWARE -> {
        return () -> propexo(base, true).submitPropertywarePayment(new PropertywarePayment("intg_fc", "lease_fc",
            "res_fc", "fa_fc", 5000, PAID, "Credit Card", key(), null));
      }
      case RESMAN -> {
        return () -> propexo(base, true).submitResmanPayment(new ResmanPayment("intg_fc", "res_fc", "Bitcoin", key(),
            PAID, "March rent", "posted by payments", 5000, "RM-x"));
      }
      case ACQUAINT -> {
        return () -> acquaint(base, true).payCharge(new ChargePayment(987_654, PAID, 3, 5000, key(), 401L, null, 8,
            false));
      }
      default -> {
        String ledger = newStoredgeLedger();
        return () -> storedge(base, true).makePayment(new StoredgePayment(FACILITY, ledger, key(),
            StoredgePaymentKind.CUSTOM, null, 1_000_000, new StoredgePaymentMethod.Stored("pm-1"), List.of()));
      }
    }
  }

  private static Runnable read(Api api) {
    switch (api) {
      case PROPERTYWARE, RESMAN -> {
        return () -> propexo(base, true).findResidentPayments(new ResidentPaymentSearch("intg_fc", "res_fc", null,
            PAID.minus(Duration.ofDays(1)), PAID.plus(Duration.ofDays(1))));
      }
      case ACQUAINT -> {
        return () -> acquaint(base, true).findChargeTransactions(new ChargeTransactionSearch(7001));
      }
      default -> {
        return () -> storedge(base, true).readLedger(new StoredgeLedgerRef(FACILITY, SEED_LEDGER));
      }
    }
  }

  /** Entries on the provider's ledger (sandbox view) that the posting with {@code key} made. */
  private static long applied(Api api, String key) throws Exception {
    JsonNode ledger = sandboxCall("GET", "/sandbox/ledger/" + api.ledger, null);
    long n = 0;
    for (JsonNode entry : ledger.path("entries")) {
      if (key.equals(entry.path("postingKey").asText()) && entry.path("countsAsPayment").asBoolean()) {
        n++;
      }
    }
    return n + ledger.path("pendingJobs").asLong();
  }

  private static long newAcquaintCharge() throws Exception {
    return sandboxCall("POST", "/sandbox/acquaint/charges", "{\"tenancyId\":301,\"amount\":\"50.00\"}")
        .path("Id").asLong();
  }

  private static String newStoredgeLedger() throws Exception {
    String id = "led-" + UUID.randomUUID();
    sandboxCall("POST", "/sandbox/storedge/ledgers", "{\"id\":\"" + id + "\",\"facilityId\":\"" + FACILITY
        + "\",\"balance\":100.00,\"monthlyRent\":50.00,\"paymentMethodIds\":[\"pm-1\"]}");
    return id;
  }

  private static void arm(String scope, FaultKind kind, String duration) throws Exception {
    sandboxCall("POST", "/sandbox/faults/next", "{\"scope\":\"" + scope + "\",\"kind\":\"" + kind + "\""
        + (duration == null ? "" : ",\"duration\":\"" + duration + "\"") + "}");
  }

  private static JsonNode sandboxCall(String method, String path, String body) throws Exception {
    HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Content-Type", "application/json").build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private static String key() {
    return "fc-" + UUID.randomUUID().toString().substring(0, 12);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an ApplicationFailure");
  }
}
