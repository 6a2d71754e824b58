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
 * The body of {@code POST /v1/resident-payments/propertyware_rest/} exactly as seed 000 documents it, checked the way
 * Propexo does (Zod): every issue is reported, in Zod's issue shape.
 */
final class PropertywarePaymentSchema {

  static final List<String> PAYMENT_TYPES = List.of("CHECK", "CHECK21", "CASHIERS_CHECK", "CREDIT_CARD", "CASH",
      "MONEY_ORDER", "OTHER", "CLICKPAY", "SECTION8", "EPAY", "ECHECK", "NACHA", "RENTMONEY", "PUBLIC_ASSISTANCE");

  private static final List<String> REQUIRED_STRINGS = List.of("integration_id", "lease_id", "resident_id",
      "financial_account_id", "transaction_date", "payment_type", "reference_number");
  private static final Set<String> KNOWN = Set.of("integration_id", "lease_id", "resident_id",
      "financial_account_id", "amount_in_cents", "transaction_date", "payment_type", "reference_number",
      "description");

  private PropertywarePaymentSchema() {}

  static List<Map<String, Object>> issues(JsonNode body, boolean ignoreUnknownFields) {
    List<Map<String, Object>> issues = new ArrayList<>();
    if (body == null || !body.isObject()) {
      issues.add(typeIssue("", "object", body == null ? "undefined" : received(body)));
      return issues;
    }
    for (String field : REQUIRED_STRINGS) {
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
    if (paymentType != null && paymentType.isTextual() && !PAYMENT_TYPES.contains(paymentType.asText())) {
      issues.add(issue("invalid_enum_value", "payment_type",
          "Invalid enum value. Expected " + String.join(" | ", PAYMENT_TYPES.stream().map(t -> "'" + t + "'").toList())
              + ", received '" + paymentType.asText() + "'",
          Map.of("options", PAYMENT_TYPES, "received", paymentType.asText())));
    }
    JsonNode date = body.get("transaction_date");
    if (date != null && date.isTextual() && !isDateTimeOrDate(date.asText())) {
      issues.add(issue("invalid_string", "transaction_date", "Invalid datetime", Map.of("validation", "datetime")));
    }
    JsonNode description = body.get("description");
    if (description != null && !description.isNull() && !description.isTextual()) {
      issues.add(typeIssue("description", "string", received(description)));
    }
    if (!ignoreUnknownFields) {
      List<String> unknown = new ArrayList<>();
      for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
        String name = names.next();
        if (!KNOWN.contains(name)) {
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

  /** Propexo accepts a date-time or a plain {@code YYYY-MM-DD} (seed 000, PROVIDERS.md 1a). */
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
