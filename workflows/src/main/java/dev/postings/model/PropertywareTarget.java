package dev.postings.model;

/** A Propertyware lease ledger, addressed with Propexo's ids (seed 000: all four are required). */
public record PropertywareTarget(String integrationId, String leaseId, String residentId, String financialAccountId)
    implements PostingTarget {

  @Override
  public Provider provider() {
    return Provider.PROPERTYWARE;
  }
}
