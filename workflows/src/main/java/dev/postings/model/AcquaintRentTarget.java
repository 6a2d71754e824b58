package dev.postings.model;

/**
 * Acquaint {@code POST 17.0/app/tenancy/tenantpayments} (docs/providers/acquaint.md#tenant-payments): pays one rent-due
 * item of a tenancy. Acquaint ids are integers; they are boxed here so that a missing one is reported as missing rather
 * than read as 0.
 *
 * @param rentItemId the rent-due item ({@code payments[].id}), an {@code Id} listed by {@code retrievesrentstopay}
 * @param tenancyId the item's tenancy: how the item is listed again to confirm it ({@code Received})
 * @param bankAccountId Acquaint's bank account the money was received into ({@code bankAccountId})
 * @param receivedFromContactId the contact who paid ({@code payments[].receivedFromContactId}); optional
 * @param landlordId the landlord the rent belongs to ({@code payments[].landlordId}); optional
 * @param payAdvancedRentToLandlord Acquaint's {@code payAdvancedRentToLandlord}; null is false
 */
public record AcquaintRentTarget(
    Long rentItemId,
    Long tenancyId,
    Long bankAccountId,
    Long receivedFromContactId,
    Long landlordId,
    Boolean payAdvancedRentToLandlord) implements PostingTarget {

  @Override
  public Provider provider() {
    return Provider.ACQUAINT;
  }
}
