package dev.postings.worker.connections;

import dev.postings.connections.BaseUrlRules;
import dev.postings.connections.ConnectionStore;
import dev.postings.connections.SharedRateLimiter;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.model.ProviderApi;
import dev.postings.providers.CachingConnectionResolver;
import dev.postings.registry.RegistrySettings;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Each posting's own connection for the adapters, when the worker has the registry's database
 * ({@code spring.datasource.*}): the connections store read through a brief cache ({@code
 * postings.connections.cache-max-age}, default 30 s, with the version compared every {@code version-check}, default
 * 0 s: at every call, so that a rotation or a disabling takes effect on the next call), the rate limit per credential shared by every
 * worker, and the fallback connection per provider API for postings that name none. Without a database, no bean: the
 * adapters post with the single credential of {@code postings.<provider>.*}, as before connections.
 *
 * <p>The activity side of the posting's connection id: {@link ConnectionOfPosting}.
 */
@Configuration
public class ConnectionsWiring {

  private static final Logger log = LoggerFactory.getLogger(ConnectionsWiring.class);

  @Bean
  ConnectionOfPosting connectionOfPosting() {
    return new ConnectionOfPosting();
  }

  @Bean
  WorkerConnections workerConnections(ObjectProvider<DataSource> dataSource, Environment environment) {
    DataSource database = dataSource.getIfAvailable();
    if (database == null) {
      log.warn("no registry database: every posting is made with the single credential of postings.<provider>.*");
      return null;
    }
    Binder binder = Binder.get(environment);
    EncryptionSettings sealing = binder.bind("postings.encryption", EncryptionSettings.class)
        .orElseThrow(() -> new IllegalStateException("postings.encryption is not configured"));
    RegistrySettings settings = new RegistrySettings(
        environment.getProperty("postings.registry.reference-hash-key", ""), sealing);
    ConnectionStore store = new ConnectionStore(database, settings, BaseUrlRules.PRODUCTION, Clock.systemUTC());
    Duration maxAge = binder.bind("postings.connections.cache-max-age", Duration.class)
        .orElse(Duration.ofSeconds(30));
    Duration versionCheck = binder.bind("postings.connections.version-check", Duration.class)
        .orElse(Duration.ZERO);
    Map<ProviderApi, String> fallbacks = new EnumMap<>(ProviderApi.class);
    for (ProviderApi api : ProviderApi.values()) {
      String id = environment.getProperty("postings.connections.fallback." + api.name().toLowerCase());
      if (id != null && !id.isBlank()) {
        fallbacks.put(api, id);
      }
    }
    return new WorkerConnections(new CachingConnectionResolver(new StoredConnections(store), maxAge, versionCheck),
        new DatabasePacing(new SharedRateLimiter(database)), fallbacks);
  }
}
