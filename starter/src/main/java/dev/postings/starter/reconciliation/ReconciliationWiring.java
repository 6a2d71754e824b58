package dev.postings.starter.reconciliation;

import dev.postings.reconciliation.ReconciliationReports;
import dev.postings.reconciliation.ReconciliationStore;
import dev.postings.registry.PostingRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Reconciliation reports on the registry's database (docs/reconciliation.md), and the starts of reconciliations the API
 * asks for. The registry's wiring migrates the schema first: the {@link PostingRegistry} parameter orders the beans.
 */
@Configuration
public class ReconciliationWiring {

  @Bean
  ReconciliationStore reconciliationStore(DataSource dataSource, PostingRegistry migrated) {
    return new ReconciliationStore(dataSource);
  }

  @Bean
  ReconciliationReports reconciliationReports(DataSource dataSource, PostingRegistry migrated) {
    return new ReconciliationReports(dataSource);
  }

  @Bean
  ReconciliationStarts reconciliationStarts(WorkflowClient client,
      @Value("${postings.task-queue}") String taskQueue,
      @Value("${postings.reconciliation.max-age:92d}") Duration maxAge) {
    return new ReconciliationStarts(client, taskQueue, maxAge, Clock.systemUTC());
  }
}
