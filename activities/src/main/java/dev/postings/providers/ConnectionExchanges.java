package dev.postings.providers;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.ProviderApi;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * An adapter's HTTP exchanges, one per connection: each call resolves the connection of the posting it works for
 * ({@link PostingConnection}, else the provider API's fallback) and uses that connection's exchange, made on first use
 * with the connection's base URL, credentials (through its own protocol: Acquaint's token cache is per site and key)
 * and rate limit, and made again when the connection's version moves (a rotation). Timeouts are the provider's.
 */
public final class ConnectionExchanges {

  private record Entry(long version, ProviderExchange exchange, ProviderProtocol protocol) {}

  private final ProviderApi api;
  private final ProviderConnection defaults;
  private final ConnectionResolver resolver;
  private final String fallbackConnectionId;
  private final Function<ResolvedConnection, ProviderProtocol> protocols;
  private final ObjectMapper json;
  private final SharedPacing shared;
  private final Map<String, Entry> exchanges = new ConcurrentHashMap<>();

  /**
   * @param defaults the provider's timeouts and default rate limit ({@code postings.<provider>.*})
   * @param fallbackConnectionId the connection of calls whose posting names none; null: such calls are refused
   * @param protocols the provider's protocol for one connection's credentials
   * @param shared the rate limit shared by all workers, or null to pace each connection in this process only
   */
  public ConnectionExchanges(ProviderApi api, ProviderConnection defaults, ConnectionResolver resolver,
      String fallbackConnectionId, Function<ResolvedConnection, ProviderProtocol> protocols, ObjectMapper json,
      SharedPacing shared) {
    this.api = api;
    this.defaults = defaults;
    this.resolver = resolver;
    this.fallbackConnectionId = fallbackConnectionId;
    this.protocols = protocols;
    this.json = json;
    this.shared = shared;
  }

  /** The exchange of the current call's connection. @throws io.temporal.failure.ApplicationFailure CREDENTIALS_REFUSED */
  public ProviderExchange current() {
    String named = PostingConnection.current();
    ResolvedConnection connection = resolver.resolve(named != null ? named : fallbackConnectionId, api);
    String key = connection.connectionId() == null ? "" : connection.connectionId();
    Entry entry = exchanges.compute(key, (id, existing) -> existing != null
        && existing.version() == connection.version() ? existing : open(connection));
    return entry.exchange();
  }

  /** The protocols made so far (tests: Acquaint's tokens per connection). */
  public List<ProviderProtocol> protocols() {
    return exchanges.values().stream().map(Entry::protocol).toList();
  }

  private Entry open(ResolvedConnection connection) {
    RequestPacing.Settings rateLimit = connection.requestsPerMinute() == null ? defaults.rateLimit()
        : new RequestPacing.Settings(connection.requestsPerMinute(), defaults.rateLimit().maxWait() != null
            ? defaults.rateLimit().maxWait() : java.time.Duration.ZERO);
    ProviderConnection reach = new ProviderConnection(connection.baseUrl(), defaults.connectTimeout(),
        defaults.requestTimeout(), rateLimit);
    ProviderProtocol protocol = protocols.apply(connection);
    ProviderExchange exchange = new ProviderExchange(protocol, reach, json)
        .sharedBy(shared, connection.credentialKey(), connection.connectionId());
    return new Entry(connection.version(), exchange, protocol);
  }
}
