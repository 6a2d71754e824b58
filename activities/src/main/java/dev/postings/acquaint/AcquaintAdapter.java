package dev.postings.acquaint;

import static dev.postings.acquaint.AcquaintJson.field;
import static dev.postings.acquaint.AcquaintJson.id;
import static dev.postings.acquaint.AcquaintJson.localDateTime;
import static dev.postings.acquaint.AcquaintJson.minor;
import static dev.postings.acquaint.AcquaintJson.pounds;
import static dev.postings.acquaint.AcquaintJson.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.ProviderApi;
import dev.postings.providers.ConnectionExchanges;
import dev.postings.providers.ConnectionResolver;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ResolvedConnection;
import dev.postings.providers.SharedPacing;
import dev.postings.providers.ProviderExchange;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.Route;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.acquaint.AcquaintActivities;
import dev.postings.workflow.acquaint.AcquaintTransaction;
import dev.postings.workflow.acquaint.ChargePayment;
import dev.postings.workflow.acquaint.ChargePaymentReadBack;
import dev.postings.workflow.acquaint.ChargePaymentReceipt;
import dev.postings.workflow.acquaint.ChargeTransactionSearch;
import dev.postings.workflow.acquaint.RentItem;
import dev.postings.workflow.acquaint.RentItemLookup;
import dev.postings.workflow.acquaint.RentItemRef;
import dev.postings.workflow.acquaint.RentPayment;
import dev.postings.workflow.acquaint.RentPaymentAccepted;
import dev.postings.workflow.acquaint.TransactionLookup;
import dev.postings.workflow.acquaint.TransactionRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Acquaint activities: HTTP to Acquaint's 17.0 API (docs/providers/acquaint.md#endpoints), answers classified,
 * amounts exact.
 */
public class AcquaintAdapter implements AcquaintActivities {

  private static final Logger log = LoggerFactory.getLogger(AcquaintAdapter.class);
  static final Route RENTS_TO_PAY = Route.of("POST", "/17.0/app/tenancy/retrievesrentstopay");
  static final Route TENANT_PAYMENTS = Route.of("POST", "/17.0/app/tenancy/tenantpayments");
  /** Acquaint's own spelling. */
  static final Route RECEIVE_PAYMENT_FOR_CHARGE = Route.of("POST", "/17.0/app/accounts/reveivepaymentforcharge");
  static final String TRANSACTIONS = "/17.0/database/transactions";

  private final ConnectionExchanges exchanges;

  /** One site and key for every posting: the settings' (tests, tools). */
  public AcquaintAdapter(AcquaintSettings settings, ObjectMapper json) {
    this(settings, json, Clock.systemUTC());
  }

  /** With the clock that decides when the cached token is refreshed (tests pass the sandbox's). */
  public AcquaintAdapter(AcquaintSettings settings, ObjectMapper json, Clock clock) {
    this(settings, ConnectionResolver.fixed(fixed(settings)), null, null, json, clock);
  }

  /**
   * Each posting's own connection (site and key), resolved when it calls (docs/decisions/0023-connections.md); each
   * connection has its own token, obtained and cached for its site and key.
   *
   * @param fallbackConnectionId the connection of calls whose posting names none (older postings, probes)
   * @param shared the rate limit shared by every worker, per endpoint per key; null: paced in this process
   */
  public AcquaintAdapter(AcquaintSettings settings, ConnectionResolver connections, String fallbackConnectionId,
      SharedPacing shared, ObjectMapper json, Clock clock) {
    this.exchanges = new ConnectionExchanges(ProviderApi.ACQUAINT, settings.connection(), connections,
        fallbackConnectionId, connection -> new AcquaintProtocol(new AcquaintSettings(settings.connection(),
            connection.credential("apiKey"), connection.credential("sitePrefix"), settings.tokenRefreshMargin()),
            clock), AcquaintJson.exact(json), shared);
  }

  private static ResolvedConnection fixed(AcquaintSettings settings) {
    if (settings.apiKey() == null || settings.apiKey().isBlank()) {
      throw new IllegalArgumentException("Acquaint API key is required");
    }
    if (settings.sitePrefix() == null || settings.sitePrefix().isBlank()) {
      throw new IllegalArgumentException("Acquaint site prefix is required");
    }
    return new ResolvedConnection("configured", ProviderApi.ACQUAINT, settings.connection().baseUrl(),
        Map.of("apiKey", settings.apiKey(), "sitePrefix", settings.sitePrefix()), null, null, 0);
  }

  /** The exchange of the connection of the posting this call works for. */
  private ProviderExchange client() {
    return exchanges.current();
  }

