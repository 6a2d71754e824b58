package dev.postings.model;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.util.List;

/**
 * storEDGE's {@code payment_method} (docs/providers/storedge.md#payment-methods-and-cardholder-data): either the id of
 * a method stored on the tenant, or a new method. No variant holds cardholder data: a new card or bank account is known
 * to the workflow by its last 4 digits and the card vault's reference, and the worker redeems the clear values right
 * before the call.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "kind")
@JsonSubTypes({
    @JsonSubTypes.Type(value = StoredgePaymentMethod.Stored.class, name = "STORED"),
    @JsonSubTypes.Type(value = StoredgePaymentMethod.NewCard.class, name = "CREDIT_CARD"),
    @JsonSubTypes.Type(value = StoredgePaymentMethod.NewAch.class, name = "ACH"),
    @JsonSubTypes.Type(value = StoredgePaymentMethod.Check.class, name = "CHECK"),
    @JsonSubTypes.Type(value = StoredgePaymentMethod.Cash.class, name = "CASH")})
public sealed interface StoredgePaymentMethod {

  /**
   * storEDGE's card types (docs/providers/storedge.md#payment-methods-and-cardholder-data: {@code
   * payment_method[card_type]}).
   */
  List<String> CARD_TYPES = List.of("visa", "mastercard", "american_express", "diners", "discover", "jcb");

  /** {@code payment_method[payment_method_id]}: a method storEDGE already holds for the tenant. */
  record Stored(String paymentMethodId) implements StoredgePaymentMethod {}

  /**
   * A new credit card ({@code kind: credit_card}). The card number and security code are in the card vault under
   * {@code vaultRef}.
   *
   * @param cardType one of {@link #CARD_TYPES}
   * @param expirationDate {@code MM/YY}
   * @param last4 the card number's last 4 digits, for receipts, timelines and matching storEDGE's description
   */
  record NewCard(String firstName, String lastName, String cardType, String expirationDate, String last4,
      String vaultRef, StoredgeBillingAddress billingAddress) implements StoredgePaymentMethod {}

  /**
   * A new bank account ({@code kind: ach}). The account number is in the card vault under {@code vaultRef}; the adapter
   * sends it as both {@code account_number} and {@code account_number_confirmation}.
   */
  record NewAch(String firstName, String lastName, String accountType, String bankName, String routingNumber,
      String last4, String vaultRef, StoredgeBillingAddress billingAddress) implements StoredgePaymentMethod {}

  /** A check taken at the facility; {@code check_amount} is the posting's amount. */
  record Check(String firstName, String lastName, String checkNumber, String nameOnCheck,
      StoredgeBillingAddress billingAddress) implements StoredgePaymentMethod {}

  /** Cash taken at the facility; {@code amount_tendered} is the posting's amount. */
  record Cash(String firstName, String lastName, StoredgeBillingAddress billingAddress)
      implements StoredgePaymentMethod {}
}
