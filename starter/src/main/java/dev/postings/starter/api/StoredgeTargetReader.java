package dev.postings.starter.api;

import static dev.postings.starter.api.JsonFields.text;
import static dev.postings.starter.api.JsonFields.unknownFields;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.cardvault.CardSecrets;
import dev.postings.model.FieldError;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingTarget;
import dev.postings.model.StoredgeBillingAddress;
import dev.postings.model.StoredgePaymentKind;
import dev.postings.model.StoredgePaymentMethod;
import dev.postings.model.StoredgeTarget;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads a storEDGE posting's target: the ledger, the payment kind and the payment method, whose cardholder data (a new
 * card's number and security code, a bank account's number) only this class sees. It takes them out into
 * {@link CardSecrets} for the card vault and leaves in the request only the last 4 digits and {@link #UNSEALED}.
 */
public final class StoredgeTargetReader {

  /**
   * storEDGE (docs/providers/storedge.md#payment-methods-and-cardholder-data): the target, and its payment method per
   * kind.
   */
  private static final Set<String> STOREDGE = Set.of("facilityId", "ledgerId", "paymentKind", "months",
      "paymentMethod");
  private static final Set<String> STOREDGE_STORED = Set.of("kind", "paymentMethodId");
  private static final Set<String> STOREDGE_CARD = Set.of("kind", "firstName", "lastName", "cardType", "cardNumber",
      "securityCode", "expirationDate", "billingAddress");
  private static final Set<String> STOREDGE_ACH = Set.of("kind", "firstName", "lastName", "accountNumber",
      "accountType", "bankName", "routingNumber", "billingAddress");
  private static final Set<String> STOREDGE_CHECK = Set.of("kind", "firstName", "lastName", "checkNumber",
      "nameOnCheck", "billingAddress");
  private static final Set<String> STOREDGE_CASH = Set.of("kind", "firstName", "lastName", "billingAddress");
  private static final Set<String> BILLING_ADDRESS = Set.of("address1", "address2", "city", "state", "postal",
      "country");
  private static final List<String> METHOD_KINDS = List.of("STORED", "CREDIT_CARD", "ACH", "CHECK", "CASH");

  private static final Pattern CARD_NUMBER = Pattern.compile("[0-9]{12,19}");
  private static final Pattern SECURITY_CODE = Pattern.compile("[0-9]{3,4}");
  /** US bank account numbers: 4 to 17 digits. */
  private static final Pattern ACCOUNT_NUMBER = Pattern.compile("[0-9]{4,17}");

  /**
   * The vault reference a new card or bank account carries until {@link PostingService} seals its secrets: never
   * redeemable (not of the vault's reference form), so a posting that somehow kept it charges nothing.
   */
  public static final String UNSEALED = "unsealed";
  /** The last 4 digits a method carries when its number was refused: the request has an error and never starts. */
  private static final String NO_LAST4 = "0000";

  private final PostingLimits limits;

  /** @param limits bound the fields the validator leaves unbounded (billing address lines) */
  StoredgeTargetReader(PostingLimits limits) {
    this.limits = limits;
  }

  /**
   * A storEDGE ledger and payment method. The business rules (ids present, months only for PREPAY, card not expired,
   * ...) are {@code PostingValidator}'s; here: types, unknown fields, and the cardholder data, which only the reader
   * sees.
   */
  PostingTarget read(JsonNode target, List<FieldError> errors, CardSecrets[] secrets) {
    unknownFields(target, "target.", STOREDGE, errors);
    StoredgePaymentKind kind = null;
    String kindName = text(target, "paymentKind", "target.paymentKind", errors);
    if (kindName != null) {
      try {
        kind = StoredgePaymentKind.valueOf(kindName);
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("target.paymentKind", "must be one of "
            + Arrays.toString(StoredgePaymentKind.values())));
      }
    }
    Integer months = null;
    JsonNode monthsNode = target.get("months");
    if (monthsNode != null && !monthsNode.isNull()) {
      if (!monthsNode.isIntegralNumber() || !monthsNode.canConvertToInt()) {
        errors.add(new FieldError("target.months", "must be a whole number of months"));
      } else {
        months = monthsNode.asInt();
      }
    }
    return new StoredgeTarget(
        text(target, "facilityId", "target.facilityId", errors),
        text(target, "ledgerId", "target.ledgerId", errors),
        kind,
        months,
        storedgeMethod(target.get("paymentMethod"), errors, secrets));
  }

  private StoredgePaymentMethod storedgeMethod(JsonNode method, List<FieldError> errors,
      CardSecrets[] secrets) {
    String at = "target.paymentMethod.";
    if (method == null || method.isNull()) {
      return null; // the validator names it
    }
    if (!method.isObject()) {
      errors.add(new FieldError("target.paymentMethod", "must be an object {kind, ...}"));
      return null;
    }
    String kind = text(method, "kind", at + "kind", errors);
    if (kind == null) {
      if (!method.has("kind") || method.get("kind").isNull()) {
        errors.add(new FieldError(at + "kind", "is required: one of " + METHOD_KINDS));
      }
      return null;
    }
    switch (kind) {
      case "STORED" -> {
        unknownFields(method, at, STOREDGE_STORED, errors);
        return new StoredgePaymentMethod.Stored(text(method, "paymentMethodId", at + "paymentMethodId", errors));
      }
      case "CREDIT_CARD" -> {
        unknownFields(method, at, STOREDGE_CARD, errors);
        String cardNumber = secret(method, "cardNumber", CARD_NUMBER, "must be 12-19 digits, without spaces", errors);
        if (cardNumber != null && !luhn(cardNumber)) {
          errors.add(new FieldError(at + "cardNumber", "is not a valid card number (check digit)"));
          cardNumber = null;
        }
        String securityCode = secret(method, "securityCode", SECURITY_CODE, "must be 3 or 4 digits", errors);
        if (cardNumber != null && securityCode != null) {
          secrets[0] = new CardSecrets(cardNumber, securityCode, null);
        }
        return new StoredgePaymentMethod.NewCard(
            text(method, "firstName", at + "firstName", errors),
            text(method, "lastName", at + "lastName", errors),
            text(method, "cardType", at + "cardType", errors),
            text(method, "expirationDate", at + "expirationDate", errors),
            last4(cardNumber), UNSEALED,
            billingAddress(method, errors));
      }
      case "ACH" -> {
        unknownFields(method, at, STOREDGE_ACH, errors);
        String accountNumber = secret(method, "accountNumber", ACCOUNT_NUMBER, "must be 4-17 digits, without spaces",
            errors);
        if (accountNumber != null) {
          secrets[0] = new CardSecrets(null, null, accountNumber);
        }
        return new StoredgePaymentMethod.NewAch(
            text(method, "firstName", at + "firstName", errors),
            text(method, "lastName", at + "lastName", errors),
            text(method, "accountType", at + "accountType", errors),
            text(method, "bankName", at + "bankName", errors),
            text(method, "routingNumber", at + "routingNumber", errors),
            last4(accountNumber), UNSEALED,
            billingAddress(method, errors));
      }
      case "CHECK" -> {
        unknownFields(method, at, STOREDGE_CHECK, errors);
        return new StoredgePaymentMethod.Check(
            text(method, "firstName", at + "firstName", errors),
            text(method, "lastName", at + "lastName", errors),
            text(method, "checkNumber", at + "checkNumber", errors),
            text(method, "nameOnCheck", at + "nameOnCheck", errors),
            billingAddress(method, errors));
      }
      case "CASH" -> {
        unknownFields(method, at, STOREDGE_CASH, errors);
        return new StoredgePaymentMethod.Cash(
            text(method, "firstName", at + "firstName", errors),
            text(method, "lastName", at + "lastName", errors),
            billingAddress(method, errors));
      }
      default -> {
        errors.add(new FieldError(at + "kind", "must be one of " + METHOD_KINDS));
        return null;
      }
    }
  }

  /**
   * A cardholder value: required, a JSON string matching {@code form}. The messages never contain the value, not even
   * in part (a number sent as a JSON number is refused without repeating it).
   */
  private static String secret(JsonNode method, String name, Pattern form, String rule, List<FieldError> errors) {
    String path = "target.paymentMethod." + name;
    JsonNode value = method.get(name);
    if (value == null || value.isNull()) {
      errors.add(new FieldError(path, "is required"));
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(path, "must be a string of digits"));
      return null;
    }
    if (!form.matcher(value.asText()).matches()) {
      errors.add(new FieldError(path, rule));
      return null;
    }
    return value.asText();
  }

  /** The Luhn check digit (ISO/IEC 7812) every payment card number carries. */
  public static boolean luhn(String digits) {
    int sum = 0;
    boolean twice = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int digit = digits.charAt(i) - '0';
      if (twice) {
        digit *= 2;
        if (digit > 9) {
          digit -= 9;
        }
      }
      sum += digit;
      twice = !twice;
    }
    return sum % 10 == 0;
  }

  private static String last4(String number) {
    return number == null ? NO_LAST4 : number.substring(number.length() - 4);
  }

  private StoredgeBillingAddress billingAddress(JsonNode method, List<FieldError> errors) {
    String at = "target.paymentMethod.billingAddress";
    JsonNode address = method.get("billingAddress");
    if (address == null || address.isNull()) {
      return null; // the validator says when it is required
    }
    if (!address.isObject()) {
      errors.add(new FieldError(at, "must be an object {address1, address2, city, state, postal, country}"));
      return null;
    }
    unknownFields(address, at + ".", BILLING_ADDRESS, errors);
    // address2, state and country are optional, so the validator does not look at them; bound them here (not in the
    // validator: that is workflow code, and a new rule there would change the outcome of postings already running)
    return new StoredgeBillingAddress(
        text(address, "address1", at + ".address1", errors),
        bounded(text(address, "address2", at + ".address2", errors), at + ".address2", errors),
        text(address, "city", at + ".city", errors),
        bounded(text(address, "state", at + ".state", errors), at + ".state", errors),
        text(address, "postal", at + ".postal", errors),
        bounded(text(address, "country", at + ".country", errors), at + ".country", errors));
  }

  private String bounded(String text, String path, List<FieldError> errors) {
    if (text != null && text.length() > limits.maxDescriptionLength()) {
      errors.add(new FieldError(path, "must be at most " + limits.maxDescriptionLength() + " characters"));
      return null;
    }
    return text;
  }
}
