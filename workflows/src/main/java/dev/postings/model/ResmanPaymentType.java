package dev.postings.model;

import java.util.List;

/**
 * ResMan's payment_type values. The ResMan endpoint's example is "Credit Card"; the list is the generic Create Resident
 * Payment endpoint's (docs/providers/propexo.md#resman-payment-types). They are sent verbatim, spaces included.
 */
public final class ResmanPaymentType {

  public static final List<String> VALUES =
      List.of("ACH", "Cash", "Cashiers Check", "Check", "Credit Card", "Debit Card", "eCheck", "Money Order");

  private ResmanPaymentType() {}

  public static boolean isValid(String value) {
    return VALUES.contains(value);
  }
}
