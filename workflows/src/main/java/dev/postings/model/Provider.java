package dev.postings.model;

/** The property-management systems a posting can go to. PROPERTYWARE and RESMAN are reached through Propexo. */
public enum Provider {
  PROPERTYWARE("USD"),
  RESMAN("USD"),
  ACQUAINT("GBP"),
  STOREDGE("USD");

  private final String currency;

  Provider(String currency) {
    this.currency = currency;
  }

  /**
   * The only currency this provider's ledger takes (docs/providers/README.md#at-a-glance: USD for Propexo and storEDGE,
   * GBP for Acquaint).
   */
  public String currency() {
    return currency;
  }
}
