package dev.postings.sandbox.acquaint;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * ASP.NET model binding as Acquaint's API does it: property names match case-insensitively, unknown properties are
 * ignored, and every value that cannot be bound becomes a ModelState entry keyed by its path ({@code
 * request.Payments[0].ReceivedAmount}), so that one 400 names every field at fault.
 */
final class ModelBinding {

  private final Map<String, List<String>> modelState = new LinkedHashMap<>();

  /** An object's properties by lower-cased name. */
  static Map<String, JsonNode> fields(JsonNode object) {
    Map<String, JsonNode> fields = new HashMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(field -> fields.put(field.getKey().toLowerCase(Locale.ROOT), field.getValue()));
    }
    return fields;
  }

  void error(String path, String message) {
    modelState.computeIfAbsent(path, p -> new ArrayList<>()).add(message);
  }

  boolean hasErrors() {
    return !modelState.isEmpty();
  }

  Map<String, List<String>> modelState() {
    return modelState;
  }

  private static JsonNode value(Map<String, JsonNode> fields, String name) {
    JsonNode value = fields.get(name.toLowerCase(Locale.ROOT));
    return value == null || value.isNull() ? null : value;
  }

  /** A .NET {@code int}; null when absent. */
  Long integer(Map<String, JsonNode> fields, String name, String path) {
    JsonNode value = value(fields, name);
    if (value == null) {
      return null;
    }
    try {
      long number;
      if (value.isIntegralNumber() && value.canConvertToLong()) {
        number = value.asLong();
      } else if (value.isTextual()) {
        number = Long.parseLong(value.asText().trim());
      } else {
        throw new NumberFormatException();
      }
      if (number < Integer.MIN_VALUE || number > Integer.MAX_VALUE) {
        throw new NumberFormatException();
      }
      return number;
    } catch (NumberFormatException notAnInt) {
      error(path, "Could not convert " + value + " to System.Int32.");
      return null;
    }
  }

  /** A .NET {@code decimal} amount in pounds: positive, at most two decimal places. Null when absent or invalid. */
  BigDecimal amount(Map<String, JsonNode> fields, String name, String path) {
    JsonNode value = value(fields, name);
    if (value == null) {
      return null;
    }
    BigDecimal amount;
    try {
      if (value.isNumber()) {
        amount = value.decimalValue();
      } else if (value.isTextual()) {
        amount = new BigDecimal(value.asText().trim());
      } else {
        throw new NumberFormatException();
      }
    } catch (NumberFormatException notADecimal) {
      error(path, "Could not convert " + value + " to System.Decimal.");
      return null;
    }
    if (amount.stripTrailingZeros().scale() > 2) {
      error(path, "The amount " + amount.toPlainString() + " has more than two decimal places.");
      return null;
    }
    if (amount.signum() <= 0) {
      error(path, "The amount must be greater than 0.");
      return null;
    }
    return amount.setScale(2);
  }

  /** A .NET {@code DateTime}: an ISO local date-time (GMT), a date, or a date-time with offset (taken to GMT). */
  LocalDateTime date(Map<String, JsonNode> fields, String name, String path) {
    JsonNode value = value(fields, name);
    if (value == null) {
      return null;
    }
    LocalDateTime date = parseDate(value.isTextual() ? value.asText().trim() : "");
    if (date == null) {
      error(path, "Could not convert " + value + " to System.DateTime.");
    }
    return date;
  }

  static LocalDateTime parseDate(String text) {
    try {
      return LocalDateTime.parse(text);
    } catch (DateTimeParseException notLocal) {
      try {
        return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).toLocalDateTime();
      } catch (DateTimeParseException notOffset) {
        try {
          return LocalDate.parse(text).atStartOfDay();
        } catch (DateTimeParseException notDate) {
          return null;
        }
      }
    }
  }

  Boolean bool(Map<String, JsonNode> fields, String name, String path) {
    JsonNode value = value(fields, name);
    if (value == null) {
      return null;
    }
    if (value.isBoolean()) {
      return value.asBoolean();
    }
    if (value.isTextual() && (value.asText().equalsIgnoreCase("true") || value.asText().equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(value.asText());
    }
    error(path, "Could not convert " + value + " to System.Boolean.");
    return null;
  }

  String text(Map<String, JsonNode> fields, String name, String path) {
    JsonNode value = value(fields, name);
    if (value == null) {
      return null;
    }
    if (!value.isValueNode()) {
      error(path, "Could not convert " + value + " to System.String.");
      return null;
    }
    return value.asText();
  }

  /** A required, positive id: ASP.NET binds a missing int as 0, which the API then refuses. */
  long requiredId(Map<String, JsonNode> fields, String name, String path) {
    Long id = integer(fields, name, path);
    if (id == null && !modelState.containsKey(path)) {
      error(path, "The " + name + " field is required.");
    } else if (id != null && id <= 0) {
      error(path, "The " + name + " must be greater than 0.");
    }
    return id == null ? 0 : id;
  }
}
