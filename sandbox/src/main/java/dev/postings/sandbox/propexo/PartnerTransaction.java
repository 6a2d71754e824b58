package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A payment in ResMan's "Partner Transactions" tab: delivered by a successful write job, waiting for the PMC to approve
 * or reject it. No API reports the decision; an approved one shows up as a record after Propexo's next sync.
 */
final class PartnerTransaction {

  enum Status { PENDING_APPROVAL, APPROVED, REJECTED }

  final String id;
  final String jobId;
  final JsonNode request;
  final Instant deliveredAt;
  /** When the sandbox's stand-in PMC decides by itself; null: only the operator endpoints decide. */
  final Instant autoDecisionAt;
  final Status autoDecision;
  Status status = Status.PENDING_APPROVAL;
  Instant decidedAt;
  String recordId;

  PartnerTransaction(String id, String jobId, JsonNode request, Instant deliveredAt, Instant autoDecisionAt,
      Status autoDecision) {
    this.id = id;
    this.jobId = jobId;
    this.request = request;
    this.deliveredAt = deliveredAt;
    this.autoDecisionAt = autoDecisionAt;
    this.autoDecision = autoDecision;
  }

  String integrationId() {
    return request.get("integration_id").asText();
  }

  String batchId() {
    return request.get("batch_id").asText();
  }

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("job_id", jobId);
    json.put("status", status.name());
    json.put("integration_id", integrationId());
    json.put("resident_id", request.get("resident_id").asText());
    json.put("batch_id", batchId());
    json.put("reference_number", request.get("reference_number").asText());
    json.put("amount_in_cents", request.get("amount_in_cents").asLong());
    json.put("transaction_date", request.get("transaction_date").asText());
    json.put("delivered_at", deliveredAt.toString());
    json.put("decided_at", decidedAt == null ? null : decidedAt.toString());
    json.put("record_id", recordId);
    return json;
  }
}
