package dev.postings.worker;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.propexo.PropexoAdapter;
import dev.postings.propexo.PropexoSettings;
import dev.postings.model.ProviderApi;
import dev.postings.worker.connections.WorkerConnections;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** The Propexo adapter, configured from {@code postings.propexo.*} (environment: PROPEXO_BASE_URL, PROPEXO_TOKEN). */
@Configuration
public class PropexoWiring {

  @Bean
  PropexoSettings propexoSettings(Environment environment) {
    return ProviderSettingsBinding.bind(environment, "postings.propexo", PropexoSettings.class);
  }

  /** Registered on the Propexo task queue by name (spring.temporal.workers[].activity-beans). */
  @Bean
  PropexoAdapter propexoAdapter(PropexoSettings settings, ObjectMapper json,
      ObjectProvider<WorkerConnections> connections) {
    WorkerConnections each = connections.getIfAvailable();
    return each == null ? new PropexoAdapter(settings, json) : new PropexoAdapter(settings, each.resolver(),
        each.fallback(ProviderApi.PROPEXO), each.shared(), json);
  }
}
