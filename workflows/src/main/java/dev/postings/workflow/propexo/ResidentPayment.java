package dev.postings.workflow.propexo;

/**
 * The fields of a Propexo resident payment that matching and confirmation need.
 *
 * @param createdAt when the record first entered Propexo (ISO instant), or null when not given
 */
public record ResidentPayment(
    String id,
    String integrationId,
    String residentId,
    String leaseId,
    Long amountInCents,
    String referenceNumber,
    String transactionDate,
    String description,
    String createdAt) {}
