package dev.postings.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.model.FieldError;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * How the request readers read one field of a JSON body: the type it must have, and the error that names the field
 * when it does not. A missing or null field is read as null; whether it is required is the validator's to say.
 */
final class JsonFields {

  private JsonFields() {}

  static String text(JsonNode parent, String name, String path, List<FieldError> errors) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(path, "must be a string"));
      return null;
    }
    if (!isText(value.asText())) {
      errors.add(new FieldError(path, "must be text: no control characters other than tab and line breaks, no"
          + " unpaired surrogates or Unicode noncharacters"));
      return null;
    }
    return value.asText();
  }

  /**
   * Whether every character is one a person could have meant: JSON lets a string carry any escaped code unit, NUL, ESC
   * and half a surrogate pair included, and those would reach the provider's ledger (or break its encoding). Tab and
   * line breaks stay allowed here (a description may have lines); the validator refuses them in identifiers.
   */
  static boolean isText(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        int codePoint = Character.toCodePoint(c, text.charAt(++i));
        if ((codePoint & 0xfffe) == 0xfffe) {
          return false; // U+1FFFE, U+1FFFF ... U+10FFFF: noncharacters
        }
        continue;
      }
      if (Character.isSurrogate(c) || (c >= 0xfdd0 && c <= 0xfdef) || c == 0xfffe || c == 0xffff
          || (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r')) {
        return false;
      }
    }
    return true;
  }

  /** An Acquaint id: a JSON whole number (the validator checks its range). */
  static Long id(JsonNode target, String name, List<FieldError> errors) {
    JsonNode value = target.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isIntegralNumber() || !value.canConvertToLong()) {
      errors.add(new FieldError("target." + name, "must be a whole number (an Acquaint id)"));
      return null;
    }
    return value.asLong();
  }

  static Boolean bool(JsonNode target, String name, List<FieldError> errors) {
    JsonNode value = target.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isBoolean()) {
      errors.add(new FieldError("target." + name, "must be true or false"));
      return null;
    }
    return value.asBoolean();
  }

  static void unknownFields(JsonNode object, String prefix, Set<String> known, List<FieldError> errors) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(new FieldError(prefix + fieldName(name), "is not a known field"));
      }
    }
  }

  /** A field's name as errors show it: an empty name as {@code ""}, so that the error still names something. */
  static String fieldName(String name) {
    return name.isEmpty() ? "\"\"" : name;
  }
}
