package dev.postings.connections;

import dev.postings.model.ProviderApi;

/**
 * A connection to create: one customer account at one provider API.
 *
 * @param connectionId the caller's slug (lower-case letters, digits, dashes; 2-63 characters)
 * @param api the provider API
 * @param name what operators call the customer account
 * @param baseUrl the part before the API's paths (checked against the deployment's {@link BaseUrlRules})
 * @param credentials write-only; sealed at rest
 * @param rateLimit optional: the provider's default when absent
 * @param approval optional, PROPEXO only (ResMan's approval wait)
 */
public record NewConnection(String connectionId, ProviderApi api, String name, String baseUrl,
    ConnectionCredentials credentials, RateLimit rateLimit, ApprovalSettings approval) {

  @Override
  public String toString() {
    return "NewConnection[" + connectionId + ", " + api + ", " + name + ", " + baseUrl + ", credentials=***]";
  }
}
