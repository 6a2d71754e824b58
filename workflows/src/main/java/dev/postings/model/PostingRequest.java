package dev.postings.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonInclude;
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
 * @param connectionId the customer account at the provider's API the payment is posted with (a PROPEXO connection for
 *     PROPERTYWARE and RESMAN): the activities look its credentials and base URL up when they call, so the workflow
 *     carries the id and never a credential. Required at the API; null in the inputs of postings started before
 *     connections existed, whose calls use the worker's fallback connection of the provider API. Left out of the JSON
 *     when null, so that those inputs and their fingerprints are what they were
 */
public record PostingRequest(
    String postingId,
    Provider provider,
    Money amount,
    Instant transactionDate,
    String paymentType,
    String referenceNumber,
    String description,
    PostingTarget target,
    @JsonInclude(JsonInclude.Include.NON_NULL) String connectionId) {

  /** Jackson must build the request with every field: it would otherwise pick the shorter constructor below. */
  @JsonCreator
  public PostingRequest {}

  /** A request that names no connection (tests of the workflow and the adapters; inputs recorded before connections). */
  public PostingRequest(String postingId, Provider provider, Money amount, Instant transactionDate,
      String paymentType, String referenceNumber, String description, PostingTarget target) {
    this(postingId, provider, amount, transactionDate, paymentType, referenceNumber, description, target, null);
  }

  /** This request posted with {@code connectionId}. */
  public PostingRequest withConnection(String connectionId) {
    return new PostingRequest(postingId, provider, amount, transactionDate, paymentType, referenceNumber, description,
        target, connectionId);
  }

  public static final String WORKFLOW_ID_PREFIX = "posting-";

  public String workflowId() {
    return workflowIdOf(postingId);
  }

  public static String workflowIdOf(String postingId) {
    return WORKFLOW_ID_PREFIX + postingId;
  }
}
