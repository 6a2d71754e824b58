package dev.postings.workflow.propexo;

import java.time.Instant;

/**
 * A resident charge to create through Propexo ({@code POST /v1/resident-charges/}). Payment posting creates one only to
 * offset a payment that must not stand: a charge of the landed amount puts the resident's balance back.
 *
 * @param referenceNumber {@code REV-<record id>}: how the charge is found again after an unclear write
 * @param batchId unique to our system (openapi excerpt): {@code reversal-<posting id>}
 */
public record ResidentCharge(String integrationId, String leaseId, String residentId, long amountInCents,
    Instant transactionDate, String description, String referenceNumber, String batchId) {}
