package dev.postings.starter.contract;

import com.networknt.schema.Error;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The sentence an API error shows for a broken rule of the contract, made from the rule's keyword and the schema's own
 * values (the expected type, the pattern, the bound, the allowed values). The value sent is never part of it: it may be
 * a card number or a security code.
 */
final class ContractMessages {

  private ContractMessages() {}

  static String of(Error error) {
    Object[] arguments = error.getArguments() == null ? new Object[0] : error.getArguments();
    String keyword = String.valueOf(error.getKeyword());
    return switch (keyword) {
      case "required" -> "is required";
      case "additionalProperties", "unevaluatedProperties", "false" -> "is not a known field";
      case "type" -> "must be " + expectedType(argument(arguments, 1));
      case "enum" -> "must be one of " + argument(arguments, 0);
      case "const" -> "must be " + argument(arguments, 0);
      case "pattern" -> "must match " + argument(arguments, 0);
      case "minLength" -> "1".equals(argument(arguments, 0)) ? "is required"
          : "must be at least " + argument(arguments, 0) + " characters";
      case "maxLength" -> "must be at most " + argument(arguments, 0) + " characters";
      case "minimum" -> "must be at least " + argument(arguments, 0);
      case "maximum" -> "must be at most " + argument(arguments, 0);
      default -> "does not keep the contract (" + keyword + ")";
    };
  }

  private static String argument(Object[] arguments, int index) {
    if (index >= arguments.length || arguments[index] == null) {
      return "";
    }
    Object value = arguments[index];
    return value instanceof Object[] many ? Arrays.toString(many) : String.valueOf(value);
  }

  /** "string" -> "a string"; "[string, null]" -> "a string" (absent or null is allowed anyway); "null" -> absent. */
  static String expectedType(String expected) {
    List<String> types = Arrays.stream(expected.replace("[", "").replace("]", "").split(","))
        .map(String::trim).filter(type -> !type.isEmpty() && !type.equals("null")).toList();
    if (types.isEmpty()) {
      return "absent: it is not used here";
    }
    return types.stream().map(type -> switch (type) {
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "string" -> "a string";
      case "boolean" -> "true or false";
      case "object" -> "an object";
      case "array" -> "an array";
      default -> type;
    }).collect(Collectors.joining(" or "));
  }
}
