package dev.postings.worker.connections;

import dev.postings.connections.ConnectionStore;
import dev.postings.connections.OpenedConnection;
import dev.postings.connections.RateLimit;
import dev.postings.providers.CachingConnectionResolver;
import dev.postings.providers.ResolvedConnection;
import java.net.URI;
import java.util.Optional;

/** The connections store as the adapters' resolver reads it: opened connections and their versions. */
public final class StoredConnections implements CachingConnectionResolver.Source {

  private final ConnectionStore store;

  public StoredConnections(ConnectionStore store) {
    this.store = store;
  }

  @Override
  public Optional<CachingConnectionResolver.Stored> open(String connectionId) {
    return store.open(connectionId).map(StoredConnections::resolved);
  }

  @Override
  public Optional<Long> version(String connectionId) {
    return store.version(connectionId);
  }

  static CachingConnectionResolver.Stored resolved(OpenedConnection opened) {
    RateLimit limit = opened.connection().rateLimit();
    return new CachingConnectionResolver.Stored(new ResolvedConnection(opened.connection().connectionId(),
        opened.connection().api(), URI.create(opened.connection().baseUrl()), opened.credentials().values(),
        opened.credentialKey(), limit == null ? null : limit.requestsPerMinute(), opened.connection().version()),
        opened.connection().active());
  }
}
