package dev.postings.model;

/**
 * storEDGE's {@code payment[kind]} (docs/providers/storedge.md#payment-kinds): pay a given amount, prepay months, or
 * pay the current balance.
 */
public enum StoredgePaymentKind {
  CUSTOM,
  PREPAY,
  BALANCE;

  /** The value storEDGE expects on the wire ({@code custom}, {@code prepay}, {@code balance}). */
  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }
}
