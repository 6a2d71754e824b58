package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The body of a PMS-specific Create Resident Payment, exactly as its seed documents it, checked the way Propexo does
 * (Zod): every issue is reported, in Zod's issue shape.
 */
final class ResidentPaymentSchema {

  /**
   * {@code POST /v1/resident-payments/propertyware_rest/}
   * (docs/providers/propexo.md#create-resident-payment-propertyware-rest): description optional, transaction_date a
   * date-time or a plain date.
   */
  static final ResidentPaymentSchema PROPERTYWARE = new ResidentPaymentSchema(
      List.of("integration_id", "lease_id", "resident_id", "financial_account_id", "transaction_date", "payment_type",
          "reference_number"),
      List.of("description"),
      List.of("CHECK", "CHECK21", "CASHIERS_CHECK", "CREDIT_CARD", "CASH", "MONEY_ORDER", "OTHER", "CLICKPAY",
          "SECTION8", "EPAY", "ECHECK", "NACHA", "RENTMONEY", "PUBLIC_ASSISTANCE"),
      true);

  /**
   * {@code POST /v1/resident-payments/resman/} (docs/providers/propexo.md#create-resident-payment-resman): every field
   * required, transaction_date a date-time; the payment types are the generic endpoint's list
   * (docs/providers/propexo.md#resman-payment-types).
   */
  static final ResidentPaymentSchema RESMAN = new ResidentPaymentSchema(
      List.of("integration_id", "resident_id", "payment_type", "batch_id", "transaction_date", "description", "notes",
          "reference_number"),
      List.of(),
      List.of("ACH", "Cash", "Cashiers Check", "Check", "Credit Card", "Debit Card", "eCheck", "Money Order"),
      false);

  private final List<String> requiredStrings;
  private final List<String> optionalStrings;
  final List<String> paymentTypes;
  private final boolean plainDateAllowed;
  private final Set<String> known;

  private ResidentPaymentSchema(List<String> requiredStrings, List<String> optionalStrings, List<String> paymentTypes,
      boolean plainDateAllowed) {
    this.requiredStrings = requiredStrings;
    this.optionalStrings = optionalStrings;
    this.paymentTypes = paymentTypes;
    this.plainDateAllowed = plainDateAllowed;
    Set<String> names = new java.util.HashSet<>(requiredStrings);
    names.addAll(optionalStrings);
    names.add("amount_in_cents");
    this.known = Set.copyOf(names);
  }

  List<Map<String, Object>> issues(JsonNode body, boolean ignoreUnknownFields) {
    List<Map<String, Object>> issues = new ArrayList<>();
    if (body == null || !body.isObject()) {
      issues.add(typeIssue("", "object", body == null ? "undefined" : received(body)));
      return issues;
    }
    for (String field : requiredStrings) {
      JsonNode value = body.get(field);
      if (value == null || value.isNull()) {
        issues.add(typeIssue(field, "string", value == null ? "undefined" : "null"));
      } else if (!value.isTextual()) {
        issues.add(typeIssue(field, "string", received(value)));
      }
    }
    JsonNode amount = body.get("amount_in_cents");
    if (amount == null || amount.isNull()) {
      issues.add(typeIssue("amount_in_cents", "number", amount == null ? "undefined" : "null"));
    } else if (!amount.isNumber()) {
      issues.add(typeIssue("amount_in_cents", "number", received(amount)));
    } else if (!amount.isIntegralNumber()) {
      issues.add(issue("invalid_type", "amount_in_cents", "Expected integer, received float",
          Map.of("expected", "integer", "received", "float")));
    }
    JsonNode paymentType = body.get("payment_type");
    if (paymentType != null && paymentType.isTextual() && !paymentTypes.contains(paymentType.asText())) {
      issues.add(issue("invalid_enum_value", "payment_type",
          "Invalid enum value. Expected " + String.join(" | ", paymentTypes.stream().map(t -> "'" + t + "'").toList())
              + ", received '" + paymentType.asText() + "'",
          Map.of("options", paymentTypes, "received", paymentType.asText())));
    }
    JsonNode date = body.get("transaction_date");
    if (date != null && date.isTextual()
        && !(plainDateAllowed ? isDateTimeOrDate(date.asText()) : isDateTime(date.asText()))) {
      issues.add(issue("invalid_string", "transaction_date", "Invalid datetime", Map.of("validation", "datetime")));
    }
    for (String field : optionalStrings) {
      JsonNode value = body.get(field);
      if (value != null && !value.isNull() && !value.isTextual()) {
        issues.add(typeIssue(field, "string", received(value)));
      }
    }
    if (!ignoreUnknownFields) {
      List<String> unknown = new ArrayList<>();
      for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!known.contains(name)) {
          unknown.add(name);
        }
      }
      if (!unknown.isEmpty()) {
        issues.add(issue("unrecognized_keys", "", "Unrecognized key(s) in object: "
            + String.join(", ", unknown.stream().map(k -> "'" + k + "'").toList()), Map.of("keys", unknown)));
      }
    }
    return issues;
  }

  static boolean isDateTime(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException notDateTime) {
      return false;
    }
  }

  /**
   * Propexo accepts a date-time or a plain {@code YYYY-MM-DD} (our reading of an unformatted string:
   * docs/providers/propexo.md#what-we-decided-for-propertyware).
   */
  static boolean isDateTimeOrDate(String text) {
    try {
      OffsetDateTime.parse(text);
      return true;
    } catch (DateTimeParseException notDateTime) {
      try {
        LocalDate.parse(text);
        return text.length() == 10;
      } catch (DateTimeParseException notDate) {
        return false;
      }
    }
  }

  private static Map<String, Object> typeIssue(String field, String expected, String received) {
    return issue("invalid_type", field, "undefined".equals(received) ? "Required"
        : "Expected " + expected + ", received " + received, Map.of("expected", expected, "received", received));
  }

  private static Map<String, Object> issue(String code, String field, String message, Map<String, Object> extra) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("code", code);
    issue.putAll(extra);
    issue.put("path", field.isEmpty() ? List.of() : List.of(field));
    issue.put("message", message);
    return issue;
  }

  private static String received(JsonNode value) {
    if (value.isTextual()) {
      return "string";
    }
    if (value.isNumber()) {
      return "number";
    }
    if (value.isBoolean()) {
      return "boolean";
    }
    if (value.isArray()) {
      return "array";
    }
    if (value.isNull()) {
      return "null";
    }
    return "object";
  }
}
