package dev.postings.workflow.propexo;

/** The fields of a Propexo resident payment that matching and confirmation need. */
public record ResidentPayment(
    String id,
    String integrationId,
    String residentId,
    String leaseId,
    Long amountInCents,
    String referenceNumber,
    String transactionDate,
    String description) {}
