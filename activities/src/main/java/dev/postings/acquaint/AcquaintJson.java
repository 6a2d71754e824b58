package dev.postings.acquaint;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Iterator;

/** Acquaint's JSON conventions: names match case-insensitively, amounts are decimal pounds, dates local GMT. */
final class AcquaintJson {

  private AcquaintJson() {}

  /** How Acquaint bodies are written and read: decimals as BigDecimal, written plain, so amounts stay exact. */
  static ObjectMapper exact(ObjectMapper json) {
    return json.copy()
        .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
        .enable(JsonGenerator.Feature.WRITE_BIGDECIMAL_AS_PLAIN);
  }

  /** A property by name, ignoring case (ASP.NET serialises PascalCase, samples show camelCase); MissingNode if none. */
  static JsonNode field(JsonNode object, String name) {
    if (object == null || !object.isObject()) {
      return MissingNode.getInstance();
    }
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String candidate = names.next();
      if (candidate.equalsIgnoreCase(name)) {
        return object.get(candidate);
      }
    }
    return MissingNode.getInstance();
  }

  /** Pence as exact decimal pounds: 1999 is 19.99, never a binary fraction. */
  static BigDecimal pounds(long minor) {
    return BigDecimal.valueOf(minor, 2);
  }

  /** Decimal pounds as pence; null when absent or not a whole number of pence (which would need rounding). */
  static Long minor(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return null;
    }
    try {
      BigDecimal pounds = value.isNumber() ? value.decimalValue() : new BigDecimal(value.asText().trim());
      return pounds.setScale(2, RoundingMode.UNNECESSARY).movePointRight(2).longValueExact();
    } catch (ArithmeticException | NumberFormatException notPence) {
      return null;
    }
  }

  static Long id(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return null;
    }
    if (value.isIntegralNumber() && value.canConvertToLong()) {
      return value.asLong();
    }
    if (value.isTextual() && value.asText().trim().matches("-?[0-9]{1,18}")) {
      return Long.parseLong(value.asText().trim());
    }
    return null;
  }

  static String text(JsonNode object, String name) {
    JsonNode value = field(object, name);
    return value.isValueNode() && !value.isNull() ? value.asText() : null;
  }

  /**
   * An instant as Acquaint's ISO local date-time in GMT, to the minute as in Acquaint's samples ({@code
   * 2026-03-13T12:39}) or to the second when it has seconds. docs/providers/acquaint.md#amounts-and-dates says GMT;
   * should Acquaint mean UK civil time, this is the one place to change.
   */
  static String localDateTime(Instant instant) {
    return LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC).toString();
  }
}
