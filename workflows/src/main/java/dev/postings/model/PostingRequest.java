package dev.postings.model;

import java.time.Instant;

/**
 * The canonical posting request: what a service asks us to record in a provider's ledger.
 *
 * @param postingId the caller's idempotency key; the workflow id is {@code posting-<postingId>}
 * @param provider which property-management system
 * @param amount amount in minor units with its currency
 * @param transactionDate when the payment was received, as an instant (Propexo accepts ISO date-times)
 * @param paymentType the provider's own payment type value (for Propertyware one of {@link PropertywarePaymentType})
 * @param referenceNumber the payment's reference (check number, processor reference); also how we find the record again
 * @param description free text shown on the ledger; optional
 * @param target where in the ledger the payment goes
 */
public record PostingRequest(
    String postingId,
    Provider provider,
    Money amount,
    Instant transactionDate,
    String paymentType,
    String referenceNumber,
    String description,
    PostingTarget target) {

  public static final String WORKFLOW_ID_PREFIX = "posting-";

  public String workflowId() {
    return workflowIdOf(postingId);
  }

  public static String workflowIdOf(String postingId) {
    return WORKFLOW_ID_PREFIX + postingId;
  }
}
