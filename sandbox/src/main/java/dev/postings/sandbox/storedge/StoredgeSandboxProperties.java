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
 * @param consumerKey the operator's "API access id" (OAuth consumer key)
 * @param consumerSecret the operator's "API secret key" (OAuth consumer secret); the token secret is empty
 * @param timestampTolerance how far {@code oauth_timestamp} may be from the wall clock; nonces are remembered as long
 * @param recentPaymentsLimit how many payments {@code recent_payments} lists, newest first
 * @param maxPrepayMonths the most months one prepayment may cover
 * @param billingAddressRequired storEDGE (docs/providers/storedge.md#payment-methods-and-cardholder-data): {@code
 * billing_address_attributes} is "required if not using an existing
 *     payment method"
 * @param declinedCardLast4 cards (and bank accounts) ending in these digits are declined: 422, nothing charged
 * @param facilities the facilities that exist
 * @param ledgers the tenant ledgers that exist at start-up
 */
@ConfigurationProperties("sandbox.storedge")
public record StoredgeSandboxProperties(
    @DefaultValue("dev-storedge-key") String consumerKey,
    @DefaultValue("dev-storedge-secret") String consumerSecret,
    @DefaultValue("5m") Duration timestampTolerance,
    @DefaultValue("10") int recentPaymentsLimit,
    @DefaultValue("12") int maxPrepayMonths,
    @DefaultValue("true") boolean billingAddressRequired,
    @DefaultValue("0002") List<String> declinedCardLast4,
    List<Facility> facilities,
    List<LedgerFixture> ledgers) {

  public StoredgeSandboxProperties {
    facilities = facilities == null ? List.of() : facilities;
    ledgers = ledgers == null ? List.of() : ledgers;
    declinedCardLast4 = declinedCardLast4 == null ? List.of() : declinedCardLast4;
  }

  /**
   * A storage facility.
   *
   * @param partialPaymentsDisabled {@code custom} payments are refused with AccessDenied (storEDGE: "refused when the
   *     facility disables partial payments")
   */
  public record Facility(String id, String name, boolean partialPaymentsDisabled) {}

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
