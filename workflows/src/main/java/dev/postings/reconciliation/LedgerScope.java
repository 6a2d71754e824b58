package dev.postings.reconciliation;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.PostingTarget;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.ResmanTarget;
import dev.postings.model.StoredgeTarget;

/**
 * Which of the customer's ledgers a posting's payment lands on, as the reconciliation reads it: only these are read,
 * so each provider is asked narrowly (Propexo: one integration's day; Acquaint: one tenancy's rent items, or one
 * transaction; storEDGE: one ledger). Kept in the registry at registration ({@link #wire}); ids only, never a
 * reference.
 *
 * @param kind which read finds the payment
 * @param id the integration, tenancy, charge or facility id
 * @param ledgerId storEDGE's ledger within the facility, else null
 */
public record LedgerScope(Kind kind, String id, String ledgerId) {

  public enum Kind {
    /** Propexo's resident payments of one integration (Propertyware, ResMan once synced). */
    PROPEXO_INTEGRATION,
    /** Acquaint's rent items of one tenancy: the record is the rent item, its received amount the payment. */
    ACQUAINT_TENANCY,
    /** Acquaint's transaction a charge payment made: the record is the transaction. */
    ACQUAINT_CHARGE,
    /** storEDGE's ledger in a facility: the record is one of its recent payments. */
    STOREDGE_LEDGER
  }

  public static LedgerScope of(PostingTarget target) {
    if (target instanceof PropertywareTarget propertyware) {
      return new LedgerScope(Kind.PROPEXO_INTEGRATION, propertyware.integrationId(), null);
    }
    if (target instanceof ResmanTarget resman) {
      return new LedgerScope(Kind.PROPEXO_INTEGRATION, resman.integrationId(), null);
    }
    if (target instanceof AcquaintRentTarget rent) {
      return new LedgerScope(Kind.ACQUAINT_TENANCY, String.valueOf(rent.tenancyId()), null);
    }
    if (target instanceof AcquaintChargeTarget charge) {
      return new LedgerScope(Kind.ACQUAINT_CHARGE, String.valueOf(charge.chargeId()), null);
    }
    if (target instanceof StoredgeTarget storedge) {
      return new LedgerScope(Kind.STOREDGE_LEDGER, storedge.facilityId(), storedge.ledgerId());
    }
    throw new IllegalArgumentException("no ledger scope for " + target.getClass().getSimpleName());
  }

  /** As the registry keeps it: {@code KIND:id} or {@code STOREDGE_LEDGER:facility/ledger}. */
  public String wire() {
    return kind + ":" + id + (ledgerId == null ? "" : "/" + ledgerId);
  }

  /** The registry's text back, or null for null (rows registered before the scope was kept). */
  public static LedgerScope parse(String wire) {
    if (wire == null) {
      return null;
    }
    int colon = wire.indexOf(':');
    Kind kind = Kind.valueOf(wire.substring(0, colon));
    String rest = wire.substring(colon + 1);
    if (kind != Kind.STOREDGE_LEDGER) {
      return new LedgerScope(kind, rest, null);
    }
    int slash = rest.indexOf('/');
    return new LedgerScope(kind, rest.substring(0, slash), rest.substring(slash + 1));
  }
}
