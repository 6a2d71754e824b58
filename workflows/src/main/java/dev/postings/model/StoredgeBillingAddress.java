package dev.postings.model;

/**
 * {@code payment_method[billing_address_attributes]} (docs/providers/storedge.md#payment-methods-and-cardholder-data:
 * required for a new method).
 */
public record StoredgeBillingAddress(
    String address1, String address2, String city, String state, String postal, String country) {}
