package dev.postings.model;

/**
 * A Propertyware lease ledger, addressed with Propexo's ids
 * (docs/providers/propexo.md#create-resident-payment-propertyware-rest: all four are required).
 */
public record PropertywareTarget(String integrationId, String leaseId, String residentId, String financialAccountId)
    implements PostingTarget {

  @Override
  public Provider provider() {
    return Provider.PROPERTYWARE;
  }
}
