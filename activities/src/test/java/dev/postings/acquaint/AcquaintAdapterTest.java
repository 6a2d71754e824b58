package dev.postings.acquaint;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import dev.postings.sandbox.acquaint.AcquaintLedger;
import dev.postings.sandbox.acquaint.AcquaintTokens;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.acquaint.AcquaintTransaction;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.acquaint.ChargePaymentReadBack;
import dev.postings.workflow.acquaint.ChargePaymentReceipt;
import dev.postings.workflow.acquaint.ChargeTransactionSearch;
import dev.postings.workflow.acquaint.RentItemLookup;
import dev.postings.workflow.acquaint.RentItemRef;
import dev.postings.workflow.acquaint.RentPayment;
import dev.postings.workflow.acquaint.TransactionLookup;
import dev.postings.workflow.acquaint.TransactionRef;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** The Acquaint adapter against the Acquaint sandbox, over real HTTP, sharing the sandbox's clock. */
class AcquaintAdapterTest {

  private static final String KEY = "test-acquaint-key";
  private static final String SITE = "TEST";
  private static final Duration MARGIN = Duration.ofMinutes(2);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant RECEIVED = Instant.parse("2026-03-13T12:39:00Z");

  private static ConfigurableApplicationContext sandbox;
  private static SandboxClock clock;
  private static AcquaintLedger ledger;
  private static AcquaintTokens tokens;
  private static URI baseUrl;

