package dev.postings.worker.registry;

import dev.postings.registry.PostingRegistry;
import javax.sql.DataSource;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The worker's part of the registry: recording the states postings wait in or end in, on the database
 * {@code spring.datasource.*} names (the starter's; the starter migrates it). The bean's name is what worker.yml lists
 * among the posting queue's activity beans: a local activity runs on the worker that runs the workflow.
 */
@Configuration
public class RegistryWiring {

  @Bean
  RegistryStateUpdates postingRegistryUpdates(DataSource dataSource) {
    return new RegistryStateUpdates(PostingRegistry.forStateUpdates(dataSource));
  }
}
