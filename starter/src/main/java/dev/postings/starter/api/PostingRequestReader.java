package dev.postings.starter.api;

import static dev.postings.starter.api.JsonFields.bool;
import static dev.postings.starter.api.JsonFields.fieldName;
import static dev.postings.starter.api.JsonFields.id;
import static dev.postings.starter.api.JsonFields.text;
import static dev.postings.starter.api.JsonFields.unknownFields;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.postings.cardvault.CardSecrets;
import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.FieldError;
import dev.postings.model.Money;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingRequest;
import dev.postings.model.PostingTarget;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.ResmanTarget;
import dev.postings.model.Provider;
import dev.postings.model.TransactionDates;
import dev.postings.starter.connections.PostingConnections;
import dev.postings.starter.contract.RequestContract;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the JSON of {@code POST /api/postings} into the canonical {@link PostingRequest}, collecting every type error
 * with the field's path (rather than stopping at the first, as data binding would). Unknown fields are errors: a
 * misspelt optional field must not be dropped silently.
 *
 * <p>Cardholder data (a storEDGE card's number and security code, a bank account number) never enters the
 * {@link PostingRequest}: the reader checks it, returns it apart as {@link Reading#secrets()}, and leaves in the request
 * the last 4 digits and {@link StoredgeTargetReader#UNSEALED} as the vault reference, which {@link PostingService} replaces by the card
 * vault's reference. No error message ever repeats a value of these fields.
 */
public final class PostingRequestReader {

  private static final Set<String> TOP_LEVEL = Set.of("postingId", "connectionId", "provider", "amount", "transactionDate",
      "paymentType", "referenceNumber", "description", "target", "callbackUrl");
  private static final int MAX_CALLBACK_URL_LENGTH = 2048;
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

  /** A connection's id: the slug the connections store takes (docs/decisions/0023-connections.md). */
  private static final Pattern CONNECTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  /**
   * Strict JSON: a key twice in one object (which value counts differs from parser to parser, so the request is
   * ambiguous) and anything after the object (a lenient parser reads the first object and ignores the rest) are errors.
   */
  private final ObjectReader json;
  private final RequestContract contract;
  private final PostingConnections connections;
  private final StoredgeTargetReader storedgeTargets;

  public PostingRequestReader(ObjectMapper json) {
    this(json, PostingLimits.defaults());
  }

  /** @param limits bound the fields the validator leaves unbounded (billing address lines) */
  public PostingRequestReader(ObjectMapper json, PostingLimits limits) {
    this(json, limits, new RequestContract(json, limits));
  }

  /** @param contract the published request contract, checked first: its errors are the ones the answer leads with */
  public PostingRequestReader(ObjectMapper json, PostingLimits limits, RequestContract contract) {
    this(json, limits, contract, (connectionId, provider) -> Optional.empty());
  }

  /** @param connections whether a posting may name a connection (exists, active, of the provider's API) */
  public PostingRequestReader(ObjectMapper json, PostingLimits limits, RequestContract contract,
      PostingConnections connections) {
    this.connections = connections;
    this.json = json.reader()
        .with(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    this.contract = contract;
    this.storedgeTargets = new StoredgeTargetReader(limits);
  }

  /**
   * The request, or the errors that kept it from being read.
   *
   * @param secrets the cardholder data of a new card or bank account, to be sealed in the card vault before the
   *     posting starts; null when the request carries none. Its {@code toString()} masks the values.
   * @param callbackUrl where to POST the posting's end (http or https), or null. Not part of the payment: it is left
   *     out of the request and its fingerprint.
   */
  public record Reading(PostingRequest request, List<FieldError> errors, CardSecrets secrets, String callbackUrl) {

    public Reading(PostingRequest request, List<FieldError> errors) {
      this(request, errors, null, null);
    }
  }

  public Reading read(String body) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode root;
    try {
      root = body == null || body.isBlank() ? null : json.readTree(body);
    } catch (JsonParseException malformed) {
      // Jackson's own message is not passed on: it quotes the text around the fault, which may be a card number
      errors.add(duplicateKey(malformed).orElse(new FieldError("body", "is not valid JSON")));
      return new Reading(null, errors);
    } catch (IOException malformed) {
      errors.add(new FieldError("body", "is not valid JSON"));
      return new Reading(null, errors);
    }
    if (root == null || !root.isObject()) {
      errors.add(new FieldError("body", "must be a JSON object"));
      return new Reading(null, errors);
    }
    // The contract (JSON Schema) first: structure, types, required fields, allowed values, per provider target. The
    // reading below still collects what only code can say (text without control characters, the card's check digit)
    // and builds the request; where both find a fault in the same field, the contract's sentence is the one answered.
    List<FieldError> broken = contract.checkPostingRequest(root);
    unknownFields(root, "", TOP_LEVEL, errors);
    String postingId = text(root, "postingId", "postingId", errors);
    Provider provider = provider(root, errors);
    String connectionId = connectionId(root, provider, errors);
    Money amount = amount(root, errors);
    Instant transactionDate = date(root, errors);
    String paymentType = text(root, "paymentType", "paymentType", errors);
    String referenceNumber = text(root, "referenceNumber", "referenceNumber", errors);
    String description = text(root, "description", "description", errors);
    CardSecrets[] secrets = new CardSecrets[1];
    PostingTarget target = target(root, provider, errors, secrets);
    if (provider == Provider.STOREDGE && paymentType != null) {
      // not carried anywhere: accepting it would let a caller believe it mattered (and put any text in history)
      errors.add(new FieldError("paymentType", "is not used for STOREDGE: target.paymentMethod.kind says how the"
          + " tenant pays"));
    }
    String callbackUrl = callbackUrl(root, errors);
    return new Reading(new PostingRequest(postingId, provider, amount, transactionDate, paymentType,
        referenceNumber, description, target, connectionId), RequestContract.merge(broken, errors), secrets[0],
        callbackUrl);
  }

  /**
   * The connection the posting is made with: required, a slug, and (when the provider is known) one that exists, is
   * active and is of the provider's API. Only the id is ever repeated in an error, never anything of the connection.
   */
  private String connectionId(JsonNode root, Provider provider, List<FieldError> errors) {
    String connectionId = text(root, "connectionId", "connectionId", errors);
    if (connectionId == null) {
      if (!root.has("connectionId") || root.get("connectionId").isNull()) {
        errors.add(new FieldError("connectionId", "is required: the customer account at the provider's API to post"
            + " with (GET /api/connections)"));
      }
      return null;
    }
    if (!CONNECTION_ID.matcher(connectionId).matches()) {
      errors.add(new FieldError("connectionId", "must be 2-63 lower-case letters, digits and dashes"));
      return null;
    }
    if (provider != null) {
      connections.refusal(connectionId, provider)
          .ifPresent(why -> errors.add(new FieldError("connectionId", why)));
    }
    return connectionId;
  }

  /** An absolute http(s) URL with a host; the posting POSTs its end there. */
  private static String callbackUrl(JsonNode root, List<FieldError> errors) {
    String url = text(root, "callbackUrl", "callbackUrl", errors);
    if (url == null) {
      return null;
    }
    try {
      URI parsed = new URI(url);
      boolean web = "http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme());
      if (!web || parsed.getHost() == null || parsed.getRawUserInfo() != null
          || url.length() > MAX_CALLBACK_URL_LENGTH) {
        errors.add(new FieldError("callbackUrl", "must be an absolute http or https URL with a host, without"
            + " user info, at most " + MAX_CALLBACK_URL_LENGTH + " characters"));
        return null;
      }
      return url;
    } catch (URISyntaxException malformed) {
      errors.add(new FieldError("callbackUrl", "must be an absolute http or https URL"));
      return null;
    }
  }

  /**
   * A key that appears twice in one object ({@link StreamReadFeature#STRICT_DUPLICATE_DETECTION}), named by its path;
   * empty for any other fault.
   */
  private static Optional<FieldError> duplicateKey(JsonParseException malformed) {
    JsonParser parser = malformed.getProcessor();
    if (parser == null || !String.valueOf(malformed.getOriginalMessage()).startsWith("Duplicate field")) {
      return Optional.empty();
    }
    List<String> names = new ArrayList<>();
    for (JsonStreamContext context = parser.getParsingContext(); context != null; context = context.getParent()) {
      if (context.inObject() && context.getCurrentName() != null) {
        names.add(0, fieldName(context.getCurrentName()));
      } else if (context.inArray()) {
        return Optional.of(new FieldError("body", "has a field that appears more than once"));
      }
    }
    return Optional.of(new FieldError(String.join(".", names), "appears more than once"));
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

  private PostingTarget target(JsonNode root, Provider provider, List<FieldError> errors,
      CardSecrets[] secrets) {
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
    if (provider == Provider.STOREDGE) {
      return storedgeTargets.read(target, errors, secrets);
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
}
