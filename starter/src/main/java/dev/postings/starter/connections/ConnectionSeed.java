package dev.postings.starter.connections;

import dev.postings.model.ProviderApi;
import java.util.Map;

/**
 * A connection the deployment creates at start when absent ({@code postings.connections.seed[]}): the local profile's
 * connections to the sandbox's customers. Configuration, not code; an existing connection is left as it is.
 */
public record ConnectionSeed(String connectionId, ProviderApi api, String name, String baseUrl,
    Map<String, String> credentials) {

  @Override
  public String toString() {
    return "ConnectionSeed[" + connectionId + ", " + api + ", " + baseUrl + ", credentials=***]";
  }
}
