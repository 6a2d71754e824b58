package dev.postings.model;

/**
 * The provider APIs a connection (one customer account) is held at. Propertyware and ResMan are both reached through
 * Propexo, with one Propexo token: a posting to either names a PROPEXO connection.
 */
public enum ProviderApi {
  PROPEXO,
  ACQUAINT,
  STOREDGE;

  /** The API a posting to {@code provider} goes through. */
  public static ProviderApi of(Provider provider) {
    return switch (provider) {
      case PROPERTYWARE, RESMAN -> PROPEXO;
      case ACQUAINT -> ACQUAINT;
      case STOREDGE -> STOREDGE;
    };
  }
}
