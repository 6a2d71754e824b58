package dev.postings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.acquaint.AcquaintSettings;
import dev.postings.model.ProviderApi;
import dev.postings.worker.connections.WorkerConnections;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The Acquaint adapter, configured from {@code postings.acquaint.*} (environment: ACQUAINT_BASE_URL, ACQUAINT_API_KEY,
 * ACQUAINT_SITE_PREFIX). A worker without them does not start: better than failing the first posting.
 */
@Configuration
public class AcquaintWiring {

  @Bean
  AcquaintSettings acquaintSettings(Environment environment) {
    return ProviderSettingsBinding.bind(environment, "postings.acquaint", AcquaintSettings.class);
  }

  /** Registered on the Acquaint task queue by name (spring.temporal.workers[].activity-beans). */
  @Bean
  AcquaintAdapter acquaintAdapter(AcquaintSettings settings, ObjectMapper json,
      ObjectProvider<WorkerConnections> connections) {
    WorkerConnections each = connections.getIfAvailable();
    return each == null ? new AcquaintAdapter(settings, json) : new AcquaintAdapter(settings, each.resolver(),
        each.fallback(ProviderApi.ACQUAINT), each.shared(), json, java.time.Clock.systemUTC());
  }
}
