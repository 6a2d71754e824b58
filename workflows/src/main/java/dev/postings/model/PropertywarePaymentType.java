package dev.postings.model;

/**
 * Propexo's payment_type values for Create Resident Payment: Propertyware REST
 * (docs/providers/propexo.md#create-resident-payment-propertyware-rest).
 */
public enum PropertywarePaymentType {
  CHECK,
  CHECK21,
  CASHIERS_CHECK,
  CREDIT_CARD,
  CASH,
  MONEY_ORDER,
  OTHER,
  CLICKPAY,
  SECTION8,
  EPAY,
  ECHECK,
  NACHA,
  RENTMONEY,
  PUBLIC_ASSISTANCE;

  public static boolean isValid(String value) {
    for (PropertywarePaymentType type : values()) {
      if (type.name().equals(value)) {
        return true;
      }
    }
    return false;
  }
}
