package dev.postings.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.FieldError;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PostingTarget;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.ResmanTarget;
import dev.postings.model.Provider;
import dev.postings.model.TransactionDates;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the JSON of {@code POST /api/postings} into the canonical {@link PostingRequest}, collecting every type error
 * with the field's path (rather than stopping at the first, as data binding would). Unknown fields are errors: a
 * misspelt optional field must not be dropped silently.
 */
public final class PostingRequestReader {

  private static final Set<String> TOP_LEVEL = Set.of("postingId", "provider", "amount", "transactionDate",
      "paymentType", "referenceNumber", "description", "target");
  private static final Set<String> AMOUNT = Set.of("minor", "currency");
  private static final Set<String> RESMAN = Set.of("integrationId", "residentId", "notes");
  private static final Set<String> PROPERTYWARE = Set.of("integrationId", "leaseId", "residentId",
      "financialAccountId");

  /** Acquaint has two operations; the caller names one in {@code target.operation}. */
  static final String ACQUAINT_RENT = "RENT";
  static final String ACQUAINT_CHARGE = "CHARGE";
  private static final Set<String> ACQUAINT_RENT_FIELDS = Set.of("operation", "rentItemId", "tenancyId",
      "bankAccountId", "receivedFromContactId", "landlordId", "payAdvancedRentToLandlord");
  private static final Set<String> ACQUAINT_CHARGE_FIELDS = Set.of("operation", "chargeId", "bankAccountId",
      "receivedFromContactId", "payAdvanceRentToLandlordNow");

  private final ObjectMapper json;

  public PostingRequestReader(ObjectMapper json) {
    this.json = json;
  }

  /** The request, or the errors that kept it from being read. */
  public record Reading(PostingRequest request, List<FieldError> errors) {}

