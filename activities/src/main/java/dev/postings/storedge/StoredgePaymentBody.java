package dev.postings.storedge;

import dev.postings.cardvault.CardSecrets;
import dev.postings.model.StoredgeBillingAddress;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.workflow.storedge.StoredgePayment;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * storEDGE's make_payment body, field for field (docs/providers/storedge.md#payment-methods-and-cardholder-data). It
 * holds cardholder data once {@code secrets} are in it: it lives for one call, is never logged and has no {@code
 * toString} worth printing (a plain map would print its values, so this builds the map only for the JSON writer).
 */
final class StoredgePaymentBody {

  private StoredgePaymentBody() {}

  /** The JSON body; {@code secrets} are the vault's values for a new card or account, else null. */
  static Map<String, Object> of(StoredgePayment payment, CardSecrets secrets) {
    Map<String, Object> body = new LinkedHashMap<>();
    Map<String, Object> pay = new LinkedHashMap<>();
    pay.put("kind", payment.kind().wireName());
    if (payment.kind() == StoredgePaymentKind.CUSTOM) {
      pay.put("amount", dollars(payment.amountMinor()));
    }
    if (payment.kind() == StoredgePaymentKind.PREPAY) {
      pay.put("months", String.valueOf(payment.months()));
    }
    pay.put("idempotency_key", payment.idempotencyKey());
    body.put("payment", pay);
    body.put("payment_method", method(payment, secrets));
    return body;
  }

  private static Map<String, Object> method(StoredgePayment payment, CardSecrets secrets) {
    Map<String, Object> method = new LinkedHashMap<>();
    StoredgePaymentMethod given = payment.method();
    if (given instanceof StoredgePaymentMethod.Stored stored) {
      method.put("payment_method_id", stored.paymentMethodId());
    } else if (given instanceof StoredgePaymentMethod.NewCard card) {
      holder(method, "credit_card", card.firstName(), card.lastName(), card.billingAddress());
      method.put("card_number", secrets.cardNumber());
      method.put("card_type", card.cardType());
      method.put("security_code", secrets.securityCode());
      method.put("expiration_date", card.expirationDate());
      // the card is for this payment only: storEDGE must not keep it for later charges
      method.put("reuseable", "false");
    } else if (given instanceof StoredgePaymentMethod.NewAch ach) {
      holder(method, "ach", ach.firstName(), ach.lastName(), ach.billingAddress());
      method.put("account_number", secrets.accountNumber());
      method.put("account_number_confirmation", secrets.accountNumber());
      method.put("account_type", ach.accountType());
      method.put("bank_name", ach.bankName());
      method.put("routing_number", ach.routingNumber());
      method.put("reuseable", "false");
    } else if (given instanceof StoredgePaymentMethod.Check check) {
      holder(method, "check", check.firstName(), check.lastName(), check.billingAddress());
      method.put("check_number", check.checkNumber());
      method.put("name_on_check", check.nameOnCheck());
      method.put("check_amount", dollars(payment.amountMinor()));
    } else if (given instanceof StoredgePaymentMethod.Cash cash) {
      holder(method, "cash", cash.firstName(), cash.lastName(), cash.billingAddress());
      method.put("amount_tendered", dollars(payment.amountMinor()));
    }
    return method;
  }

  private static void holder(Map<String, Object> method, String kind, String firstName, String lastName,
      StoredgeBillingAddress address) {
    method.put("kind", kind);
    method.put("first_name", firstName);
    method.put("last_name", lastName);
    if (address != null) {
      Map<String, Object> billing = new LinkedHashMap<>();
      putIfPresent(billing, "address1", address.address1());
      putIfPresent(billing, "address2", address.address2());
      putIfPresent(billing, "city", address.city());
      putIfPresent(billing, "state", address.state());
      putIfPresent(billing, "postal", address.postal());
      putIfPresent(billing, "country", address.country());
      method.put("billing_address_attributes", billing);
    }
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** Cents as storEDGE's decimal string, exactly ({@code 500} -> {@code "5.00"}). */
  static String dollars(long cents) {
    return BigDecimal.valueOf(cents, 2).toPlainString();
  }
}
