package dev.postings.worker.reconciliation;

import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.connections.BaseUrlRules;
import dev.postings.connections.ConnectionStore;
import dev.postings.encryption.EncryptionSettings;
import dev.postings.ledger.ProviderLedgers;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.reconciliation.ReconciliationStore;
import dev.postings.registry.PostingsOfADay;
import dev.postings.registry.RegistrySettings;
import dev.postings.storedge.StoredgeAdapter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The reconciliation activity (on the {@code postings} queue, spring.temporal.workers[].activity-beans). It opens the
 * day's references from the registry's seal with the payload key ring the worker already holds, to compare them with
 * the ledger's; they stay in memory.
 */
@Configuration
public class ReconciliationWiring {

  @Bean
  ReconcileDay reconcileDay(DataSource dataSource, Environment environment, PropexoAdapter propexo,
      AcquaintAdapter acquaint, StoredgeAdapter storedge, MeterRegistry meters) {
    EncryptionSettings sealing = Binder.get(environment).bind("postings.encryption", EncryptionSettings.class)
        .orElseThrow(() -> new IllegalStateException("postings.encryption is not configured"));
    RegistrySettings settings = new RegistrySettings(
        environment.getProperty("postings.registry.reference-hash-key", ""), sealing);
    return new ReconcileDay(new PostingsOfADay(dataSource, settings), new ProviderLedgers(propexo, acquaint, storedge,
        environment.getProperty("postings.reconciliation.max-rate-limit-waits", Integer.class, 600)),
        new ReconciliationStore(dataSource),
        new ConnectionStore(dataSource, settings, BaseUrlRules.PRODUCTION, Clock.systemUTC()), meters,
        Clock.systemUTC());
  }
}