  /** Tokens this adapter obtained so far, every connection's (for tests: proves caching and refresh). */
  int tokensObtained() {
    return exchanges.protocols().stream().mapToInt(protocol -> ((AcquaintProtocol) protocol).tokensObtained()).sum();
  }

  @Override
  public RentItemLookup readRentItem(RentItemRef ref) {
    return new RentItemLookup(ref.rentItemId(), readRentItems(ref.tenancyId()).stream()
        .filter(item -> item.id() == ref.rentItemId()).findFirst().orElse(null));
  }

  /**
   * Every rent item of a tenancy, received ones included ({@code retrievesrentstopay} with {@code includeReceived}):
   * one read per tenancy, which is how a reconciliation reads the rent payments of a tenancy.
   */
  public List<RentItem> readRentItems(long tenancyId) {
    Map<String, Object> filter = new LinkedHashMap<>();
    filter.put("tenancyId", tenancyId);
    filter.put("includeReceived", true);
    ProviderAnswer answer = client().send(Call.READ, RENTS_TO_PAY, filter);
    if (!answer.body().isArray()) {
      throw ProviderFailures.failure(FailureKind.PROVIDER_UNAVAILABLE,
          "Acquaint retrievesrentstopay answered without a list", null, null);
    }
    List<RentItem> items = new ArrayList<>();
    for (JsonNode row : answer.body()) {
      Long id = id(field(row, "Id"));
      if (id != null) {
        items.add(new RentItem(id, id(field(row, "TenancyId")), minor(field(row, "Due")), minor(field(row, "Received")),
            text(row, "DueDate"), text(row, "ReceivedDate"), text(row, "ReferenceChequeNo")));
      }
    }
    return items;
  }

  @Override
  public RentPaymentAccepted payRentItem(RentPayment payment) {
    ProviderAnswer answer = client().send(Call.WRITE, TENANT_PAYMENTS, tenantPaymentBody(payment));
    JsonNode processed = answer.body();
    if (processed.isBoolean() && processed.asBoolean()) {
      return new RentPaymentAccepted(payment.rentItemId());
    }
    if (processed.isBoolean()) {
      throw ProviderFailures.failure(FailureKind.REJECTED, "Acquaint tenantpayments answered false for rent item "
          + payment.rentItemId() + ": it cannot take this payment (unknown, already paid, or less outstanding than "
          + pounds(payment.amountMinor()).toPlainString() + ")", null, null);
    }
    // A 2xx that is neither true nor false: something was processed, we cannot tell what. Read back.
    throw ProviderFailures.failure(FailureKind.UNKNOWN_OUTCOME, "Acquaint tenantpayments answered " + answer.status()
        + " with " + processed + " instead of true or false", null, null);
  }

  /**
   * Tenant payments' body with one payment, field names as in Acquaint's sample
   * (docs/providers/acquaint.md#tenant-payments).
   */
  static Map<String, Object> tenantPaymentBody(RentPayment payment) {
    Map<String, Object> line = new LinkedHashMap<>();
    line.put("id", payment.rentItemId());
    line.put("receivedDate", localDateTime(payment.receivedDate()));
    line.put("receivedAmount", pounds(payment.amountMinor()));
    putIfPresent(line, "landlordId", payment.landlordId());
    line.put("referenceChequeNo", payment.referenceChequeNo());
    putIfPresent(line, "receivedFromContactId", payment.receivedFromContactId());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("bankAccountId", payment.bankAccountId());
    body.put("receivedDate", localDateTime(payment.receivedDate()));
    body.put("paymentMethodId", payment.paymentMethodId());
    body.put("payAdvancedRentToLandlord", payment.payAdvancedRentToLandlord());
    body.put("payments", List.of(line));
    return body;
  }

  @Override
  public ChargePaymentReceipt payCharge(ChargePayment payment) {
    ProviderAnswer answer = client().send(Call.WRITE, RECEIVE_PAYMENT_FOR_CHARGE, chargePaymentBody(payment));
    ChargePaymentReceipt receipt = receiptOf(answer.body());
    if (receipt == null) {
      // Accepted, but we cannot tell which transaction it made: read back rather than guess or send again.
      throw ProviderFailures.failure(FailureKind.UNKNOWN_OUTCOME, "Acquaint reveivepaymentforcharge answered "
          + answer.status() + " without a transactionId: " + answer.body(), null, null);
    }
    return receipt;
  }

  @Override
  public ChargePaymentReadBack payChargeAndReadBack(ChargePayment payment) {
    ChargePaymentReceipt receipt = payCharge(payment);
    try {
      return new ChargePaymentReadBack(receipt, readTransaction(new TransactionRef(receipt.transactionId())), null);
    } catch (RuntimeException readFailed) {
      // The payment was made and its id is known: failing the activity now would make the workflow look it up as an
      // unclear write. The workflow reads it back again with its own retried read.
      log.warn("charge payment made as transaction {}, but reading it back failed: {}", receipt.transactionId(),
          readFailed.getMessage());
      return new ChargePaymentReadBack(receipt, null, readFailed.getMessage());
    }
  }

