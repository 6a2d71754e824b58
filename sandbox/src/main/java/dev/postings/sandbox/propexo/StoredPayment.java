package dev.postings.sandbox.propexo;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A resident payment as Propexo's cache holds it (the fields of the openapi excerpt that payment posting reads). */
record StoredPayment(
    String id,
    String vendor,
    String xId,
    Instant createdAt,
    Instant updatedAt,
    Instant lastSeen,
    String integrationId,
    String propertyId,
    String residentId,
    String leaseId,
    String financialAccountId,
    long amountInCents,
    String referenceNumber,
    String transactionDate,
    Instant transactionInstant,
    String description,
    String paymentType) {

  Map<String, Object> toJson() {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", id);
    json.put("created_at", createdAt.toString());
    json.put("updated_at", updatedAt.toString());
    json.put("last_seen", lastSeen.toString());
    json.put("x_id", xId);
    json.put("integration_id", integrationId);
    json.put("integration_vendor", vendor);
    json.put("property_id", propertyId);
    json.put("resident_id", residentId);
    json.put("lease_id", leaseId);
    json.put("financial_account_id", financialAccountId);
    json.put("payment_method_raw", paymentType);
    json.put("payment_method_normalized", paymentType);
    json.put("amount_in_cents", amountInCents);
    json.put("amount_raw", String.format("%d.%02d", amountInCents / 100, amountInCents % 100));
    json.put("reference_number", referenceNumber);
    json.put("transaction_date", transactionDate);
    json.put("description", description);
    return json;
  }
}
