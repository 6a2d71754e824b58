package dev.postings.model;

/**
 * Acquaint {@code POST 17.0/app/accounts/reveivepaymentforcharge}
 * (docs/providers/acquaint.md#receive-payment-for-charge; the misspelt path is the real one): pays a charge with an
 * outstanding balance. An amount above the balance becomes an overpayment transaction.
 *
 * @param chargeId the charge ({@code chargeId})
 * @param bankAccountId Acquaint's bank account the money was received into ({@code bankAccount})
 * @param receivedFromContactId the contact who paid ({@code receivedFromContactId}); optional
 * @param payAdvanceRentToLandlordNow Acquaint's {@code payAdvanceRentToLandlordNow}; null is false
 */
public record AcquaintChargeTarget(
    Long chargeId,
    Long bankAccountId,
    Long receivedFromContactId,
    Boolean payAdvanceRentToLandlordNow) implements PostingTarget {

  @Override
  public Provider provider() {
    return Provider.ACQUAINT;
  }
}
