package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;

/**
 * A Propexo write job. It is PENDING until {@code settlesAt}; then it takes its planned outcome, and a successful
 * payment becomes a record.
 */
final class WriteJob {

  final String id;
  /** Propexo's vendor name for the PMS this job writes to: PROPERTYWARE_REST or RESMAN. */
  final String vendor;
  final Instant createdAt;
  final Instant settlesAt;
  final JsonNode request;
  final boolean plannedToSucceed;
  final List<String> plannedErrors;
  String status = "PENDING";
  List<String> errors = List.of();
  String createdRecordId;

  WriteJob(String id, String vendor, Instant createdAt, Instant settlesAt, JsonNode request, boolean plannedToSucceed,
      List<String> plannedErrors) {
    this.id = id;
    this.vendor = vendor;
    this.createdAt = createdAt;
    this.settlesAt = settlesAt;
    this.request = request;
    this.plannedToSucceed = plannedToSucceed;
    this.plannedErrors = plannedErrors;
  }

  boolean isPending() {
    return "PENDING".equals(status);
  }
}
