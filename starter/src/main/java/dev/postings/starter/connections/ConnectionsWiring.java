package dev.postings.starter.connections;

import dev.postings.connections.BaseUrlRules;
import dev.postings.connections.ConnectionCredentials;
import dev.postings.connections.ConnectionStore;
import dev.postings.connections.NewConnection;
import dev.postings.registry.RegistryMigrations;
import dev.postings.registry.RegistrySettings;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The provider connections (docs/decisions/0023-connections.md) on the registry's database: the store behind
 * {@code /api/connections}, the check of a posting's {@code connectionId}, and the seeding of
 * {@code postings.connections.seed[]} at start (the local profile's sandbox customers).
 *
 * <p>Base URLs: https only unless {@code postings.connections.allow-http}; any host unless
 * {@code postings.connections.loopback-only} (both set in the local profile, whose providers are the sandbox).
 */
@Configuration
public class ConnectionsWiring {

  private static final Logger log = LoggerFactory.getLogger(ConnectionsWiring.class);

  /** Null (no bean) when the service has no registry database: then connection ids are checked for form only. */
  @Bean
  ConnectionStore connectionStore(ObjectProvider<DataSource> dataSource, ObjectProvider<RegistrySettings> settings,
      @Value("${postings.connections.allow-http:false}") boolean allowHttp,
      @Value("${postings.connections.loopback-only:false}") boolean loopbackOnly) {
    DataSource database = dataSource.getIfAvailable();
    RegistrySettings registry = settings.getIfAvailable();
    if (database == null || registry == null) {
      log.warn("no registry database: connections cannot be managed, and a posting's connectionId is checked for its"
          + " form only");
      return null;
    }
    // idempotent: the registry's own wiring migrates too; whichever runs first brings the schema up to date
    RegistryMigrations.migrate(database);
    return new ConnectionStore(database, registry, new BaseUrlRules(allowHttp, loopbackOnly), Clock.systemUTC());
  }

  @Bean
  ConnectionCheck connectionCheck() {
    return new ConnectionCheck();
  }

  @Bean
  PostingConnections postingConnections(ObjectProvider<ConnectionStore> store) {
    ConnectionStore connections = store.getIfAvailable();
    return connections == null ? (connectionId, provider) -> Optional.empty()
        : new StoredPostingConnections(connections);
  }

  /**
   * Creates each configured seed that is absent; an existing one keeps its credentials and status (rotated, disabled)
   * and follows the seed's base URL (the local sandbox's port may change between runs).
   */
  @Bean
  ApplicationRunner connectionSeeding(ObjectProvider<ConnectionStore> store, Environment environment) {
    return arguments -> {
      List<ConnectionSeed> seeds = Binder.get(environment)
          .bind("postings.connections.seed", Bindable.listOf(ConnectionSeed.class)).orElse(List.of());
      ConnectionStore connections = store.getIfAvailable();
      if (seeds.isEmpty() || connections == null) {
        return;
      }
      for (ConnectionSeed seed : seeds) {
        boolean created = connections.createIfAbsent(new NewConnection(seed.connectionId(), seed.api(), seed.name(),
            seed.baseUrl(), new ConnectionCredentials(seed.credentials()), null, null));
        if (created) {
          log.info("connection {} ({}) created from postings.connections.seed", seed.connectionId(), seed.api());
        } else if (connections.moveBaseUrl(seed.connectionId(), seed.baseUrl())) {
          // the local stack's sandbox moved (another SANDBOX_PORT than the run that seeded it); credentials stay
          log.info("connection {} now at {} (postings.connections.seed)", seed.connectionId(), seed.baseUrl());
        }
      }
    };
  }
}
