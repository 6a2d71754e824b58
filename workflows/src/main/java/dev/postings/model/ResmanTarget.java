package dev.postings.model;

/**
 * A ResMan resident's ledger, addressed with Propexo's ids (docs/providers/propexo.md#create-resident-payment-resman).
 * ResMan requires {@code notes} as well as the posting's description; the batch id is not the caller's to choose: it is
 * derived from the posting id ({@link #batchIdFor}).
 */
public record ResmanTarget(String integrationId, String residentId, String notes) implements PostingTarget {

  @Override
  public Provider provider() {
    return Provider.RESMAN;
  }

  /**
   * The {@code batch_id} sent to ResMan: the same for every attempt of a posting, so that ResMan refuses a second copy
   * ("Duplicate transaction ID", docs/providers/propexo.md#duplicate-batch-ids) instead of posting it twice. Readable,
   * so an operator looking at the Partner Transactions tab can tell which posting a transaction belongs to.
   */
  public static String batchIdFor(String postingId) {
    return PostingRequest.WORKFLOW_ID_PREFIX + postingId;
  }
}
