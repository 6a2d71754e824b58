package dev.postings.workflow.storedge;

import dev.postings.model.StoredgePaymentKind;

/**
 * What storEDGE will charge for a payment kind on a ledger as it is now (docs/providers/storedge.md#payment-kinds):
 * BALANCE pays the current balance; PREPAY pays the unpaid balance plus {@code months} times the monthly rate
 * (storEDGE: "amount is computed, unpaid balance included"; the rate as the basis is [ours], an integration whose
 * storEDGE adds fees or taxes makes the check refuse, never charge a wrong amount); CUSTOM charges the amount sent.
 */
public final class StoredgeCharge {

  private StoredgeCharge() {}

  /** The cents storEDGE will take, or {@code amountMinor} itself for CUSTOM. */
  public static long expectedMinor(StoredgePaymentKind kind, Integer months, long amountMinor, StoredgeLedger ledger) {
    return switch (kind) {
      case CUSTOM -> amountMinor;
      case BALANCE -> ledger.currentBalanceMinor();
      case PREPAY -> Math.max(0, ledger.currentBalanceMinor())
          + (long) (months == null ? 0 : months) * ledger.currentRateMinor();
    };
  }
}
