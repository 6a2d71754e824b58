package dev.postings.starter.connections;

import dev.postings.connections.Connection;
import dev.postings.connections.ConnectionStore;
import dev.postings.model.Provider;
import dev.postings.model.ProviderApi;
import java.util.Optional;

/** A posting's connection checked against the connections store: exists, active, of the provider's API. */
final class StoredPostingConnections implements PostingConnections {

  private final ConnectionStore store;

  StoredPostingConnections(ConnectionStore store) {
    this.store = store;
  }

  @Override
  public Optional<String> refusal(String connectionId, Provider provider) {
    Optional<Connection> found = store.find(connectionId);
    if (found.isEmpty()) {
      return Optional.of("names no connection (GET /api/connections)");
    }
    Connection connection = found.get();
    if (!connection.active()) {
      return Optional.of("is disabled");
    }
    ProviderApi needed = ProviderApi.of(provider);
    if (connection.api() != needed) {
      return Optional.of("is a " + connection.api() + " connection; " + provider + " postings need a " + needed
          + " connection");
    }
    return Optional.empty();
  }
}
