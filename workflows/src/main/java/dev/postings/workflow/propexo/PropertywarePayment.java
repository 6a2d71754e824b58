package dev.postings.workflow.propexo;

import java.time.Instant;

/**
 * The fields of Create Resident Payment's body (docs/providers/propexo.md#create-resident-payment-propertyware-rest),
 * in our names; the adapter maps them to Propexo's JSON.
 */
public record PropertywarePayment(
    String integrationId,
    String leaseId,
    String residentId,
    String financialAccountId,
    long amountInCents,
    Instant transactionDate,
    String paymentType,
    String referenceNumber,
    String description) {}
