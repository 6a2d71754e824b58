package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The Propexo endpoints payment posting uses (docs/providers/propexo.md#vendor-documents), plus sandbox-only
 * inspection.
 */
@RestController
public class PropexoApi {

  private final PropexoLedger ledger;
  private final ObjectMapper json;
  private final PropexoWebhooks webhooks;

  public PropexoApi(PropexoLedger ledger, ObjectMapper json, PropexoWebhooks webhooks) {
    this.ledger = ledger;
    this.json = json;
    this.webhooks = webhooks;
  }

  /** Create Resident Payment: Propertyware REST. 200 means only that a job exists. */
  @PostMapping("/v1/resident-payments/propertyware_rest/")
  ResponseEntity<?> createPropertywarePayment(@RequestBody(required = false) String raw,
      @RequestParam(name = "ignore_unknown_fields", defaultValue = "false") boolean ignoreUnknownFields) {
    return create(raw, ignoreUnknownFields, ResidentPaymentSchema.PROPERTYWARE, ledger::submitPropertywarePayment);
  }

  /**
   * Create Resident Payment: ResMan (docs/providers/propexo.md#create-resident-payment-resman). 200 means only that a
   * job exists; its SUCCESS means "delivered to the Partner Transactions tab", never that the payment is posted.
   */
  @PostMapping("/v1/resident-payments/resman/")
  ResponseEntity<?> createResmanPayment(@RequestBody(required = false) String raw,
      @RequestParam(name = "ignore_unknown_fields", defaultValue = "false") boolean ignoreUnknownFields) {
    return create(raw, ignoreUnknownFields, ResidentPaymentSchema.RESMAN, ledger::submitResmanPayment);
  }

  private ResponseEntity<?> create(String raw, boolean ignoreUnknownFields, ResidentPaymentSchema schema,
      java.util.function.Function<JsonNode, WriteJob> submit) {
    JsonNode body;
    try {
      body = raw == null ? null : json.readTree(raw);
    } catch (Exception malformed) {
      return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request", "Request body is not valid JSON");
    }
    List<Map<String, Object>> issues = schema.issues(body, ignoreUnknownFields);
    if (!issues.isEmpty()) {
      return PropexoError.invalidRequest(issues);
    }
    WriteJob job = submit.apply(body);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("meta", Map.of("job_id", job.id));
    result.put("result", body);
    return ResponseEntity.ok(result);
  }

  /** Trigger a manual sync on an integration (openapi excerpt); Propexo asks that it be used sparingly. */
  @PostMapping("/v1/admin/integrations/{integrationId}/manual-sync")
  Map<String, Object> manualSync(@PathVariable String integrationId) {
    ledger.manualSync(integrationId);
    return Map.of("result", Map.of("success", true));
  }

  @GetMapping("/v1/admin/write-status/{rootJobId}")
  ResponseEntity<?> writeStatus(@PathVariable String rootJobId) {
    return ledger.job(rootJobId)
        .<ResponseEntity<?>>map(job -> {
          Map<String, Object> status = new LinkedHashMap<>();
          status.put("write_status", job.status);
          status.put("errors", job.errors);
          status.put("created_record_id", job.createdRecordId);
          return ResponseEntity.ok(status);
        })
        .orElseGet(() -> PropexoError.of(HttpStatus.NOT_FOUND, "not_found", "No write job " + rootJobId));
  }

  @GetMapping("/v1/resident-payments/{id}")
  ResponseEntity<?> residentPayment(@PathVariable String id) {
    return ledger.payment(id)
        .<ResponseEntity<?>>map(payment -> {
          Map<String, Object> page = new LinkedHashMap<>();
          page.put("meta", Map.of("orderBy", List.of()));
          page.put("results", payment.toJson());
          return ResponseEntity.ok(page);
        })
        .orElseGet(() -> PropexoError.of(HttpStatus.NOT_FOUND, "not_found", "Resident payment " + id + " not found"));
  }

  /** Get all resident payments, with the documented filters; there is no reference_number filter. */
  @GetMapping("/v1/resident-payments/")
  ResponseEntity<?> residentPayments(@RequestParam Map<String, String> query) {
    List<Map<String, Object>> issues = new ArrayList<>();
    int offset = integer(query, "offset", 0, 0, Integer.MAX_VALUE, issues);
    int limit = integer(query, "limit", 100, 1, 250, issues);
    String orderBy = query.getOrDefault("order-by", "created_at:desc");
    String[] order = orderBy.split(":", 2);
    if (!PropexoLedger.SORTABLE.contains(order[0])
        || (order.length == 2 && !order[1].equals("asc") && !order[1].equals("desc"))) {
      issues.add(issue("order-by", "Invalid order-by " + orderBy));
    }
    Predicate<StoredPayment> filter = p -> true;
    filter = filter.and(equal(query, "integration_id", StoredPayment::integrationId));
    filter = filter.and(equal(query, "property_id", StoredPayment::propertyId));
    filter = filter.and(equal(query, "resident_id", StoredPayment::residentId));
    filter = filter.and(equal(query, "lease_id", StoredPayment::leaseId));
    filter = filter.and(range(query, "transaction_date_start", "transaction_date_end",
        StoredPayment::transactionInstant, issues));
    filter = filter.and(range(query, "updated_at_gte", "updated_at_lte", StoredPayment::updatedAt, issues));
    filter = filter.and(range(query, "last_seen_gte", "last_seen_lte", StoredPayment::lastSeen, issues));
    if (!issues.isEmpty()) {
      return PropexoError.invalidRequest(issues);
    }
    Comparator<StoredPayment> comparator = PropexoLedger.order(order[0], order.length == 2 && order[1].equals("desc"));
    List<StoredPayment> all = ledger.find(filter, comparator);
    List<Map<String, Object>> results = all.stream().skip(offset).limit(limit).map(StoredPayment::toJson).toList();
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("offset", offset);
    meta.put("limit", limit);
    meta.put("orderBy", List.of(Map.of(order[0], order.length == 2 ? order[1] : "asc")));
    meta.put("hasMore", offset + results.size() < all.size());
    meta.put("total", all.size());
    Map<String, Object> page = new LinkedHashMap<>();
    page.put("meta", meta);
    page.put("results", results);
    return ResponseEntity.ok(page);
  }

  /** Sandbox only: every resident payment, without auth or rate limit, for tests and the demo to check the ledger. */
  @GetMapping("/sandbox/propexo/resident-payments")
  Map<String, Object> inspect() {
    List<Map<String, Object>> payments = ledger.allPayments();
    return Map.of("total", payments.size(), "jobs", ledger.jobCount(), "syncs", ledger.syncsRun(),
        "webhooks", webhooks.counts(), "results", payments);
  }

  /** Sandbox only: someone deletes a payment in the PMS (what a reconciliation must report as missing). */
  @DeleteMapping("/sandbox/propexo/resident-payments/{id}")
  ResponseEntity<?> deleteByHand(@PathVariable String id) {
    return ledger.deleteByHand(id) ? ResponseEntity.ok(Map.of("deleted", id))
        : PropexoError.of(HttpStatus.NOT_FOUND, "not_found", "no resident payment " + id);
  }

  /** Sandbox only: someone edits a payment's amount in the PMS: {@code {"amount_in_cents": N}}. */
  @PatchMapping("/sandbox/propexo/resident-payments/{id}")
  ResponseEntity<?> changeAmountByHand(@PathVariable String id, @RequestBody JsonNode body) {
    if (!body.path("amount_in_cents").canConvertToLong() || !body.path("amount_in_cents").isIntegralNumber()) {
      return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request", "amount_in_cents must be an integer");
    }
    return ledger.changeAmountByHand(id, body.get("amount_in_cents").asLong()).<ResponseEntity<?>>map(
        ResponseEntity::ok).orElseGet(() -> PropexoError.of(HttpStatus.NOT_FOUND, "not_found",
            "no resident payment " + id));
  }

  /**
   * Sandbox only: someone keys a payment in by hand: {@code {"vendor": "PROPERTYWARE_REST"|"RESMAN", integration_id,
   * resident_id, lease_id?, amount_in_cents, reference_number, transaction_date, payment_type, description?}}.
   */
  @PostMapping("/sandbox/propexo/resident-payments")
  ResponseEntity<?> addByHand(@RequestBody JsonNode body) {
    String vendor = body.path("vendor").asText();
    for (String required : List.of("integration_id", "resident_id", "reference_number", "transaction_date",
        "payment_type")) {
      if (!body.path(required).isTextual()) {
        return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request", required + " is required");
      }
    }
    if (!(vendor.equals(PropexoLedger.PROPERTYWARE) || vendor.equals(PropexoLedger.RESMAN))
        || !body.path("amount_in_cents").isIntegralNumber()) {
      return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request",
          "vendor must be PROPERTYWARE_REST or RESMAN and amount_in_cents an integer");
    }
    try {
      PropexoLedger.instantOf(body.get("transaction_date").asText(), false);
    } catch (RuntimeException unparsable) {
      return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request", "transaction_date must be ISO-8601");
    }
    return ResponseEntity.ok(ledger.addByHand(vendor, body));
  }

  /** Sandbox only: ResMan's Partner Transactions tab ({@code status}: PENDING_APPROVAL, APPROVED, REJECTED). */
  @GetMapping("/sandbox/resman/partner-transactions")
  ResponseEntity<?> partnerTransactions(@RequestParam(name = "status", required = false) String status) {
    PartnerTransaction.Status wanted = null;
    if (status != null) {
      try {
        wanted = PartnerTransaction.Status.valueOf(status);
      } catch (IllegalArgumentException e) {
        return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request",
            "status must be one of " + List.of(PartnerTransaction.Status.values()));
      }
    }
    List<Map<String, Object>> transactions = ledger.partnerTransactions(wanted);
    return ResponseEntity.ok(Map.of("total", transactions.size(), "results", transactions));
  }

  /** Sandbox only: the PMC approves a waiting transaction (by id or batch id); it becomes a record at the next sync. */
  @PostMapping("/sandbox/resman/partner-transactions/{id}/approve")
  ResponseEntity<?> approve(@PathVariable String id) {
    return decide(id, PartnerTransaction.Status.APPROVED);
  }

  /** Sandbox only: the PMC rejects a waiting transaction: no record ever appears. */
  @PostMapping("/sandbox/resman/partner-transactions/{id}/reject")
  ResponseEntity<?> reject(@PathVariable String id) {
    return decide(id, PartnerTransaction.Status.REJECTED);
  }

  private ResponseEntity<?> decide(String id, PartnerTransaction.Status decision) {
    return ledger.decide(id, decision)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> PropexoError.of(HttpStatus.NOT_FOUND, "not_found", "No partner transaction " + id));
  }

  private static Predicate<StoredPayment> equal(Map<String, String> query, String name,
      java.util.function.Function<StoredPayment, String> field) {
    String wanted = query.get(name);
    return wanted == null ? p -> true : p -> wanted.equals(field.apply(p));
  }

  private static Predicate<StoredPayment> range(Map<String, String> query, String fromName, String toName,
      java.util.function.Function<StoredPayment, Instant> field, List<Map<String, Object>> issues) {
    Instant from = instant(query, fromName, false, issues);
    Instant to = instant(query, toName, true, issues);
    return p -> {
      Instant value = field.apply(p);
      return (from == null || !value.isBefore(from)) && (to == null || !value.isAfter(to));
    };
  }

  private static Instant instant(Map<String, String> query, String name, boolean endOfDay,
      List<Map<String, Object>> issues) {
    String text = query.get(name);
    if (text == null || text.isEmpty()) {
      return null;
    }
    try {
      if (!ResidentPaymentSchema.isDateTimeOrDate(text)) {
        throw new DateTimeParseException("not a date", text, 0);
      }
      return PropexoLedger.instantOf(text, endOfDay);
    } catch (DateTimeParseException e) {
      issues.add(issue(name, "Invalid date " + text));
      return null;
    }
  }

  private static int integer(Map<String, String> query, String name, int fallback, int min, int max,
      List<Map<String, Object>> issues) {
    String text = query.get(name);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text);
      if (value < min || value > max) {
        issues.add(issue(name, name + " must be between " + min + " and " + max));
      }
      return value;
    } catch (NumberFormatException e) {
      issues.add(issue(name, name + " must be an integer"));
      return fallback;
    }
  }

  private static Map<String, Object> issue(String name, String message) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("code", "invalid_query");
    issue.put("path", List.of(name));
    issue.put("message", message);
    return issue;
  }
}
