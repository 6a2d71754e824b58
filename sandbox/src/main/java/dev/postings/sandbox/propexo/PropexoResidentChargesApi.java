package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Propexo's resident charges (contracts/propexo-openapi-excerpt.yml, {@code /v1/resident-charges/}): POST creates one
 * through a write job (its answer is {@code {"job_id", "data"}}, not the payments' {@code meta.job_id}); GET lists them.
 * Payment posting uses a charge of a payment's amount to offset (reverse) a payment that must not stand.
 */
@RestController
public class PropexoResidentChargesApi {

  private final PropexoLedger ledger;
  private final ObjectMapper json;

  public PropexoResidentChargesApi(PropexoLedger ledger, ObjectMapper json) {
    this.ledger = ledger;
    this.json = json;
  }

  @PostMapping("/v1/resident-charges/")
  ResponseEntity<?> create(@RequestBody(required = false) String raw) {
    JsonNode body;
    try {
      body = raw == null ? null : json.readTree(raw);
    } catch (Exception malformed) {
      return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request", "Request body is not valid JSON");
    }
    List<Map<String, Object>> issues = new ArrayList<>();
    if (body == null || !body.isObject()) {
      return PropexoError.of(HttpStatus.BAD_REQUEST, "invalid_request", "Request body must be a JSON object");
    }
    // integration_id is the schema's only required field; a charge without resident, amount or date cannot be posted
    for (String field : List.of("integration_id", "resident_id", "transaction_date")) {
      if (!body.hasNonNull(field) || !body.get(field).isTextual() || body.get(field).asText().isBlank()) {
        issues.add(issue(field, "Required"));
      }
    }
    if (!body.hasNonNull("amount_in_cents") || !body.get("amount_in_cents").canConvertToLong()
        || !body.get("amount_in_cents").isIntegralNumber()) {
      issues.add(issue("amount_in_cents", "Expected integer"));
    }
    if (!issues.isEmpty()) {
      return PropexoError.invalidRequest(issues);
    }
    WriteJob job = ledger.submitResidentCharge(body);
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("job_id", job.id);
    answer.put("data", body);
    return ResponseEntity.ok(answer);
  }

  @GetMapping("/v1/resident-charges/")
  Map<String, Object> list(@RequestParam(name = "integration_id", required = false) String integrationId,
      @RequestParam(name = "resident_id", required = false) String residentId,
      @RequestParam(name = "offset", defaultValue = "0") int offset,
      @RequestParam(name = "limit", defaultValue = "100") int limit) {
    List<StoredCharge> found = ledger.findCharges(charge -> (integrationId == null
        || Objects.equals(charge.integrationId(), integrationId))
        && (residentId == null || Objects.equals(charge.residentId(), residentId)));
    int from = Math.min(Math.max(0, offset), found.size());
    int to = Math.min(found.size(), from + Math.max(1, Math.min(250, limit)));
    Map<String, Object> meta = new LinkedHashMap<>();
    meta.put("offset", from);
    meta.put("limit", to - from);
    meta.put("orderBy", "created_at:desc");
    meta.put("hasMore", to < found.size());
    meta.put("total", found.size());
    Map<String, Object> answer = new LinkedHashMap<>();
    answer.put("meta", meta);
    answer.put("results", found.subList(from, to).stream().map(StoredCharge::toJson).toList());
    return answer;
  }

  /** Every resident charge, newest first: for sandbox inspection and the chaos run's ledger check. */
  @GetMapping("/sandbox/propexo/resident-charges")
  List<Map<String, Object>> all() {
    return ledger.findCharges(charge -> true).stream().map(StoredCharge::toJson).toList();
  }

  private static Map<String, Object> issue(String field, String message) {
    Map<String, Object> issue = new LinkedHashMap<>();
    issue.put("path", List.of(field));
    issue.put("message", message);
    return issue;
  }
}
