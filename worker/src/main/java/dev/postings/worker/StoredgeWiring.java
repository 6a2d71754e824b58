package dev.postings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.cardvault.CardVault;
import dev.postings.storedge.StoredgeAdapter;
import dev.postings.storedge.StoredgeSettings;
import dev.postings.model.ProviderApi;
import dev.postings.worker.connections.WorkerConnections;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The storEDGE adapter, configured from {@code postings.storedge.*} (environment: STOREDGE_BASE_URL,
 * STOREDGE_CONSUMER_KEY, STOREDGE_CONSUMER_SECRET), and the card vault it redeems new cards and accounts from.
 */
@Configuration
public class StoredgeWiring {

  @Bean
  StoredgeSettings storedgeSettings(Environment environment) {
    return ProviderSettingsBinding.bind(environment, "postings.storedge", StoredgeSettings.class);
  }

  /**
   * Registered on the storEDGE task queue by name (spring.temporal.workers[].activity-beans). New cards and accounts are
   * redeemed from the starter's card vault ({@link CardVaultWiring}).
   */
  @Bean
  StoredgeAdapter storedgeAdapter(StoredgeSettings settings, CardVault vault, ObjectMapper json,
      ObjectProvider<WorkerConnections> connections) {
    WorkerConnections each = connections.getIfAvailable();
    return each == null ? new StoredgeAdapter(settings, vault, json) : new StoredgeAdapter(settings, each.resolver(),
        each.fallback(ProviderApi.STOREDGE), each.shared(), vault, json);
  }
}