  public Reading read(String body) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (IOException malformed) {
      errors.add(new FieldError("body", "is not valid JSON"));
      return new Reading(null, errors);
    }
    if (root == null || !root.isObject()) {
      errors.add(new FieldError("body", "must be a JSON object"));
      return new Reading(null, errors);
    }
    unknownFields(root, "", TOP_LEVEL, errors);
    String postingId = text(root, "postingId", "postingId", errors);
    Provider provider = provider(root, errors);
    Money amount = amount(root, errors);
    Instant transactionDate = date(root, errors);
    String paymentType = text(root, "paymentType", "paymentType", errors);
    String referenceNumber = text(root, "referenceNumber", "referenceNumber", errors);
    String description = text(root, "description", "description", errors);
    PostingTarget target = target(root, provider, errors);
    return new Reading(new PostingRequest(postingId, provider, amount, transactionDate, paymentType,
        referenceNumber, description, target), errors);
  }

  private static Provider provider(JsonNode root, List<FieldError> errors) {
    String name = text(root, "provider", "provider", errors);
    if (name == null) {
      return null;
    }
    try {
      return Provider.valueOf(name);
    } catch (IllegalArgumentException unknown) {
      errors.add(new FieldError("provider", "must be one of " + Arrays.toString(Provider.values())));
      return null;
    }
  }

  private static Money amount(JsonNode root, List<FieldError> errors) {
    JsonNode amount = root.get("amount");
    if (amount == null || amount.isNull()) {
      return null;
    }
    if (!amount.isObject()) {
      errors.add(new FieldError("amount", "must be an object {minor, currency}"));
      return null;
    }
    unknownFields(amount, "amount.", AMOUNT, errors);
    JsonNode minor = amount.get("minor");
    Long minorUnits = null;
    if (minor == null || minor.isNull()) {
      errors.add(new FieldError("amount.minor", "is required"));
    } else if (!minor.isIntegralNumber()) {
      errors.add(new FieldError("amount.minor", "must be a whole number of minor units (cents, pence)"));
    } else if (!minor.canConvertToLong()) {
      errors.add(new FieldError("amount.minor", "is too large"));
    } else {
      minorUnits = minor.asLong();
    }
    String currency = text(amount, "currency", "amount.currency", errors);
    return minorUnits == null ? null : new Money(minorUnits, currency);
  }

  /** An ISO-8601 date-time with offset, or a plain date (taken as midnight UTC), as Propexo accepts. */
  private static Instant date(JsonNode root, List<FieldError> errors) {
    String text = text(root, "transactionDate", "transactionDate", errors);
    if (text == null) {
      return null;
    }
    Optional<Instant> date = TransactionDates.parse(text);
    if (date.isEmpty()) {
      errors.add(new FieldError("transactionDate",
          "must be an ISO-8601 date-time with offset (2024-01-15T09:30:00Z) or a date (2024-01-15)"));
    }
    return date.orElse(null);
  }

  private static PostingTarget target(JsonNode root, Provider provider, List<FieldError> errors) {
    JsonNode target = root.get("target");
    if (target == null || target.isNull()) {
      return null;
    }
    if (!target.isObject()) {
      errors.add(new FieldError("target", "must be an object"));
      return null;
    }
    if (provider == null) {
      return null; // the provider error says why; a target cannot be read without knowing whose it is
    }
    if (provider == Provider.PROPERTYWARE) {
      unknownFields(target, "target.", PROPERTYWARE, errors);
      return new PropertywareTarget(
          text(target, "integrationId", "target.integrationId", errors),
          text(target, "leaseId", "target.leaseId", errors),
          text(target, "residentId", "target.residentId", errors),
          text(target, "financialAccountId", "target.financialAccountId", errors));
    }
    if (provider == Provider.RESMAN) {
      unknownFields(target, "target.", RESMAN, errors);
      return new ResmanTarget(
          text(target, "integrationId", "target.integrationId", errors),
          text(target, "residentId", "target.residentId", errors),
          text(target, "notes", "target.notes", errors));
    }
    if (provider == Provider.ACQUAINT) {
      return acquaintTarget(target, errors);
    }
    errors.add(new FieldError("provider", provider + " postings are not available yet"));
    return null;
  }

  /**
   * {@code target.operation} says which Acquaint call the payment is: RENT (tenantpayments, against a rent-due item)
   * or CHARGE (reveivepaymentforcharge). Explicit rather than inferred from which ids are present, so that a request
   * carrying both, or a misspelt id, is an error and not a guess.
   */
  private static PostingTarget acquaintTarget(JsonNode target, List<FieldError> errors) {
    String operation = text(target, "operation", "target.operation", errors);
    if (operation == null) {
      if (!target.has("operation") || target.get("operation").isNull()) {
        errors.add(new FieldError("target.operation", "is required: " + ACQUAINT_RENT + " (tenant payment against a"
            + " rent-due item) or " + ACQUAINT_CHARGE + " (payment for a charge)"));
      }
      return null;
    }
    if (ACQUAINT_RENT.equals(operation)) {
      unknownFields(target, "target.", ACQUAINT_RENT_FIELDS, errors);
      return new AcquaintRentTarget(
          id(target, "rentItemId", errors),
          id(target, "tenancyId", errors),
          id(target, "bankAccountId", errors),
          id(target, "receivedFromContactId", errors),
          id(target, "landlordId", errors),
          bool(target, "payAdvancedRentToLandlord", errors));
    }
    if (ACQUAINT_CHARGE.equals(operation)) {
      unknownFields(target, "target.", ACQUAINT_CHARGE_FIELDS, errors);
      return new AcquaintChargeTarget(
          id(target, "chargeId", errors),
          id(target, "bankAccountId", errors),
          id(target, "receivedFromContactId", errors),
          bool(target, "payAdvanceRentToLandlordNow", errors));
    }
    errors.add(new FieldError("target.operation", "must be " + ACQUAINT_RENT + " or " + ACQUAINT_CHARGE));
    return null;
  }

  /** An Acquaint id: a JSON whole number (the validator checks its range). */
  private static Long id(JsonNode target, String name, List<FieldError> errors) {
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

  private static Boolean bool(JsonNode target, String name, List<FieldError> errors) {
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

  private static String text(JsonNode parent, String name, String path, List<FieldError> errors) {
    JsonNode value = parent.get(name);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      errors.add(new FieldError(path, "must be a string"));
      return null;
    }
    return value.asText();
  }

  private static void unknownFields(JsonNode object, String prefix, Set<String> known, List<FieldError> errors) {
    for (Iterator<String> names = object.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (!known.contains(name)) {
        errors.add(new FieldError(prefix + name, "is not a known field"));
      }
    }
  }
}
