package dev.postings.sandbox.storedge;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The storEDGE simulator's settings (docs/providers/storedge.md#how-the-sandbox-simulates-storedge): what storEDGE
 * documents is fixed behaviour, what it leaves open is here, with the fixtures (facilities, ledgers, stored payment
 * methods).
 *
 * @param consumerKey the first operator's "API access id" (OAuth consumer key)
 * @param consumerSecret the first operator's "API secret key" (OAuth consumer secret); the token secret is empty
 * @param otherOperators more storage operators, each with its own access id and secret and its own facilities
 * @param timestampTolerance how far {@code oauth_timestamp} may be from the wall clock; nonces are remembered as long
 * @param recentPaymentsLimit how many payments {@code recent_payments} lists, newest first
 * @param maxPrepayMonths the most months one prepayment may cover
 * @param billingAddressRequired storEDGE (docs/providers/storedge.md#payment-methods-and-cardholder-data): {@code
 * billing_address_attributes} is "required if not using an existing
 *     payment method"
 * @param declinedCardLast4 cards (and bank accounts) ending in these digits are declined: 422, nothing charged
 * @param facilities the facilities that exist, each owned by one operator
 * @param ledgers the tenant ledgers that exist at start-up
 */
@ConfigurationProperties("sandbox.storedge")
public record StoredgeSandboxProperties(
    @DefaultValue("dev-storedge-key") String consumerKey,
    @DefaultValue("dev-storedge-secret") String consumerSecret,
    List<Operator> otherOperators,
    @DefaultValue("5m") Duration timestampTolerance,
    @DefaultValue("10") int recentPaymentsLimit,
    @DefaultValue("12") int maxPrepayMonths,
    @DefaultValue("true") boolean billingAddressRequired,
    @DefaultValue("0002") List<String> declinedCardLast4,
    List<Facility> facilities,
    List<LedgerFixture> ledgers) {

  public StoredgeSandboxProperties {
    otherOperators = otherOperators == null ? List.of() : otherOperators;
    facilities = facilities == null ? List.of() : facilities;
    ledgers = ledgers == null ? List.of() : ledgers;
    declinedCardLast4 = declinedCardLast4 == null ? List.of() : declinedCardLast4;
  }

  /** A storage operator (a storEDGE customer): its API access id and secret key. */
  public record Operator(String consumerKey, String consumerSecret) {}

  /**
   * A storage facility.
   *
   * @param partialPaymentsDisabled {@code custom} payments are refused with AccessDenied (storEDGE: "refused when the
   *     facility disables partial payments")
   * @param operator the consumer key of the operator that owns it; none: the first operator's
   */
  public record Facility(String id, String name, boolean partialPaymentsDisabled, String operator) {

    /** Whether this operator's key may see the facility. */
    public boolean ownedBy(String consumerKey, String firstOperator) {
      return (operator == null || operator.isBlank() ? firstOperator : operator).equals(consumerKey);
    }
  }

  /** The secret of an operator's access id, if the sandbox knows it. */
  public java.util.Optional<String> secretOf(String consumerKey) {
    if (consumerKey == null) {
      return java.util.Optional.empty();
    }
    if (consumerKey.equals(this.consumerKey)) {
      return java.util.Optional.of(consumerSecret);
    }
    return otherOperators.stream().filter(operator -> consumerKey.equals(operator.consumerKey()))
        .map(Operator::consumerSecret).findFirst();
  }

  /**
   * A tenant ledger. Its balance is the sum of its open charges.
   *
   * @param monthlyRent {@code current_rate}, the basis of a prepayment
   * @param paymentMethodIds methods stored for the tenant, usable as {@code payment_method[payment_method_id]}
   */
  public record LedgerFixture(
      String id,
      String facilityId,
      String tenantFirstName,
      String tenantLastName,
      BigDecimal monthlyRent,
      LocalDate paidThrough,
      List<Charge> openCharges,
      List<String> paymentMethodIds) {}

  /** An open charge on a ledger. */
  public record Charge(String description, BigDecimal amount) {}
}
