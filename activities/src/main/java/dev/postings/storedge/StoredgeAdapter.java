package dev.postings.storedge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardDataUnavailable;
import dev.postings.cardvault.CardSecrets;
import dev.postings.cardvault.CardVault;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.ProviderApi;
import dev.postings.providers.ConnectionExchanges;
import dev.postings.providers.ConnectionResolver;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ResolvedConnection;
import dev.postings.providers.SharedPacing;
import dev.postings.providers.ProviderExchange;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.Route;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeCharge;
import dev.postings.workflow.storedge.StoredgeLedger;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.storedge.StoredgePayment;
import dev.postings.workflow.storedge.StoredgePaymentMatch;
import dev.postings.workflow.storedge.StoredgePaymentResult;
import io.temporal.failure.ApplicationFailure;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The storEDGE activities: ledger reads and make_payment, over signed HTTP, answers classified. Card data is redeemed
 * from the vault right before make_payment and discarded once the request was sent, whatever the answer; it is never
 * logged and never part of a failure message.
 */
public class StoredgeAdapter implements StoredgeActivities {

  private static final Logger log = LoggerFactory.getLogger(StoredgeAdapter.class);

  /** A facility's ledger: {@code /v1/{facilityId}/ledgers/{ledgerId}}. */
  private static final String LEDGER = "/v1/{id}/ledgers/{id}";

  private final ConnectionExchanges exchanges;
  private final CardVault vault;

  /** One key and secret for every posting: the settings' (tests, tools). */
  public StoredgeAdapter(StoredgeSettings settings, CardVault vault, ObjectMapper json) {
    this(settings, ConnectionResolver.fixed(fixed(settings)), null, null, vault, json);
  }

  /**
   * Each posting's own connection, resolved when it calls (docs/decisions/0023-connections.md).
   *
   * @param fallbackConnectionId the connection of calls whose posting names none (older postings, probes)
   * @param shared the rate limit shared by every worker, per consumer key; null: paced in this process
   */
  public StoredgeAdapter(StoredgeSettings settings, ConnectionResolver connections, String fallbackConnectionId,
      SharedPacing shared, CardVault vault, ObjectMapper json) {
    this.exchanges = new ConnectionExchanges(ProviderApi.STOREDGE, settings.connection(), connections,
        fallbackConnectionId, connection -> new StoredgeProtocol(connection.credential("consumerKey"),
            connection.credential("consumerSecret")), json, shared);
    this.vault = vault;
  }

  private static ResolvedConnection fixed(StoredgeSettings settings) {
    if (settings.consumerKey() == null || settings.consumerKey().isBlank()) {
      throw new IllegalArgumentException("storEDGE consumer key is required");
    }
    if (settings.consumerSecret() == null || settings.consumerSecret().isBlank()) {
      throw new IllegalArgumentException("storEDGE consumer secret is required");
    }
    return new ResolvedConnection("configured", ProviderApi.STOREDGE, settings.connection().baseUrl(),
        Map.of("consumerKey", settings.consumerKey(), "consumerSecret", settings.consumerSecret()), null, null, 0);
  }

  /** The exchange of the connection of the posting this call works for. */
  private ProviderExchange client() {
    return exchanges.current();
  }

  @Override
  public StoredgeLedger readLedger(StoredgeLedgerRef ref) {
    Route route = Route.of("GET", LEDGER, ref.facilityId(), ref.ledgerId());
    String what = route.what();
    ProviderAnswer answer = client().exchange(Call.READ, route, null, List.of());
    if (!answer.isSuccess()) {
      throw client().classify(Call.READ, what, answer, List.of());
    }
    try {
      return toLedger(answer.body().path("ledger"));
    } catch (RuntimeException unreadable) {
      throw StoredgeProtocol.failure(FailureKind.PROVIDER_UNAVAILABLE,
          "storEDGE " + what + " answered a ledger that cannot be read: " + unreadable.getMessage(), null);
    }
  }

