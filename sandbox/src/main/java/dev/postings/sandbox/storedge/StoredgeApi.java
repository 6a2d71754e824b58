package dev.postings.sandbox.storedge;

import static dev.postings.sandbox.storedge.StoredgeError.param;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.sandbox.storedge.StoredgeBook.Ledger;
import dev.postings.sandbox.storedge.StoredgeBook.Payment;
import dev.postings.sandbox.storedge.StoredgeSandboxProperties.Facility;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * storEDGE's ledger endpoints (docs/providers/storedge.md#endpoints) under {@link StoredgeOAuthGate#PREFIX}:
 * make_payment moves money and answers with the whole ledger; the ledger reads back. Nothing here logs a request body:
 * card numbers, security codes and account numbers pass through, and {@code meta.parameters} shows them as {@code
 * [FILTERED]}.
 */
@RestController
public class StoredgeApi {

  /**
   * Fields of {@code payment_method} that are cardholder data (storEDGE filters card_number and security_code:
   * docs/providers/storedge.md#payment-methods-and-cardholder-data).
   */
  static final Set<String> FILTERED = Set.of("card_number", "security_code", "account_number",
      "account_number_confirmation", "magnetic_track");
  private static final Set<String> METHOD_KINDS = Set.of("ach", "credit_card", "check", "cash", "card_swipe");
  private static final List<String> CARD_TYPES =
      List.of("visa", "mastercard", "american_express", "diners", "discover", "jcb");
  private static final Pattern DECIMAL = Pattern.compile("[0-9]+(\\.[0-9]{1,2})?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern EXPIRATION = Pattern.compile("(0[1-9]|1[0-2])/[0-9]{2}");
  private static final String BASE = StoredgeOAuthGate.PREFIX + "/v1/{facilityId}/ledgers/";

  private final StoredgeBook book;
  private final StoredgeSandboxProperties properties;
  private final ObjectMapper json;

  public StoredgeApi(StoredgeBook book, StoredgeSandboxProperties properties, ObjectMapper json) {
    this.book = book;
    this.properties = properties;
    this.json = json;
  }

  @GetMapping(BASE + "{ledgerId}")
  ResponseEntity<?> ledger(@RequestAttribute(StoredgeOAuthGate.OPERATOR_ATTRIBUTE) String operator, @PathVariable String facilityId, @PathVariable String ledgerId) {
    synchronized (book) {
      if (!visible(facilityId, operator)) {
        return notFound(facilityId, ledgerId);
      }
      return book.ledger(facilityId, ledgerId)
          .<ResponseEntity<?>>map(ledger -> ResponseEntity.ok(answer(ledger, "GET", null)))
          .orElseGet(() -> notFound(facilityId, ledgerId));
    }
  }

  @PostMapping(BASE + "{ledgerId}/make_payment")
  ResponseEntity<?> makePayment(@RequestAttribute(StoredgeOAuthGate.OPERATOR_ATTRIBUTE) String operator, @PathVariable String facilityId, @PathVariable String ledgerId,
      @RequestBody(required = false) String raw) {
    JsonNode body;
    try {
      body = raw == null ? null : json.readTree(raw);
    } catch (Exception malformed) {
      return StoredgeError.of(HttpStatus.BAD_REQUEST, "InvalidParameters", "the body is not valid JSON");
    }
    if (body == null || !body.isObject()) {
      return StoredgeError.of(HttpStatus.BAD_REQUEST, "InvalidParameters", "the body must be a JSON object");
    }
    ObjectNode parameters = filtered((ObjectNode) body, facilityId, ledgerId);
    synchronized (book) {
      Optional<Facility> facility = book.facility(facilityId);
      Optional<Ledger> found = book.ledger(facilityId, ledgerId);
      if (facility.isEmpty() || found.isEmpty() || !visible(facilityId, operator)) {
        return notFound(facilityId, ledgerId);
      }
      Ledger ledger = found.get();
      JsonNode payment = body.path("payment");
      JsonNode method = body.path("payment_method");
      List<Map<String, String>> errors = new ArrayList<>();
      if (!payment.isObject()) {
        errors.add(param("payment", "is required and must be a hash"));
      }
      if (!method.isObject()) {
        errors.add(param("payment_method", "is required and must be a hash"));
      }
      if (!errors.isEmpty()) {
        return invalid(errors);
      }
      // [doc] "ensures the payment is not processed more than once; generated if not provided"
      String key = text(payment, "idempotency_key");
      if (key != null) {
        Optional<Payment> earlier = book.byIdempotencyKey(key);
        if (earlier.isPresent()) {
          if (!earlier.get().ledgerId().equals(ledger.id)) {
            return StoredgeError.of(HttpStatus.UNPROCESSABLE_ENTITY, "IdempotencyKeyReused",
                "payment[idempotency_key] was already used for another ledger");
          }
          return ResponseEntity.ok(answer(ledger, "POST", parameters));
        }
      } else {
        key = UUID.randomUUID().toString();
      }

      String kind = text(payment, "kind");
      long amount;
      int months = 0;
      long balance = ledger.balanceCents();
      if (kind == null || !Set.of("custom", "prepay", "balance").contains(kind)) {
        return invalid(List.of(param("payment[kind]", "must be one of custom, prepay, balance")));
      }
      if (kind.equals("custom")) {
        if (facility.get().partialPaymentsDisabled()) {
          return StoredgeError.of(HttpStatus.FORBIDDEN, "AccessDenied",
              "this facility does not accept partial (custom) payments");
        }
        String given = text(payment, "amount");
        if (given == null || !DECIMAL.matcher(given).matches()) {
          return invalid(List.of(param("payment[amount]", "is required for custom and must be a decimal string")));
        }
        amount = StoredgeBook.cents(new BigDecimal(given).setScale(2));
        if (amount <= 0) {
          return invalid(List.of(param("payment[amount]", "must be greater than 0")));
        }
        if (amount > balance) {
          return invalid(List.of(param("payment[amount]",
              "must not exceed the current balance of " + StoredgeBook.dollars(balance))));
        }
      } else if (kind.equals("prepay")) {
        String given = text(payment, "months");
        if (given == null || !DIGITS.matcher(given).matches() || given.length() > 3
            || Integer.parseInt(given) < 1 || Integer.parseInt(given) > properties.maxPrepayMonths()) {
          return invalid(List.of(param("payment[months]",
              "is required for prepay and must be 1-" + properties.maxPrepayMonths())));
        }
        months = Integer.parseInt(given);
        amount = balance + months * ledger.rateCents;
      } else {
        if (balance <= 0) {
          return invalid(List.of(param("payment[kind]", "there is no balance to pay")));
        }
        amount = balance;
      }

      String methodKind;
      String description;
      String storedId = text(method, "payment_method_id");
      if (storedId != null) {
        if (!ledger.paymentMethodIds.contains(storedId)) {
          return invalid(List.of(param("payment_method[payment_method_id]", "is not a payment method of this tenant")));
        }
        methodKind = "stored";
        description = "Stored payment method";
      } else {
        methodKind = text(method, "kind");
        errors.addAll(newMethodErrors(method, methodKind, amount));
        if (!errors.isEmpty()) {
          return invalid(errors);
        }
        description = describe(method, methodKind);
        String number = methodKind.equals("ach") ? text(method, "account_number") : text(method, "card_number");
        if (number != null && properties.declinedCardLast4().stream().anyMatch(number::endsWith)) {
          return StoredgeError.of(HttpStatus.UNPROCESSABLE_ENTITY, "PaymentDeclined",
              "the payment was declined by the processor (" + description + ")");
        }
      }

      // Faults (a 500 before or after the charge, a lost answer) come from the sandbox-wide FaultFilter.
      book.pay(ledger, key, kind, amount, months, methodKind, description);
      return ResponseEntity.ok(answer(ledger, "POST", parameters));
    }
  }

  /**
   * The fields storEDGE requires for each kind of new method
   * (docs/providers/storedge.md#payment-methods-and-cardholder-data). Messages name fields only, never values.
   */
  private List<Map<String, String>> newMethodErrors(JsonNode method, String kind, long amount) {
    List<Map<String, String>> errors = new ArrayList<>();
    String at = "payment_method[";
    if (kind == null || !METHOD_KINDS.contains(kind)) {
      errors.add(param(at + "kind]", "is required without payment_method_id and must be one of " + METHOD_KINDS));
      return errors;
    }
    require(method, "first_name", errors);
    require(method, "last_name", errors);
    if (properties.billingAddressRequired() && !method.path("billing_address_attributes").isObject()) {
      errors.add(param(at + "billing_address_attributes]", "is required for a new payment method"));
    }
    switch (kind) {
      case "credit_card" -> {
        String number = require(method, "card_number", errors);
        if (number != null && (!DIGITS.matcher(number).matches() || number.length() < 8 || number.length() > 19)) {
          errors.add(param(at + "card_number]", "must be 8-19 digits"));
        }
        String type = require(method, "card_type", errors);
        if (type != null && !CARD_TYPES.contains(type)) {
          errors.add(param(at + "card_type]", "must be one of " + CARD_TYPES));
        }
        String code = require(method, "security_code", errors);
        if (code != null && (!DIGITS.matcher(code).matches() || code.length() < 3 || code.length() > 4)) {
          errors.add(param(at + "security_code]", "must be 3 or 4 digits"));
        }
        String expiration = require(method, "expiration_date", errors);
        if (expiration != null) {
          if (!EXPIRATION.matcher(expiration).matches()) {
            errors.add(param(at + "expiration_date]", "must be MM/YY"));
          } else if (YearMonth.of(2000 + Integer.parseInt(expiration.substring(3)),
              Integer.parseInt(expiration.substring(0, 2))).isBefore(YearMonth.from(book.now()))) {
            errors.add(param(at + "expiration_date]", "the card has expired"));
          }
        }
      }
      case "card_swipe" -> require(method, "magnetic_track", errors);
      case "ach" -> {
        String number = require(method, "account_number", errors);
        String confirmation = require(method, "account_number_confirmation", errors);
        if (number != null && confirmation != null && !number.equals(confirmation)) {
          errors.add(param(at + "account_number_confirmation]", "does not match account_number"));
        }
        require(method, "account_type", errors);
        require(method, "bank_name", errors);
        String routing = require(method, "routing_number", errors);
        if (routing != null && (!DIGITS.matcher(routing).matches() || routing.length() != 9)) {
          errors.add(param(at + "routing_number]", "must be 9 digits"));
        }
      }
      case "check" -> {
        require(method, "check_number", errors);
        require(method, "name_on_check", errors);
        String checkAmount = require(method, "check_amount", errors);
        if (checkAmount != null && (!DECIMAL.matcher(checkAmount).matches()
            || StoredgeBook.cents(new BigDecimal(checkAmount).setScale(2)) != amount)) {
          errors.add(param(at + "check_amount]", "must equal the payment amount " + StoredgeBook.dollars(amount)));
        }
      }
      case "cash" -> {
        String tendered = require(method, "amount_tendered", errors);
        if (tendered != null && (!DECIMAL.matcher(tendered).matches()
            || StoredgeBook.cents(new BigDecimal(tendered).setScale(2)) < amount)) {
          errors.add(param(at + "amount_tendered]", "must cover the payment amount " + StoredgeBook.dollars(amount)));
        }
      }
      default -> throw new IllegalStateException(kind);
    }
    return errors;
  }

  /** How storEDGE describes a payment on the ledger: the method and at most the last 4 digits. */
  private static String describe(JsonNode method, String kind) {
    return switch (kind) {
      case "credit_card" -> cardLabel(text(method, "card_type")) + " ****" + last4(text(method, "card_number"));
      case "card_swipe" -> "Card swipe";
      case "ach" -> "ACH ****" + last4(text(method, "account_number"));
      case "check" -> "Check #" + text(method, "check_number");
      default -> "Cash";
    };
  }

  private static String cardLabel(String type) {
    return switch (type) {
      case "american_express" -> "American Express";
      case "mastercard" -> "Mastercard";
      default -> Character.toUpperCase(type.charAt(0)) + type.substring(1);
    };
  }

  private static String last4(String number) {
    return number.length() <= 4 ? number : number.substring(number.length() - 4);
  }

  private static String require(JsonNode method, String field, List<Map<String, String>> errors) {
    String value = text(method, field);
    if (value == null || value.isBlank()) {
      errors.add(param("payment_method[" + field + "]", "is required"));
      return null;
    }
    return value;
  }

  /** Strings, and numbers written as numbers (storEDGE takes both from form and JSON clients). */
  private static String text(JsonNode node, String field) {
    JsonNode value = node.path(field);
    return value.isTextual() || value.isNumber() ? value.asText() : null;
  }

  /** The request as meta.parameters shows it: cardholder fields as [FILTERED], plus the path's ids. */
  private ObjectNode filtered(ObjectNode body, String facilityId, String ledgerId) {
    ObjectNode copy = body.deepCopy();
    if (copy.path("payment_method").isObject()) {
      ObjectNode method = (ObjectNode) copy.get("payment_method");
      FILTERED.forEach(field -> {
        if (method.has(field)) {
          method.put(field, "[FILTERED]");
        }
      });
    }
    copy.put("facility_id", facilityId);
    copy.put("ledger_id", ledgerId);
    return copy;
  }

  private Map<String, Object> answer(Ledger ledger, String method, ObjectNode parameters) {
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("status_code", 200);
    meta.put("status_message", "OK");
    meta.put("request_method", method);
    meta.put("request_id", UUID.randomUUID().toString());
    if (parameters != null) {
      meta.put("parameters", parameters);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("ledger", ledgerJson(ledger));
    answer.put("meta", meta);
    return answer;
  }

  /** The ledger in storEDGE's documented shape (the fields posting and a reader of the demo need). */
  Map<String, Object> ledgerJson(Ledger ledger) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", ledger.id);
    out.put("active", true);
    out.put("current_account_balance", StoredgeBook.dollars(ledger.balanceCents()));
    out.put("current_prepay_balance", StoredgeBook.dollars(ledger.prepaidCents));
    out.put("current_rate", StoredgeBook.dollars(ledger.rateCents));
    out.put("delinquent", false);
    out.put("paid_through", ledger.paidThrough.toString());
    List<Map<String, Object>> open = new ArrayList<>();
    ledger.charges.stream().filter(charge -> charge.leftoverCents > 0).forEach(charge -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", charge.id);
      entry.put("description", charge.description);
      entry.put("code", null);
      entry.put("resolved", false);
      entry.put("amount", StoredgeBook.dollars(charge.amountCents));
      entry.put("tax_amount", BigDecimal.ZERO.setScale(2));
      entry.put("amount_leftover", StoredgeBook.dollars(charge.leftoverCents));
      entry.put("effective_on", charge.effectiveOn.toString());
      open.add(entry);
    });
    out.put("recent_open_charges", open);
    List<Map<String, Object>> payments = new ArrayList<>();
    ledger.payments.stream().limit(properties.recentPaymentsLimit()).forEach(payment -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("id", payment.id());
      entry.put("description", payment.description());
      entry.put("code", null);
      entry.put("internal_code", "1020");
      entry.put("resolved", true);
      entry.put("amount", StoredgeBook.dollars(-payment.amountCents()));
      entry.put("tax_amount", BigDecimal.ZERO.setScale(2));
      entry.put("amount_leftover", BigDecimal.ZERO.setScale(2));
      entry.put("effective_on", payment.effectiveOn().toString());
      entry.put("service_start_date", null);
      entry.put("service_end_date", null);
      payments.add(entry);
    });
    out.put("recent_payments", payments);
    Map<String, Object> tenant = new LinkedHashMap<>();
    tenant.put("first_name", ledger.tenantFirstName);
    tenant.put("last_name", ledger.tenantLastName);
    tenant.put("current_ledger_ids", List.of(ledger.id));
    tenant.put("facility_id", ledger.facilityId);
    out.put("tenant", tenant);
    out.put("facility_id", ledger.facilityId);
    return out;
  }

  private static ResponseEntity<?> invalid(List<Map<String, String>> errors) {
    return StoredgeError.of(HttpStatus.UNPROCESSABLE_ENTITY, "InvalidParameters", "the request has invalid parameters",
        errors);
  }

  /**
   * Each operator sees its own facilities only: another operator's facility is answered as one that does not exist
   * ([ours]: storEDGE documents no answer for it; a 404 reveals nothing of another customer).
   */
  private boolean visible(String facilityId, String operator) {
    return book.facility(facilityId).map(facility -> facility.ownedBy(operator, properties.consumerKey()))
        .orElse(false);
  }

  private static ResponseEntity<?> notFound(String facilityId, String ledgerId) {
    return StoredgeError.of(HttpStatus.NOT_FOUND, "NotFound",
        "no ledger " + ledgerId + " at facility " + facilityId);
  }
}
