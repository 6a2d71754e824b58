package dev.postings.starter.registry;

import dev.postings.encryption.EncryptionSettings;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.RegistryMigrations;
import dev.postings.registry.RegistrySettings;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The registry of every posting (docs/decisions/0022-postgresql-registry.md) on the database {@code spring.datasource.*}
 * names. The API owns the schema: it runs the registry's Flyway migrations ({@link RegistryMigrations}, apart from
 * Spring Boot's own Flyway support, which is off) before the registry is handed to anything, so a starter that cannot
 * reach its database or migrate it does not start.
 */
@Configuration
public class RegistryWiring {

  @Bean
  RegistrySettings registrySettings(Environment environment,
      @Value("${postings.registry.reference-hash-key:}") String referenceHashKey) {
    EncryptionSettings sealing = Binder.get(environment).bind("postings.encryption", EncryptionSettings.class)
        .orElseThrow(() -> new IllegalStateException("postings.encryption is not configured"));
    return new RegistrySettings(referenceHashKey, sealing);
  }

  @Bean
  PostingRegistry postingRegistry(DataSource dataSource, RegistrySettings settings) {
    RegistryMigrations.migrate(dataSource);
    return new PostingRegistry(dataSource, settings);
  }
}