  @Override
  public StoredgePaymentResult makePayment(StoredgePayment payment) {
    Route route = Route.of("POST", LEDGER + "/make_payment", payment.facilityId(), payment.ledgerId());
    String what = route.what();
    if (payment.kind() != StoredgePaymentKind.CUSTOM) {
      refuseIfStoredgeWouldChargeAnotherAmount(payment);
    }
    String vaultRef = vaultRef(payment.method());
    CardSecrets secrets = null;
    if (vaultRef != null) {
      try {
        secrets = vault.redeem(vaultRef);
      } catch (CardDataUnavailable gone) {
        throw StoredgeProtocol.failure(FailureKind.REJECTED,
            "card data expired before it was sent; nothing charged", null);
      }
    }
    List<String> hidden = secrets == null ? List.of()
        : nonNull(secrets.cardNumber(), secrets.securityCode(), secrets.accountNumber());
    ProviderAnswer answer;
    try {
      answer = client().exchange(Call.WRITE, route, StoredgePaymentBody.of(payment, secrets), hidden);
    } catch (ApplicationFailure failure) {
      // Not sent (no connection, or our pacing had no slot: the exchange throws RATE_LIMITED only then, a 429 is an
      // answer): the same card data may be used by the next attempt. Anything else left with the request.
      if (vaultRef != null && !FailureKind.NOT_SENT.name().equals(failure.getType())
          && !FailureKind.RATE_LIMITED.name().equals(failure.getType())) {
        vault.discard(vaultRef);
      }
      throw failure;
    }
    if (vaultRef != null) {
      vault.discard(vaultRef);
    }
    if (!answer.isSuccess()) {
      throw client().classify(Call.WRITE, what, answer, hidden);
    }
    StoredgeLedger ledger;
    try {
      ledger = toLedger(answer.body().path("ledger"));
    } catch (RuntimeException unreadable) {
      throw StoredgeProtocol.failure(FailureKind.UNKNOWN_OUTCOME, StoredgeProtocol.scrub("storEDGE " + what
          + " answered 2xx with a ledger that cannot be read: " + unreadable.getMessage(), hidden), null);
    }
    List<StoredgeLedgerPayment> ours = StoredgePaymentMatch.newPayments(ledger, payment.knownPaymentIds(),
        payment.amountMinor());
    if (ours.size() != 1) {
      // The money may have moved, but we cannot tell which entry is ours: never guess, let the workflow look it up.
      throw StoredgeProtocol.failure(FailureKind.UNKNOWN_OUTCOME, "storEDGE " + what + " answered "
          + answer.status() + " but its recent_payments show " + ours.size() + " new payments of "
          + payment.amountMinor() + " cents (idempotency key " + payment.idempotencyKey() + ")", null);
    }
    log.info("posting {}: storEDGE payment {} of {} cents on ledger {}", ProviderExchange.postingId(),
        ours.get(0).id(), payment.amountMinor(), payment.ledgerId());
    return new StoredgePaymentResult(ours.get(0).id(), ledger);
  }

  /**
   * BALANCE and PREPAY let storEDGE compute the amount: read the ledger just before and send nothing unless that amount
   * is exactly what our service collected.
   */
  private void refuseIfStoredgeWouldChargeAnotherAmount(StoredgePayment payment) {
    StoredgeLedger now = readLedger(new StoredgeLedgerRef(payment.facilityId(), payment.ledgerId()));
    long expected = StoredgeCharge.expectedMinor(payment.kind(), payment.months(), payment.amountMinor(), now);
    if (expected != payment.amountMinor()) {
      throw StoredgeProtocol.failure(FailureKind.REJECTED, "storEDGE would charge " + expected + " cents for a "
          + payment.kind().wireName() + " payment on ledger " + payment.ledgerId() + " (balance "
          + now.currentBalanceMinor() + ", rate " + now.currentRateMinor() + "), but " + payment.amountMinor()
          + " cents were collected; nothing sent", null);
    }
  }

  private static String vaultRef(StoredgePaymentMethod method) {
    if (method instanceof StoredgePaymentMethod.NewCard card) {
      return card.vaultRef();
    }
    if (method instanceof StoredgePaymentMethod.NewAch ach) {
      return ach.vaultRef();
    }
    return null;
  }

  static StoredgeLedger toLedger(JsonNode ledger) {
    if (!ledger.isObject()) {
      throw new IllegalArgumentException("no ledger in the answer");
    }
    List<StoredgeLedgerPayment> payments = new ArrayList<>();
    for (JsonNode payment : ledger.path("recent_payments")) {
      payments.add(new StoredgeLedgerPayment(payment.path("id").asText(null), cents(payment.path("amount")),
          payment.path("description").asText(null), payment.path("effective_on").asText(null)));
    }
    return new StoredgeLedger(ledger.path("id").asText(null), cents(ledger.path("current_account_balance")),
        cents(ledger.path("current_rate")), ledger.path("paid_through").asText(null), payments);
  }

  /** storEDGE's decimal dollars as exact cents; an amount with fractions of a cent is refused, never rounded. */
  static long cents(JsonNode amount) {
    if (amount.isMissingNode() || amount.isNull()) {
      return 0;
    }
    BigDecimal dollars = amount.isNumber() ? amount.decimalValue() : new BigDecimal(amount.asText());
    return dollars.movePointRight(2).stripTrailingZeros().longValueExact();
  }

  private static List<String> nonNull(String... values) {
    List<String> result = new ArrayList<>();
    for (String value : values) {
      if (value != null) {
        result.add(value);
      }
    }
    return result;
  }
}
