package dev.postings.model;

/**
 * An amount in minor units (cents, pence) with its ISO 4217 currency. Minor units are integers end to end so that no
 * amount is ever rounded: Propexo takes {@code amount_in_cents} as an integer, Acquaint takes decimal pounds computed
 * exactly from pence.
 */
public record Money(long minor, String currency) {}
