package dev.postings.storedge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.postings.cardvault.CardSecrets;
import dev.postings.model.StoredgeBillingAddress;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePayment;
import dev.postings.workflow.storedge.StoredgePaymentResult;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The storEDGE adapter against the storEDGE sandbox, over real HTTP with OAuth 1.0 signatures. */
class StoredgeAdapterTest {

  private static final String KEY = "adapter-key";
  private static final String SECRET = "adapter-secret";
  private static final String FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";
  private static final String NO_PARTIAL_FACILITY = "3c9e1f20-7b4d-4a8e-9f61-2d5c8b0a4e17";
  private static final String CARD = "4111111111111111";
  private static final String ACCOUNT = "000123456789";
  private static final StoredgeBillingAddress ADDRESS =
      new StoredgeBillingAddress("123 Main", null, "Somecity", "AL", "12345", "US");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static ConfigurableApplicationContext sandbox;
  private static String sandboxUrl;
  private static URI storedgeUrl;

  private final InMemoryCardVault vault = new InMemoryCardVault();
  private final StoredgeAdapter adapter = adapterWith(storedgeUrl, SECRET, vault);

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.storedge.consumer-key=" + KEY,
        "--sandbox.storedge.consumer-secret=" + SECRET);
    sandboxUrl = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
    storedgeUrl = URI.create(sandboxUrl + "/storedge");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  private static StoredgeAdapter adapterWith(URI url, String secret, InMemoryCardVault vault) {
    return new StoredgeAdapter(new StoredgeSettings(new ProviderConnection(url, Duration.ofSeconds(2),
        Duration.ofSeconds(10), RequestPacing.Settings.UNPACED), KEY, secret), vault, JSON);
  }

  private static String newLedger(String facility, String balance, String rent) throws Exception {
    String id = "led-" + UUID.randomUUID();
    HttpResponse<String> created = HTTP.send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/sandbox/storedge/ledgers"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"id\":\"" + id + "\",\"facilityId\":\"" + facility
            + "\",\"balance\":" + balance + ",\"monthlyRent\":" + rent + ",\"paymentMethodIds\":[\"pm-1\"]}"))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(created.statusCode()).isEqualTo(200);
    return id;
  }

  private static JsonNode control(String ledger) throws Exception {
    return JSON.readTree(HTTP.send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/sandbox/storedge/ledgers/" + ledger))
        .build(), HttpResponse.BodyHandlers.ofString()).body());
  }

  private static void nextPaymentFails(String fault) throws Exception {
    HTTP.send(HttpRequest.newBuilder(URI.create(sandboxUrl + "/sandbox/storedge/faults?next=" + fault))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  private static StoredgePayment payment(String facility, String ledger, StoredgePaymentKind kind, Integer months,
      long cents, StoredgePaymentMethod method, List<String> known) {
    return new StoredgePayment(facility, ledger, "posting-" + ledger, kind, months, cents, method, known);
  }

  private StoredgePaymentMethod.NewCard sealedCard(String number) {
    String ref = vault.seal("ref-" + UUID.randomUUID(), new CardSecrets(number, "123", null));
    return new StoredgePaymentMethod.NewCard("John", "Doe", "visa", "10/49", number.substring(number.length() - 4),
        ref, ADDRESS);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an ApplicationFailure");
  }

  @Test
  void aStoredMethodPaymentIsFoundInTheAnswerAndReadsBack() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgeLedger before = adapter.readLedger(new StoredgeLedgerRef(FACILITY, ledger));
    assertThat(before.currentBalanceMinor()).isEqualTo(6_103);
    assertThat(before.currentRateMinor()).isEqualTo(1_200);

    StoredgePaymentResult result = adapter.makePayment(payment(FACILITY, ledger, StoredgePaymentKind.CUSTOM, null,
        500, new StoredgePaymentMethod.Stored("pm-1"), before.paymentIds()));

    JsonNode control = control(ledger);
    assertThat(result.paymentId()).isEqualTo(control.at("/payments/0/id").asText());
    assertThat(control.at("/payments/0/idempotency_key").asText()).isEqualTo("posting-" + ledger);
    assertThat(control.at("/payments/0/amount").decimalValue()).isEqualByComparingTo("5.00");
    StoredgeLedger after = adapter.readLedger(new StoredgeLedgerRef(FACILITY, ledger));
    assertThat(after.currentBalanceMinor()).isEqualTo(5_603);
    assertThat(after.recentPayments()).singleElement().satisfies(p -> {
      assertThat(p.id()).isEqualTo(result.paymentId());
      assertThat(p.amountMinor()).isEqualTo(-500);
    });
  }

  @Test
  void aNewCardIsRedeemedForTheCallAndDiscardedAfterIt() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgePaymentMethod.NewCard card = sealedCard(CARD);

    StoredgePaymentResult result = adapter.makePayment(payment(FACILITY, ledger, StoredgePaymentKind.CUSTOM, null,
        2_500, card, List.of()));

    assertThat(vault.redeemed).containsExactly(card.vaultRef());
    assertThat(vault.discarded).containsExactly(card.vaultRef());
    assertThat(vault.holds(card.vaultRef())).isFalse();
    assertThat(result.ledger().recentPayments().get(0).description()).isEqualTo("Visa ****1111");
    assertThat(control(ledger).at("/charges/0/amount").decimalValue()).isEqualByComparingTo("25.00");
  }

  @Test
  void aNewAchAccountIsSentWithItsConfirmation() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    String ref = vault.seal("ref-ach", new CardSecrets(null, null, ACCOUNT));

    StoredgePaymentResult result = adapter.makePayment(payment(FACILITY, ledger, StoredgePaymentKind.CUSTOM, null,
        725, new StoredgePaymentMethod.NewAch("John", "Doe", "checking", "First Bank", "011000015", "6789", ref,
            ADDRESS), List.of()));

    assertThat(result.ledger().recentPayments().get(0).description()).isEqualTo("ACH ****6789");
    assertThat(vault.discarded).containsExactly(ref);
  }

  @Test
  void checkAndCashCarryTheCollectedAmount() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");

    StoredgePaymentResult check = adapter.makePayment(new StoredgePayment(FACILITY, ledger, "k-check-" + ledger,
        StoredgePaymentKind.CUSTOM, null, 2_000,
        new StoredgePaymentMethod.Check("John", "Doe", "1001", "John Doe", ADDRESS), List.of()));
    StoredgePaymentResult cash = adapter.makePayment(new StoredgePayment(FACILITY, ledger, "k-cash-" + ledger,
        StoredgePaymentKind.CUSTOM, null, 1_000, new StoredgePaymentMethod.Cash("John", "Doe", ADDRESS),
        check.ledger().paymentIds()));

    assertThat(check.ledger().recentPayments().get(0).description()).isEqualTo("Check #1001");
    assertThat(cash.paymentId()).isNotEqualTo(check.paymentId());
    assertThat(cash.ledger().currentBalanceMinor()).isEqualTo(3_103);
  }

  @Test
  void sendingTheSamePaymentAgainReturnsTheSamePaymentAndChargesOnce() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgePayment payment = payment(FACILITY, ledger, StoredgePaymentKind.CUSTOM, null, 500,
        new StoredgePaymentMethod.Stored("pm-1"), List.of());

    StoredgePaymentResult first = adapter.makePayment(payment);
    StoredgePaymentResult again = adapter.makePayment(payment);

    assertThat(again.paymentId()).isEqualTo(first.paymentId());
    assertThat(control(ledger).path("payments")).hasSize(1);
    assertThat(again.ledger().currentBalanceMinor()).isEqualTo(5_603);
  }

  @Test
  void aChargeWhoseAnswerIsLostIsUnclearAndTheResendFindsItWithoutASecondCharge() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgePayment payment = payment(FACILITY, ledger, StoredgePaymentKind.CUSTOM, null, 500,
        new StoredgePaymentMethod.Stored("pm-1"), List.of());
    nextPaymentFails("ERROR_AFTER_CHARGE");

    ApplicationFailure unclear = failureOf(() -> adapter.makePayment(payment));
    assertThat(unclear.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
    assertThat(unclear.isNonRetryable()).isFalse();

    StoredgePaymentResult resent = adapter.makePayment(payment);
    JsonNode control = control(ledger);
    assertThat(control.path("payments")).hasSize(1);
    assertThat(resent.paymentId()).isEqualTo(control.at("/payments/0/id").asText());
  }

  @Test
  void expiredCardDataIsRejectedBeforeAnythingIsSent() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgePaymentMethod.NewCard card = new StoredgePaymentMethod.NewCard("John", "Doe", "visa", "10/49", "1111",
        "ref-never-sealed", ADDRESS);

    ApplicationFailure failure = failureOf(() -> adapter.makePayment(payment(FACILITY, ledger,
        StoredgePaymentKind.CUSTOM, null, 500, card, List.of())));

    assertThat(failure.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(failure.getOriginalMessage()).isEqualTo("card data expired before it was sent; nothing charged");
    assertThat(control(ledger).path("payments")).isEmpty();
  }

  @Test
  void aDeclinedCardIsRejectedWithoutItsNumberAndItsDataIsDiscarded() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgePaymentMethod.NewCard card = sealedCard("4000000000000002");

    ApplicationFailure failure = failureOf(() -> adapter.makePayment(payment(FACILITY, ledger,
        StoredgePaymentKind.CUSTOM, null, 500, card, List.of())));

    assertThat(failure.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("PaymentDeclined").doesNotContain("4000000000000002");
    assertThat(vault.discarded).containsExactly(card.vaultRef());
  }

  @Test
  void aFacilityThatForbidsPartialPaymentsIsARejectionNotACredentialsProblem() throws Exception {
    String ledger = newLedger(NO_PARTIAL_FACILITY, "95.00", "95.00");

    ApplicationFailure failure = failureOf(() -> adapter.makePayment(payment(NO_PARTIAL_FACILITY, ledger,
        StoredgePaymentKind.CUSTOM, null, 500, new StoredgePaymentMethod.Stored("pm-1"), List.of())));

    assertThat(failure.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("AccessDenied");
  }

  @Test
  void balanceAndPrepayAreSentOnlyWhenStoredgeWouldChargeTheCollectedAmount() throws Exception {
    String ledger = newLedger(FACILITY, "10.00", "12.00");
    StoredgePaymentMethod stored = new StoredgePaymentMethod.Stored("pm-1");

    ApplicationFailure wrongBalance = failureOf(() -> adapter.makePayment(payment(FACILITY, ledger,
        StoredgePaymentKind.BALANCE, null, 999, stored, List.of())));
    assertThat(wrongBalance.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(wrongBalance.getOriginalMessage()).contains("would charge 1000 cents").contains("nothing sent");
    ApplicationFailure wrongPrepay = failureOf(() -> adapter.makePayment(new StoredgePayment(FACILITY, ledger,
        "k-prepay-" + ledger, StoredgePaymentKind.PREPAY, 2, 2_400, stored, List.of())));
    assertThat(wrongPrepay.getOriginalMessage()).contains("would charge 3400 cents");
    assertThat(control(ledger).path("payments")).isEmpty();

    StoredgePaymentResult prepay = adapter.makePayment(new StoredgePayment(FACILITY, ledger, "k-prepay-" + ledger,
        StoredgePaymentKind.PREPAY, 2, 3_400, stored, List.of()));
    assertThat(prepay.ledger().recentPayments().get(0).amountMinor()).isEqualTo(-3_400);
    assertThat(prepay.ledger().paidThrough()).isEqualTo("2024-03-09");

    String owing = newLedger(FACILITY, "42.50", "12.00");
    StoredgePaymentResult balance = adapter.makePayment(payment(FACILITY, owing, StoredgePaymentKind.BALANCE, null,
        4_250, stored, List.of()));
    assertThat(balance.ledger().currentBalanceMinor()).isZero();
  }

  @Test
  void aWrongSecretIsACredentialsProblemForReadsAndWrites() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    StoredgeAdapter wrong = adapterWith(storedgeUrl, "not-the-secret", vault);

    ApplicationFailure read = failureOf(() -> wrong.readLedger(new StoredgeLedgerRef(FACILITY, ledger)));
    ApplicationFailure write = failureOf(() -> wrong.makePayment(payment(FACILITY, ledger, StoredgePaymentKind.CUSTOM,
        null, 500, new StoredgePaymentMethod.Stored("pm-1"), List.of())));

    assertThat(read.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(write.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(write.getOriginalMessage()).contains("401");
    assertThat(control(ledger).path("payments")).isEmpty();
  }

  @Test
  void anUnknownLedgerIsRejected() {
    ApplicationFailure failure = failureOf(() -> adapter.readLedger(new StoredgeLedgerRef(FACILITY, "no-such")));
    assertThat(failure.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(failure.getOriginalMessage()).contains("404").contains("NotFound");
  }

  @Test
  void aRequestThatCannotConnectIsNotSentAndKeepsTheCardDataForTheNextAttempt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    StoredgeAdapter unreachable = adapterWith(URI.create("http://127.0.0.1:" + closedPort + "/storedge"), SECRET,
        vault);
    StoredgePaymentMethod.NewCard card = sealedCard(CARD);

    ApplicationFailure failure = failureOf(() -> unreachable.makePayment(payment(FACILITY, "led-x",
        StoredgePaymentKind.CUSTOM, null, 500, card, List.of())));

    assertThat(failure.getType()).isEqualTo(FailureKind.NOT_SENT.name());
    assertThat(vault.holds(card.vaultRef())).isTrue();
    assertThat(vault.discarded).isEmpty();
    assertThat(failure.getOriginalMessage()).doesNotContain(CARD);
  }

  @Test
  void aPaymentOurPacingHasNoSlotForIsRefusedBeforeItIsSentAndKeepsTheCardDataForTheNextAttempt() throws Exception {
    String ledger = newLedger(FACILITY, "61.03", "12.00");
    // one request a minute, no waiting: the ledger read takes the minute's slot
    StoredgeAdapter paced = new StoredgeAdapter(new StoredgeSettings(new ProviderConnection(storedgeUrl,
        Duration.ofSeconds(2), Duration.ofSeconds(10), new RequestPacing.Settings(1, Duration.ZERO)), KEY, SECRET),
        vault, JSON);
    StoredgeLedger before = paced.readLedger(new StoredgeLedgerRef(FACILITY, ledger));
    StoredgePaymentMethod.NewCard card = sealedCard(CARD);

    ApplicationFailure failure = failureOf(() -> paced.makePayment(payment(FACILITY, ledger,
        StoredgePaymentKind.CUSTOM, null, 500, card, before.paymentIds())));

    assertThat(failure.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
    assertThat(failure.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    assertThat(failure.getNextRetryDelay()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    assertThat(vault.holds(card.vaultRef())).isTrue();
    assertThat(vault.discarded).isEmpty();
    assertThat(control(ledger).path("payments")).isEmpty();
  }

  @Test
  void everyAttemptIsSignedAndCarriesTheSameIdempotencyKeyAndNoCardNumberReachesTheFailure() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    List<String> authorizations = new CopyOnWriteArrayList<>();
    HttpServer failing = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failing.createContext("/", exchange -> {
      bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
      // a gateway that echoes what it got: the adapter must not pass the card number on
      byte[] answer = ("{\"meta\":{\"status_code\":502,\"status_message\":\"Bad Gateway\",\"error_code\":\"Upstream\","
          + "\"error_message\":\"processor said no to card " + CARD + "\"}}").getBytes(StandardCharsets.UTF_8);
      exchange.sendResponseHeaders(502, answer.length);
      exchange.getResponseBody().write(answer);
      exchange.close();
    });
    failing.start();
    try {
      StoredgeAdapter toFailing = adapterWith(URI.create("http://127.0.0.1:" + failing.getAddress().getPort()),
          SECRET, vault);
      StoredgePaymentMethod.NewCard card = sealedCard(CARD);
      vault.seal("ref-2", new CardSecrets(CARD, "123", null));
      StoredgePayment first = payment(FACILITY, "led-1", StoredgePaymentKind.CUSTOM, null, 500, card, List.of());
      StoredgePayment second = payment(FACILITY, "led-1", StoredgePaymentKind.CUSTOM, null, 500,
          new StoredgePaymentMethod.NewCard("John", "Doe", "visa", "10/49", "1111", "ref-2", ADDRESS), List.of());

      ApplicationFailure one = failureOf(() -> toFailing.makePayment(first));
      ApplicationFailure two = failureOf(() -> toFailing.makePayment(second));

      assertThat(one.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
      assertThat(one.getOriginalMessage()).contains("502").doesNotContain(CARD);
      assertThat(two.getOriginalMessage()).doesNotContain(CARD);
      assertThat(bodies).hasSize(2).allSatisfy(body -> assertThat(JSON.readTree(body)
          .at("/payment/idempotency_key").asText()).isEqualTo("posting-led-1"));
      assertThat(authorizations).hasSize(2).allSatisfy(header -> assertThat(header)
          .startsWith("OAuth ").contains("oauth_consumer_key=\"" + KEY + "\"")
          .contains("oauth_signature_method=\"HMAC-SHA1\"").contains("oauth_signature=").doesNotContain("oauth_token"));
      assertThat(authorizations.get(0)).isNotEqualTo(authorizations.get(1));
      assertThat(vault.discarded).containsExactly(card.vaultRef(), "ref-2");
    } finally {
      failing.stop(0);
    }
  }
}
