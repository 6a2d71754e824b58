package dev.postings.workflow.propexo;

import java.time.Instant;

/**
 * The body of {@code POST /v1/resident-payments/resman/} (docs/providers/propexo.md#create-resident-payment-resman):
 * every field is required.
 *
 * @param batchId derived from the posting id, identical on every attempt: ResMan refuses a batch id it has seen
 */
public record ResmanPayment(
    String integrationId,
    String residentId,
    String paymentType,
    String batchId,
    Instant transactionDate,
    String description,
    String notes,
    long amountInCents,
    String referenceNumber) {}
