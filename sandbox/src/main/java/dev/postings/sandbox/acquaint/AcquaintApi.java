package dev.postings.sandbox.acquaint;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.acquaint.AcquaintLedger.ChargePaymentOrder;
import dev.postings.sandbox.acquaint.AcquaintLedger.ChargeReceipt;
import dev.postings.sandbox.acquaint.AcquaintLedger.RentPaymentLine;
import dev.postings.sandbox.faults.FaultInjector;
import dev.postings.sandbox.faults.FaultKind;
import dev.postings.sandbox.faults.FaultScope;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Acquaint endpoints payment posting uses (docs/providers/acquaint.md#endpoints), under {@code /acquaint}, plus
 * sandbox-only inspection and fixtures under {@code /sandbox/acquaint}. Bodies are bound as ASP.NET does
 * (case-insensitive names, unknown names ignored); errors come in ASP.NET's default shapes.
 */
@RestController
public class AcquaintApi {

  private static final Logger log = LoggerFactory.getLogger(AcquaintApi.class);
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss");

  private final AcquaintSites sites;
  private final AcquaintTokens tokens;
  private final AcquaintSandboxProperties properties;
  private final FaultInjector faults;
  /** Decimals are read exactly: a double would turn 19.99 into 19.989999... */
  private final ObjectMapper json;

  public AcquaintApi(AcquaintSites sites, AcquaintTokens tokens, AcquaintSandboxProperties properties,
      ObjectMapper json, FaultInjector faults) {
    this.sites = sites;
    this.tokens = tokens;
    this.properties = properties;
    this.faults = faults;
    this.json = json.copy().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
  }

  static String format(LocalDateTime date) {
    return LOCAL.format(date);
  }

  /** Thrown for a body that is not JSON: ASP.NET answers 400 with the binding error. */
  private static final class Unreadable extends RuntimeException {
    Unreadable() {
      super(null, null, false, false);
    }
  }

  private JsonNode parse(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      return json.readTree(raw);
    } catch (IOException malformed) {
      throw new Unreadable();
    }
  }

  @ExceptionHandler(Unreadable.class)
  ResponseEntity<Object> unreadable() {
    return AcquaintError.invalid(Map.of("request", List.of("The request body is not valid JSON.")));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<Object> unexpected(Exception e) {
    log.warn("Acquaint sandbox: unexpected {}", e.toString());
    return AcquaintError.message(HttpStatus.INTERNAL_SERVER_ERROR, AcquaintError.INTERNAL);
  }

  /** Exchanges an API key and site prefix for a JWT bearer valid one token lifetime (Integrators API, [ours] body). */
  @PostMapping("/acquaint/v1/auth")
  ResponseEntity<Object> auth(@RequestBody(required = false) String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    String apiKey = binding.text(fields, "apiKey", "request.ApiKey");
    String sitePrefix = binding.text(fields, "sitePrefix", "request.SitePrefix");
    if (apiKey == null || apiKey.isBlank()) {
      binding.error("request.ApiKey", "The ApiKey field is required.");
    }
    if (sitePrefix == null || sitePrefix.isBlank()) {
      binding.error("request.SitePrefix", "The SitePrefix field is required.");
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    Optional<String> site = tokens.siteFor(apiKey, sitePrefix);
    if (site.isEmpty()) {
      return AcquaintError.message(HttpStatus.UNAUTHORIZED, "Invalid API key or site prefix.");
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("token", tokens.issue(site.get()));
    answer.put("expiresIn", properties.tokenLifetime().toSeconds());
    return ResponseEntity.ok(answer);
  }

  /**
   * The rent-due items of a tenancy or contact ([ours] filter: {@code tenancyId} and/or {@code contactId}, one
   * required; items fully received are left out unless {@code includeReceived} is true).
   */
  @PostMapping("/acquaint/17.0/app/tenancy/retrievesrentstopay")
  ResponseEntity<Object> retrieveRentsToPay(@RequestAttribute(AcquaintGate.SITE_ATTRIBUTE) String site, @RequestBody(required = false) String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    Long tenancyId = binding.integer(fields, "tenancyId", "request.TenancyId");
    Long contactId = binding.integer(fields, "contactId", "request.ContactId");
    Boolean includeReceived = binding.bool(fields, "includeReceived", "request.IncludeReceived");
    if (!binding.hasErrors() && tenancyId == null && contactId == null) {
      binding.error("request", "Specify a TenancyId or a ContactId.");
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    List<Map<String, Object>> items = ledgerOf(site).rentsToPay(tenancyId, contactId, Boolean.TRUE.equals(includeReceived));
    return ResponseEntity.ok(properties.documentedFieldsOnly()
        ? AcquaintDocumentedFields.only(AcquaintDocumentedFields.RENT_ITEM, items) : items);
  }

  /**
   * Tenant payments (docs/providers/acquaint.md#tenant-payments): {@code true} when every payment was applied; {@code
   * false} when an item cannot take its payment.
   */
  @PostMapping("/acquaint/17.0/app/tenancy/tenantpayments")
  ResponseEntity<Object> tenantPayments(@RequestAttribute(AcquaintGate.SITE_ATTRIBUTE) String site, @RequestBody(required = false) String raw) {
    JsonNode body = parse(raw);
    Map<String, JsonNode> fields = ModelBinding.fields(body);
    ModelBinding binding = new ModelBinding();
    long bankAccountId = binding.requiredId(fields, "bankAccountId", "request.BankAccountId");
    LocalDateTime receivedDate = binding.date(fields, "receivedDate", "request.ReceivedDate");
    long paymentMethodId = binding.requiredId(fields, "paymentMethodId", "request.PaymentMethodId");
    binding.bool(fields, "payAdvancedRentToLandlord", "request.PayAdvancedRentToLandlord");
    JsonNode payments = fields.get("payments");
    List<RentPaymentLine> lines = new ArrayList<>();
    if (payments == null || !payments.isArray() || payments.isEmpty()) {
      binding.error("request.Payments", "At least one payment is required.");
    } else {
      for (int i = 0; i < payments.size(); i++) {
        String path = "request.Payments[" + i + "].";
        Map<String, JsonNode> line = ModelBinding.fields(payments.get(i));
        long id = binding.requiredId(line, "id", path + "Id");
        LocalDateTime date = binding.date(line, "receivedDate", path + "ReceivedDate");
        BigDecimal amount = binding.amount(line, "receivedAmount", path + "ReceivedAmount");
        if (amount == null && !binding.modelState().containsKey(path + "ReceivedAmount")) {
          binding.error(path + "ReceivedAmount", "The ReceivedAmount field is required.");
        }
        Long landlordId = binding.integer(line, "landlordId", path + "LandlordId");
        String reference = binding.text(line, "referenceChequeNo", path + "ReferenceChequeNo");
        Long contactId = binding.integer(line, "receivedFromContactId", path + "ReceivedFromContactId");
        if (date == null && receivedDate == null && !binding.modelState().containsKey(path + "ReceivedDate")) {
          binding.error(path + "ReceivedDate", "The ReceivedDate field is required.");
        }
        lines.add(new RentPaymentLine(id, date, amount, landlordId, reference, contactId));
      }
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    boolean processed = ledgerOf(site).payRent(receivedDate, paymentMethodId, bankAccountId, lines);
    if (processed && lines.stream().anyMatch(line -> startsWith(line.referenceChequeNo(),
        properties.lostAnswerReferencePrefix()))) {
      faults.record(FaultScope.ACQUAINT_WRITES, FaultKind.ERROR_AFTER_APPLY);
      return AcquaintError.message(HttpStatus.INTERNAL_SERVER_ERROR, AcquaintError.INTERNAL);
    }
    return ResponseEntity.ok(processed);
  }

  /**
   * Receive payment for charge (docs/providers/acquaint.md#receive-payment-for-charge; the misspelt path is
   * Acquaint's): the transaction, and an overpayment above the outstanding balance.
   */
  @PostMapping("/acquaint/17.0/app/accounts/reveivepaymentforcharge")
  ResponseEntity<Object> receivePaymentForCharge(@RequestAttribute(AcquaintGate.SITE_ATTRIBUTE) String site, @RequestBody(required = false) String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    long chargeId = binding.requiredId(fields, "chargeId", "request.ChargeId");
    LocalDateTime dateReceived = binding.date(fields, "dateReceived", "request.DateReceived");
    if (dateReceived == null && !binding.modelState().containsKey("request.DateReceived")) {
      binding.error("request.DateReceived", "The DateReceived field is required.");
    }
    long paymentMethodId = binding.requiredId(fields, "paymentMethodId", "request.PaymentMethodId");
    BigDecimal amount = binding.amount(fields, "amountReceived", "request.AmountReceived");
    if (amount == null && !binding.modelState().containsKey("request.AmountReceived")) {
      binding.error("request.AmountReceived", "The AmountReceived field is required.");
    }
    String reference = binding.text(fields, "paymentReference", "request.PaymentReference");
    Long contactId = binding.integer(fields, "receivedFromContactId", "request.ReceivedFromContactId");
    String notes = binding.text(fields, "landlordStatementNotes", "request.LandlordStatementNotes");
    long bankAccount = binding.requiredId(fields, "bankAccount", "request.BankAccount");
    binding.bool(fields, "payAdvanceRentToLandlordNow", "request.PayAdvanceRentToLandlordNow");
    if (!binding.hasErrors()) {
      ledgerOf(site).whyChargeCannotBePaid(chargeId).ifPresent(reason -> binding.error("request.ChargeId", reason));
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    Optional<ChargeReceipt> receipt = ledgerOf(site).payCharge(new ChargePaymentOrder(chargeId, dateReceived,
        paymentMethodId, amount, reference, contactId, notes, bankAccount));
    if (receipt.isEmpty()) {
      return AcquaintError.invalid(Map.of("request.ChargeId", List.of("Charge " + chargeId + " cannot be paid.")));
    }
    if (startsWith(reference, properties.lostAnswerReferencePrefix())) {
      faults.record(FaultScope.ACQUAINT_WRITES, FaultKind.ERROR_AFTER_APPLY);
      return AcquaintError.message(HttpStatus.INTERNAL_SERVER_ERROR, AcquaintError.INTERNAL);
    }
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("transactionId", receipt.get().transactionId());
    answer.put("overpaymentTransactionId", receipt.get().overpaymentTransactionId());
    return ResponseEntity.ok(answer);
  }

  @GetMapping("/acquaint/17.0/database/transactions/{id}")
  ResponseEntity<Object> transaction(@RequestAttribute(AcquaintGate.SITE_ATTRIBUTE) String site, @PathVariable String id) {
    Long transactionId = id.matches("[0-9]{1,10}") ? Long.valueOf(id) : null;
    Optional<Map<String, Object>> transaction =
        transactionId == null ? Optional.empty() : ledgerOf(site).transaction(transactionId);
    if (properties.documentedFieldsOnly()) {
      transaction = transaction.map(row -> AcquaintDocumentedFields.only(AcquaintDocumentedFields.TRANSACTION, row));
    }
    return transaction.<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> AcquaintError.message(HttpStatus.NOT_FOUND, "No transaction found with id '" + id + "'."));
  }

  /** The transactions of one charge ([ours]: Acquaint's read-back by charge). */
  @GetMapping("/acquaint/17.0/database/transactions")
  ResponseEntity<Object> transactionsOfCharge(@RequestAttribute(AcquaintGate.SITE_ATTRIBUTE) String site, @RequestParam(name = "chargeId", required = false) String chargeId) {
    if (properties.documentedFieldsOnly()) {
      // no Acquaint document names this route: ASP.NET Web API's answer for a route it does not have
      return AcquaintError.message(HttpStatus.NOT_FOUND, "No HTTP resource was found that matches the request URI"
          + " '17.0/database/transactions'.");
    }
    if (chargeId == null || !chargeId.matches("[0-9]{1,10}")) {
      return AcquaintError.invalid(Map.of("chargeId", List.of("The chargeId parameter is required.")));
    }
    return ResponseEntity.ok(ledgerOf(site).transactionsOfCharge(Long.parseLong(chargeId)));
  }

  /** Sandbox only: rent items, charges and transactions, without auth or rate limit, for tests and the demo. */
  @GetMapping("/sandbox/acquaint/ledger")
  ResponseEntity<Object> inspect(@RequestParam(name = "site", required = false) String site) {
    Optional<AcquaintLedger> ledger = controlled(site);
    if (ledger.isEmpty()) {
      return unknownSite(site);
    }
    Map<String, Object> snapshot = ledger.get().snapshot();
    snapshot.put("site", site == null ? sites.sites().get(0) : site);
    snapshot.put("tokensIssued", tokens.issuedCount());
    return ResponseEntity.ok(snapshot);
  }

  /** Sandbox only: every bearer token issued so far stops working (a rotated key), so clients must re-authenticate. */
  @PostMapping("/sandbox/acquaint/tokens/revoke")
  Map<String, Object> revokeTokens() {
    tokens.revokeAll();
    return Map.of("revoked", true);
  }

  /** Sandbox only: a new rent-due item {@code {tenancyId, contactId?, due, dueDate?}}; answers its id. */
  @PostMapping("/sandbox/acquaint/rent-items")
  ResponseEntity<Object> addRentItem(@RequestParam(name = "site", required = false) String site, @RequestBody String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    long tenancyId = binding.requiredId(fields, "tenancyId", "tenancyId");
    Long contactId = binding.integer(fields, "contactId", "contactId");
    BigDecimal due = binding.amount(fields, "due", "due");
    String dueDate = binding.text(fields, "dueDate", "dueDate");
    if (due == null) {
      binding.error("due", "is required");
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    Optional<AcquaintLedger> ledger = controlled(site);
    return ledger.isEmpty() ? unknownSite(site)
        : ResponseEntity.ok(Map.of("Id", ledger.get().addRentItem(tenancyId, contactId, due, dueDate)));
  }

  /** Sandbox only: a new charge {@code {tenancyId, amount, description?}}, all outstanding; answers its id. */
  @PostMapping("/sandbox/acquaint/charges")
  ResponseEntity<Object> addCharge(@RequestParam(name = "site", required = false) String site, @RequestBody String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    long tenancyId = binding.requiredId(fields, "tenancyId", "tenancyId");
    BigDecimal amount = binding.amount(fields, "amount", "amount");
    String description = binding.text(fields, "description", "description");
    if (amount == null) {
      binding.error("amount", "is required");
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    Optional<AcquaintLedger> ledger = controlled(site);
    return ledger.isEmpty() ? unknownSite(site)
        : ResponseEntity.ok(Map.of("Id", ledger.get().addCharge(tenancyId, amount, description)));
  }

  /** Sandbox only: someone deletes a receipt ({@code ?site=}: the agency, default the first). */
  @DeleteMapping("/sandbox/acquaint/transactions/{id}")
  ResponseEntity<Object> deleteByHand(@RequestParam(name = "site", required = false) String site,
      @PathVariable long id) {
    Optional<AcquaintLedger> ledger = controlled(site);
    if (ledger.isEmpty()) {
      return unknownSite(site);
    }
    return ledger.get().deleteByHand(id) ? ResponseEntity.ok(Map.of("deleted", id))
        : AcquaintError.message(HttpStatus.NOT_FOUND, "No transaction found with id '" + id + "'.");
  }

  /** Sandbox only: someone edits a receipt's amount: {@code {"credit": "12.34"}}. */
  @PatchMapping("/sandbox/acquaint/transactions/{id}")
  ResponseEntity<Object> changeAmountByHand(@RequestParam(name = "site", required = false) String site,
      @PathVariable long id, @RequestBody String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    BigDecimal credit = binding.amount(fields, "credit", "credit");
    if (credit == null) {
      binding.error("credit", "is required");
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    Optional<AcquaintLedger> ledger = controlled(site);
    if (ledger.isEmpty()) {
      return unknownSite(site);
    }
    return ledger.get().changeAmountByHand(id, credit).<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> AcquaintError.message(HttpStatus.NOT_FOUND, "No transaction found with id '" + id + "'."));
  }

  /** Sandbox only: someone keys a receipt in: {@code {tenancyId, chargeId?, rentItemId?, credit, reference}}. */
  @PostMapping("/sandbox/acquaint/transactions")
  ResponseEntity<Object> addByHand(@RequestParam(name = "site", required = false) String site,
      @RequestBody String raw) {
    Map<String, JsonNode> fields = ModelBinding.fields(parse(raw));
    ModelBinding binding = new ModelBinding();
    long tenancyId = binding.requiredId(fields, "tenancyId", "tenancyId");
    Long chargeId = binding.integer(fields, "chargeId", "chargeId");
    Long rentItemId = binding.integer(fields, "rentItemId", "rentItemId");
    BigDecimal credit = binding.amount(fields, "credit", "credit");
    String reference = binding.text(fields, "reference", "reference");
    if (credit == null) {
      binding.error("credit", "is required");
    }
    if (binding.hasErrors()) {
      return AcquaintError.invalid(binding.modelState());
    }
    Optional<AcquaintLedger> ledger = controlled(site);
    if (ledger.isEmpty()) {
      return unknownSite(site);
    }
    return ledger.get().addByHand(tenancyId, chargeId, rentItemId, credit, reference)
        .<ResponseEntity<Object>>map(ResponseEntity::ok)
        .orElseGet(() -> AcquaintError.message(HttpStatus.NOT_FOUND, "No rent item found with id '" + rentItemId
            + "' on tenancy '" + tenancyId + "'."));
  }

  /** The ledger of the site the bearer token was issued to (the gate checked the token and set the site). */
  private AcquaintLedger ledgerOf(String site) {
    return sites.ledger(site).orElseThrow(() -> new IllegalStateException("a token for a site without a ledger"));
  }

  /** The control endpoints' site: the named one, or the first configured when none is named. */
  private Optional<AcquaintLedger> controlled(String site) {
    return site == null || site.isBlank() ? Optional.of(sites.firstSite()) : sites.ledger(site);
  }

  private static ResponseEntity<Object> unknownSite(String site) {
    return AcquaintError.message(HttpStatus.NOT_FOUND, "No site '" + site + "' in this sandbox.");
  }

  private static boolean startsWith(String text, String prefix) {
    return text != null && prefix != null && !prefix.isEmpty() && text.startsWith(prefix);
  }
}
