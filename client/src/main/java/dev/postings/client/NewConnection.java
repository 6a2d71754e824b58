package dev.postings.client;

import java.util.Map;

/**
 * A provider connection to create ({@code POST /api/connections}, admin): one customer account at one provider API.
 * Absent (null) fields are left out of the request.
 *
 * @param api PROPEXO, ACQUAINT or STOREDGE
 * @param credentials PROPEXO {@code token}; ACQUAINT {@code sitePrefix}, {@code apiKey}; STOREDGE {@code consumerKey},
 *     {@code consumerSecret}. Sent once, never answered
 * @param rateLimit requests per minute of the credential for all workers together; optional
 */
public record NewConnection(String connectionId, String api, String name, String baseUrl,
    Map<String, String> credentials, RateLimit rateLimit) {

  public record RateLimit(int requestsPerMinute) {}

  @Override
  public String toString() {
    return "NewConnection[" + connectionId + ", " + api + ", " + name + ", " + baseUrl + ", credentials=***]";
  }
}
