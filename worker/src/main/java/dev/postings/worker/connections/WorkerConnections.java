package dev.postings.worker.connections;

import dev.postings.model.ProviderApi;
import dev.postings.providers.ConnectionResolver;
import dev.postings.providers.SharedPacing;
import java.util.Map;

/**
 * What the adapters need to post with each posting's own connection (docs/decisions/0023-connections.md): the resolver
 * (the connections store, cached briefly), the rate limit shared by every worker, and the connection of calls whose
 * posting names none, per provider API ({@code postings.connections.fallback.*}).
 */
public record WorkerConnections(ConnectionResolver resolver, SharedPacing shared, Map<ProviderApi, String> fallbacks) {

  public String fallback(ProviderApi api) {
    String id = fallbacks.get(api);
    return id == null || id.isBlank() ? null : id;
  }
}
