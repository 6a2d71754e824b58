package dev.postings.providers;

import dev.postings.model.ProviderApi;
import java.net.URI;
import java.util.Map;

/**
 * The connection a call is made with, as the adapters need it: where to send and with what. Resolved at call time
 * ({@link ConnectionResolver}); never in a workflow's history, a log line or a metric ({@link #toString} leaves the
 * credentials out).
 *
 * @param connectionId the customer account (may tag metrics and log lines)
 * @param credentials the provider API's fields (token; sitePrefix and apiKey; consumerKey and consumerSecret)
 * @param credentialKey the credential's rate-limit budget name, shared by every connection with that credential
 * @param requestsPerMinute the connection's own limit, or null for the provider's default
 * @param version moves with every change of the connection: a cached exchange of another version is replaced
 */
public record ResolvedConnection(String connectionId, ProviderApi api, URI baseUrl, Map<String, String> credentials,
    String credentialKey, Integer requestsPerMinute, long version) {

  public ResolvedConnection {
    credentials = Map.copyOf(credentials);
  }

  public String credential(String name) {
    return credentials.get(name);
  }

  @Override
  public String toString() {
    return "ResolvedConnection[" + connectionId + ", " + api + ", " + baseUrl + ", version " + version
        + ", credentials=***]";
  }
}