  @BeforeAll
  static void startSandbox() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.acquaint.credentials=" + SITE + ":" + KEY,
        "--sandbox.acquaint.rate-limit.requests-per-minute=100000");
    clock = sandbox.getBean(SandboxClock.class);
    ledger = sandbox.getBean(AcquaintLedger.class);
    tokens = sandbox.getBean(AcquaintTokens.class);
    baseUrl = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port") + "/acquaint");
  }

  @AfterAll
  static void stopSandbox() {
    sandbox.close();
  }

  static AcquaintAdapter adapter(URI url, String key) {
    return new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(url, Duration.ofSeconds(2),
        Duration.ofSeconds(10), RequestPacing.Settings.UNPACED), key, SITE, MARGIN), JSON, clock);
  }

  private static AcquaintAdapter adapter() {
    return adapter(baseUrl, KEY);
  }

  private static ApplicationFailure failureOf(Runnable call) {
    try {
      call.run();
    } catch (ApplicationFailure failure) {
      return failure;
    }
    throw new AssertionError("expected an ApplicationFailure");
  }

  private static RentPayment rent(long item, long minor, String reference) {
    return new RentPayment(item, 1, 3, false, RECEIVED, minor, 4L, reference, 401L);
  }

  private static ChargePayment charge(long chargeId, long minor, String reference) {
    return new ChargePayment(chargeId, RECEIVED, 3, minor, reference, 401L, "Keys", 8, false);
  }

  @Test
  void aTenantPaymentOf1999PenceIsReceivedAsExactly19Pounds99() {
    AcquaintAdapter adapter = adapter();
    long item = ledger.addRentItem(701, 401L, new BigDecimal("50.00"), "2026-03-01T00:00");
    RentItemLookup before = adapter.readRentItem(new RentItemRef(701, item));
    assertThat(before.item().receivedMinor()).isZero();
    assertThat(before.item().dueMinor()).isEqualTo(5_000);

    assertThat(adapter.payRentItem(rent(item, 1_999, "BACS-1999")).rentItemId()).isEqualTo(item);

    RentItemLookup after = adapter.readRentItem(new RentItemRef(701, item));
    assertThat(after.item().receivedMinor()).isEqualTo(1_999);
    assertThat(after.item().referenceChequeNo()).isEqualTo("BACS-1999");
    assertThat(after.item().receivedDate()).startsWith("2026-03-13T12:39");
    assertThat(adapter.readRentItem(new RentItemRef(701, 999_999)).found()).isFalse();
  }

  @Test
  void bodiesAreTheSeedsFieldForFieldWithExactPoundsAndLocalDates() throws Exception {
    ObjectMapper wire = AcquaintJson.exact(JSON);
    String rentText = wire.writeValueAsString(AcquaintAdapter.tenantPaymentBody(rent(5001, 1_999, "R")));
    assertThat(rentText).contains("\"receivedAmount\":19.99,");
    JsonNode rent = wire.readTree(rentText);
    assertThat(rent.fieldNames()).toIterable().containsExactly("bankAccountId", "receivedDate", "paymentMethodId",
        "payAdvancedRentToLandlord", "payments");
    assertThat(rent.at("/payments/0").fieldNames()).toIterable().containsExactly("id", "receivedDate",
        "receivedAmount", "landlordId", "referenceChequeNo", "receivedFromContactId");
    assertThat(rent.at("/payments/0/receivedAmount").decimalValue()).isEqualByComparingTo("19.99");
    assertThat(rent.path("receivedDate").asText()).isEqualTo("2026-03-13T12:39");

    String chargeText = wire.writeValueAsString(AcquaintAdapter.chargePaymentBody(charge(7001, 100_000_000L, "R")));
    assertThat(chargeText).contains("\"amountReceived\":1000000.00,");
    JsonNode charge = wire.readTree(chargeText);
    assertThat(charge.fieldNames()).toIterable().containsExactly("chargeId", "dateReceived", "paymentMethodId",
        "amountReceived", "paymentReference", "receivedFromContactId", "landlordStatementNotes", "bankAccount",
        "payAdvanceRentToLandlordNow");
    assertThat(charge.path("amountReceived").decimalValue()).isEqualByComparingTo("1000000.00");
    assertThat(AcquaintJson.pounds(1).toPlainString()).isEqualTo("0.01");
    assertThat(AcquaintJson.localDateTime(Instant.parse("2026-07-01T23:05:42.9Z"))).isEqualTo("2026-07-01T23:05:42");
  }

  @Test
  void aChargePaidAboveItsBalanceReadsBackAsATransactionAndAnOverpayment() {
    AcquaintAdapter adapter = adapter();
    long chargeId = ledger.addCharge(702, new BigDecimal("10.00"), "Keys");

    ChargePaymentReceipt receipt = adapter.payCharge(charge(chargeId, 1_255, "CHG-1"));

    assertThat(receipt.overpaymentTransactionId()).isNotNull();
    TransactionLookup paid = adapter.readTransaction(new TransactionRef(receipt.transactionId()));
    assertThat(paid.transaction().creditMinor()).isEqualTo(1_000);
    assertThat(paid.transaction().chargeId()).isEqualTo(chargeId);
    assertThat(paid.transaction().reference()).isEqualTo("CHG-1");
    assertThat(paid.transaction().paymentMethodId()).isEqualTo(3);
    assertThat(paid.transaction().bankAccountId()).isEqualTo(8);
    assertThat(paid.transaction().createdAt()).isNotNull();
    TransactionLookup over = adapter.readTransaction(new TransactionRef(receipt.overpaymentTransactionId()));
    assertThat(over.transaction().creditMinor()).isEqualTo(255);
    assertThat(over.transaction().type()).isEqualTo(AcquaintTransaction.OVERPAYMENT);
    assertThat(adapter.findChargeTransactions(new ChargeTransactionSearch(chargeId)))
        .extracting(AcquaintTransaction::id)
        .containsExactly(receipt.transactionId(), receipt.overpaymentTransactionId());
    assertThat(adapter.readTransaction(new TransactionRef(987_654)).found()).isFalse();
  }

  @Test
  void aChargePaymentIsReadBackInTheSameActivityAndAFailedReadDoesNotFailTheWrite() {
    long chargeId = ledger.addCharge(705, new BigDecimal("50.00"), "Cleaning");

    ChargePaymentReadBack both = adapter().payChargeAndReadBack(charge(chargeId, 2_000, "CHG-RB"));

    assertThat(both.readFailure()).isNull();
    assertThat(both.transaction().transactionId()).isEqualTo(both.receipt().transactionId());
    assertThat(both.transaction().transaction().creditMinor()).isEqualTo(2_000);
    assertThat(both.transaction().transaction().reference()).isEqualTo("CHG-RB");

    AcquaintAdapter readsFail = new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(baseUrl,
        Duration.ofSeconds(2), Duration.ofSeconds(10), RequestPacing.Settings.UNPACED), KEY, SITE, MARGIN), JSON,
        clock) {
      @Override
      public TransactionLookup readTransaction(TransactionRef ref) {
        throw ApplicationFailure.newFailure("Acquaint answered 503", FailureKind.PROVIDER_UNAVAILABLE.name());
      }
    };
    ChargePaymentReadBack unread = readsFail.payChargeAndReadBack(charge(chargeId, 1_000, "CHG-RB2"));

    // the payment was made and named: the answer carries it, the workflow reads it back itself
    assertThat(unread.receipt().transactionId()).isPositive();
    assertThat(unread.transaction()).isNull();
    assertThat(unread.readFailure()).contains("503");
    assertThat(adapter().readTransaction(new TransactionRef(unread.receipt().transactionId())).transaction()
        .creditMinor()).isEqualTo(1_000);
  }

  @Test
  void requestsArePacedEndpointByEndpointAndOneWithoutASlotWithinMaxWaitIsRefusedBeforeItIsSent() {
    // one request a minute per endpoint, no waiting
    AcquaintAdapter paced = new AcquaintAdapter(new AcquaintSettings(new ProviderConnection(baseUrl,
        Duration.ofSeconds(2), Duration.ofSeconds(10), new RequestPacing.Settings(1, Duration.ZERO)), KEY, SITE,
        MARGIN), JSON, clock);
    long chargeId = ledger.addCharge(706, new BigDecimal("10.00"), "Paced");

    // POST /v1/auth, GET transactions/{id} and GET transactions each have a budget of their own
    assertThat(paced.readTransaction(new TransactionRef(987_655)).found()).isFalse();
    assertThat(paced.findChargeTransactions(new ChargeTransactionSearch(chargeId))).isEmpty();
    // another id, the same endpoint: its next slot is a minute away
    ApplicationFailure refused = failureOf(() -> paced.readTransaction(new TransactionRef(987_656)));

    assertThat(refused.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
    assertThat(refused.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    assertThat(refused.getNextRetryDelay()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
    assertThat(refused.getOriginalMessage()).contains("not sent").doesNotContain(KEY);
  }

  @Test
  void anEndpointIsMethodAndPathWithIdsFoldedAsAcquaintCountsIt() {
    assertThat(AcquaintProtocol.endpoint("GET", "/17.0/database/transactions/9406"))
        .isEqualTo(AcquaintProtocol.endpoint("GET", "/17.0/Database/Transactions/17"))
        .isEqualTo("GET /17.0/database/transactions/{id}");
    assertThat(AcquaintProtocol.endpoint("GET", "/17.0/database/transactions?chargeId=5"))
        .isEqualTo("GET /17.0/database/transactions");
    assertThat(AcquaintProtocol.endpoint("POST", "/v1/auth")).isEqualTo("POST /v1/auth");
  }

  @Test
  void anItemThatCannotTakeThePaymentIsRejected() {
    AcquaintAdapter adapter = adapter();
    long item = ledger.addRentItem(703, null, new BigDecimal("10.00"), null);
    adapter.payRentItem(rent(item, 1_000, "FULL"));

    ApplicationFailure refused = failureOf(() -> adapter.payRentItem(rent(item, 1, "AGAIN")));

    assertThat(refused.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(refused.isNonRetryable()).isTrue();
    assertThat(refused.getOriginalMessage()).contains("answered false", String.valueOf(item));
  }

  @Test
  void a400IsRejectedNamingTheModelStateField() {
    ApplicationFailure refused = failureOf(() -> adapter().payCharge(charge(424_242, 100, "NOPE")));
    assertThat(refused.getType()).isEqualTo(FailureKind.REJECTED.name());
    assertThat(refused.getOriginalMessage()).contains("400", "request.ChargeId", "does not exist");
  }

  @Test
  void aWriteWhoseAnswerIsLostIsAnUnknownOutcomeThatTheReadBackResolves() {
    AcquaintAdapter adapter = adapter();
    long chargeId = ledger.addCharge(704, new BigDecimal("30.00"), "Fee");

    ApplicationFailure unclear = failureOf(() -> adapter.payCharge(charge(chargeId, 3_000, "LOST-704")));

    assertThat(unclear.getType()).isEqualTo(FailureKind.UNKNOWN_OUTCOME.name());
    assertThat(unclear.isNonRetryable()).isTrue();
    assertThat(adapter.findChargeTransactions(new ChargeTransactionSearch(chargeId)))
        .extracting(AcquaintTransaction::reference, AcquaintTransaction::creditMinor)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("LOST-704", 3_000L));
  }

  @Test
  void theTokenIsCachedAndRefreshedAMarginBeforeItExpires() {
    AcquaintAdapter adapter = adapter();
    int issuedBefore = tokens.issuedCount();
    for (int i = 0; i < 5; i++) {
      adapter.readTransaction(new TransactionRef(1));
    }
    assertThat(adapter.tokensObtained()).isEqualTo(1);
    assertThat(tokens.issuedCount() - issuedBefore).isEqualTo(1);

    // still valid for the sandbox, but inside the refresh margin: the adapter replaces it before using it
    clock.advance(Duration.ofHours(1).minus(MARGIN).plusSeconds(1));
    adapter.readTransaction(new TransactionRef(1));
    assertThat(adapter.tokensObtained()).isEqualTo(2);
    adapter.readTransaction(new TransactionRef(1));
    assertThat(adapter.tokensObtained()).isEqualTo(2);
    assertThat(tokens.issuedCount() - issuedBefore).isEqualTo(2);
  }

  @Test
  void aRefusedTokenIsRefreshedOnceAndTheCallSentOnceMore() {
    AcquaintAdapter adapter = adapter();
    long item = ledger.addRentItem(705, null, new BigDecimal("10.00"), null);
    adapter.readRentItem(new RentItemRef(705, item));
    tokens.revokeAll();

    adapter.payRentItem(rent(item, 500, "AFTER-REVOKE"));

    assertThat(adapter.tokensObtained()).isEqualTo(2);
    RentItemLookup read = adapter.readRentItem(new RentItemRef(705, item));
    assertThat(read.item().receivedMinor()).isEqualTo(500); // sent once more, applied once
  }

  @Test
  void aWrongApiKeyIsCredentialsRefusedAndNeverLogged() {
    ApplicationFailure refused = failureOf(() -> adapter(baseUrl, "not-the-key").readTransaction(new TransactionRef(1)));
    assertThat(refused.getType()).isEqualTo(FailureKind.CREDENTIALS_REFUSED.name());
    assertThat(refused.isNonRetryable()).isFalse();
    assertThat(refused.getOriginalMessage()).contains("TEST").doesNotContain("not-the-key");
    assertThat(new AcquaintSettings(new ProviderConnection(baseUrl, Duration.ofSeconds(1), Duration.ofSeconds(1),
        RequestPacing.Settings.UNPACED), "not-the-key", SITE, MARGIN).toString()).doesNotContain("not-the-key");
  }

  @Test
  void nothingListeningIsNotSent() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    ApplicationFailure notSent = failureOf(() -> adapter(URI.create("http://127.0.0.1:" + port + "/acquaint"), KEY)
        .payCharge(charge(7001, 100, "R")));
    assertThat(notSent.getType()).isEqualTo(FailureKind.NOT_SENT.name());
    assertThat(notSent.isNonRetryable()).isFalse();
  }

  @Test
  void aReceiptIsParsedTolerantly() throws Exception {
    assertThat(AcquaintAdapter.receiptOf(JSON.readTree("{\"transactionId\":1,\"overpaymentTransactionId\":2}")))
        .isEqualTo(new ChargePaymentReceipt(1, 2L));
    assertThat(AcquaintAdapter.receiptOf(JSON.readTree("{\"TransactionId\":1,\"OverpaymentTransactionId\":0}")))
        .isEqualTo(new ChargePaymentReceipt(1, null));
    assertThat(AcquaintAdapter.receiptOf(JSON.readTree("9001"))).isEqualTo(new ChargePaymentReceipt(9001, null));
    assertThat(AcquaintAdapter.receiptOf(JSON.readTree("\"9001\""))).isEqualTo(new ChargePaymentReceipt(9001, null));
    assertThat(AcquaintAdapter.receiptOf(JSON.readTree("{\"transactionId\":null}"))).isNull();
    assertThat(AcquaintAdapter.receiptOf(JSON.readTree("true"))).isNull();
  }

  @Test
  void amountsThatAreNotWholePenceAreNotRounded() throws Exception {
    ObjectMapper exact = new ObjectMapper().enable(
        com.fasterxml.jackson.databind.DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    assertThat(AcquaintJson.minor(exact.readTree("19.99"))).isEqualTo(1_999);
    assertThat(AcquaintJson.minor(exact.readTree("19.9"))).isEqualTo(1_990);
    assertThat(AcquaintJson.minor(exact.readTree("\"0.07\""))).isEqualTo(7);
    assertThat(AcquaintJson.minor(exact.readTree("19.995"))).isNull();
    assertThat(List.of(1L, 5L, 10L, 99L, 1_999L, 123_456_789L))
        .allSatisfy(minor -> assertThat(AcquaintJson.minor(exact.readTree(AcquaintJson.pounds(minor).toPlainString())))
            .isEqualTo(minor));
  }
}