  /**
   * {@code {transactionId, overpaymentTransactionId}} in any letter case; earlier versions of the endpoint answered a
   * bare integer (the transaction id), as a JSON number or a string. An overpayment id of 0 or null means none.
   */
  static ChargePaymentReceipt receiptOf(JsonNode body) {
    Long transactionId = body.isObject() ? id(field(body, "transactionId")) : id(body);
    if (transactionId == null || transactionId <= 0) {
      return null;
    }
    Long overpayment = body.isObject() ? id(field(body, "overpaymentTransactionId")) : null;
    return new ChargePaymentReceipt(transactionId, overpayment == null || overpayment <= 0 ? null : overpayment);
  }

  /**
   * Receive payment for charge's body, field names as in Acquaint's sample
   * (docs/providers/acquaint.md#receive-payment-for-charge).
   */
  static Map<String, Object> chargePaymentBody(ChargePayment payment) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("chargeId", payment.chargeId());
    body.put("dateReceived", localDateTime(payment.dateReceived()));
    body.put("paymentMethodId", payment.paymentMethodId());
    body.put("amountReceived", pounds(payment.amountMinor()));
    body.put("paymentReference", payment.paymentReference());
    putIfPresent(body, "receivedFromContactId", payment.receivedFromContactId());
    putIfPresent(body, "landlordStatementNotes", payment.landlordStatementNotes());
    body.put("bankAccount", payment.bankAccount());
    body.put("payAdvanceRentToLandlordNow", payment.payAdvanceRentToLandlordNow());
    return body;
  }

  @Override
  public TransactionLookup readTransaction(TransactionRef ref) {
    return client().sendAllowingNotFound(Call.READ, Route.of("GET", TRANSACTIONS + "/{id}", ref.transactionId()))
        .map(answer -> new TransactionLookup(ref.transactionId(), toTransaction(answer.body(), ref.transactionId())))
        .orElseGet(() -> new TransactionLookup(ref.transactionId(), null));
  }

  /**
   * {@code GET 17.0/database/transactions?chargeId=}: no Acquaint document names this search (the read by id is the
   * only documented one). Where Acquaint does not have it (404), the lookup cannot be made: REJECTED, saying so, so
   * that the posting goes to an operator with that evidence instead of retrying a route that will never answer.
   */
  @Override
  public List<AcquaintTransaction> findChargeTransactions(ChargeTransactionSearch search) {
    ProviderAnswer answer = client().sendAllowingNotFound(Call.READ,
            Route.of("GET", TRANSACTIONS).withQuery(Map.of("chargeId", search.chargeId())))
        .orElseThrow(() -> ProviderFailures.failure(FailureKind.REJECTED, "Acquaint offers no search of a charge's"
            + " transactions (GET 17.0/database/transactions?chargeId= answered 404): whether a payment for charge "
            + search.chargeId() + " landed can only be seen in Acquaint", null, null));
    if (!answer.body().isArray()) {
      throw ProviderFailures.failure(FailureKind.PROVIDER_UNAVAILABLE,
          "Acquaint transactions of charge " + search.chargeId() + " answered without a list", null, null);
    }
    List<AcquaintTransaction> transactions = new ArrayList<>();
    answer.body().forEach(row -> transactions.add(toTransaction(row, 0)));
    return transactions;
  }

  /**
   * The fields of a transaction, each null when Acquaint leaves it out: only {@code Debit, Credit, PaymentMethodID,
   * Notes, StatementNotes, BankAccountID, TenancyID, Status} are documented, and the workflow compares any other field
   * only when present. The id is the one asked for when the row does not repeat it ({@code idAskedFor}, 0 for a list).
   */
  private static AcquaintTransaction toTransaction(JsonNode row, long idAskedFor) {
    Long id = id(field(row, "Id"));
    return new AcquaintTransaction(
        id == null ? idAskedFor : id,
        text(row, "Type"),
        id(field(row, "ChargeID")),
        id(field(row, "TenancyID")),
        minor(field(row, "Debit")),
        minor(field(row, "Credit")),
        id(field(row, "PaymentMethodID")),
        id(field(row, "BankAccountID")),
        text(row, "Reference"),
        text(row, "Notes"),
        text(row, "StatementNotes"),
        text(row, "Status"),
        text(row, "TransactionDate"),
        text(row, "DateCreated"));
  }

  private static void putIfPresent(Map<String, Object> body, String name, Object value) {
    if (value != null) {
      body.put(name, value);
    }
  }
}
