package dev.postings.client;

/**
 * A posting to start, as {@code POST /api/postings} takes it: the common fields and one provider's target. Absent
 * (null) fields are left out of the request.
 *
 * @param paymentType the provider's payment type where it has one (Propertyware, ResMan, Acquaint)
 * @param callbackUrl where the API's worker posts the posting's end, signed; optional
 * @param connectionId the customer account at the provider's API to post with (GET /api/connections); required
 */
public record NewPosting(String postingId, String provider, Amount amount, String transactionDate, String paymentType,
    String referenceNumber, String description, Target target, String callbackUrl, String connectionId) {

  public NewPosting withCallbackUrl(String url) {
    return new NewPosting(postingId, provider, amount, transactionDate, paymentType, referenceNumber, description,
        target, url, connectionId);
  }

  public NewPosting withAmount(Amount changed) {
    return new NewPosting(postingId, provider, changed, transactionDate, paymentType, referenceNumber, description,
        target, callbackUrl, connectionId);
  }

  public NewPosting withConnection(String id) {
    return new NewPosting(postingId, provider, amount, transactionDate, paymentType, referenceNumber, description,
        target, callbackUrl, id);
  }

  /** The local stack's seeded connection of a provider's first customer (the sandbox's). */
  public static String localConnectionOf(String provider) {
    return switch (provider) {
      case "ACQUAINT" -> "acquaint-dev";
      case "STOREDGE" -> "storedge-main";
      default -> "propexo-main";
    };
  }

  /** An amount in minor units (cents, pence) of an ISO currency. */
  public record Amount(long minor, String currency) {}

  /** Where the payment goes: one record per provider, written as its fields (the provider field says which). */
  public sealed interface Target permits PropertywareTarget, ResmanTarget, AcquaintTarget, StoredgeTarget {}

  /** Propertyware through Propexo: the lease, the resident and the financial account paid. */
  public record PropertywareTarget(String integrationId, String leaseId, String residentId, String financialAccountId)
      implements Target {}

  /** ResMan through Propexo: the resident, and notes for the PMC. */
  public record ResmanTarget(String integrationId, String residentId, String notes) implements Target {}

  /**
   * Acquaint: a rent item ({@code operation RENT}, with its tenancy) or a charge ({@code CHARGE}), received into a bank
   * account from a contact.
   */
  public record AcquaintTarget(String operation, Long bankAccountId, Long receivedFromContactId, Long rentItemId,
      Long tenancyId, Long chargeId) implements Target {

    public static AcquaintTarget rent(long rentItemId, long tenancyId, long bankAccountId, long fromContactId) {
      return new AcquaintTarget("RENT", bankAccountId, fromContactId, rentItemId, tenancyId, null);
    }

    public static AcquaintTarget charge(long chargeId, long bankAccountId, long fromContactId) {
      return new AcquaintTarget("CHARGE", bankAccountId, fromContactId, null, null, chargeId);
    }
  }

  /** storEDGE: a facility's ledger, paid with a stored method or a new card. */
  public record StoredgeTarget(String facilityId, String ledgerId, String paymentKind, PaymentMethod paymentMethod)
      implements Target {}

  /**
   * A stored payment method ({@code kind STORED}, its id) or a new card ({@code CREDIT_CARD}, its details: the API
   * seals them in its vault at once, they never reach a workflow).
   */
  public record PaymentMethod(String kind, String paymentMethodId, String firstName, String lastName, String cardType,
      String cardNumber, String securityCode, String expirationDate, BillingAddress billingAddress) {

    public static PaymentMethod stored(String paymentMethodId) {
      return new PaymentMethod("STORED", paymentMethodId, null, null, null, null, null, null, null);
    }

    public static PaymentMethod newCard(String firstName, String lastName, String cardType, String cardNumber,
        String securityCode, String expirationDate, BillingAddress billingAddress) {
      return new PaymentMethod("CREDIT_CARD", null, firstName, lastName, cardType, cardNumber, securityCode,
          expirationDate, billingAddress);
    }

    /** Never the card's data in a log line. */
    @Override
    public String toString() {
      return "PaymentMethod[kind=" + kind + (paymentMethodId == null ? "" : ", paymentMethodId=" + paymentMethodId)
          + "]";
    }
  }

  public record BillingAddress(String address1, String city, String state, String postal, String country) {}
}
