package dev.postings.sandbox.propexo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A resident charge as Propexo's cache holds it. Payment posting creates one only to offset (reverse) a payment: a
 * charge of the payment's amount puts the balance back where it was (credits are negative charges, openapi excerpt).
 */
record StoredCharge(String id, Instant createdAt, String integrationId, String residentId, String leaseId,
    long amountInCents, String referenceNumber, String batchId, String transactionDate, String description) {

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("created_at", createdAt.toString());
    json.put("updated_at", createdAt.toString());
    json.put("integration_id", integrationId);
    json.put("resident_id", residentId);
    json.put("lease_id", leaseId);
    json.put("amount_in_cents", amountInCents);
    json.put("reference_number", referenceNumber);
    json.put("batch_id", batchId);
    json.put("transaction_date", transactionDate);
    json.put("description", description);
    return json;
  }
}
