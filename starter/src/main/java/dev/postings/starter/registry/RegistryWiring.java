package dev.postings.starter.registry;

import dev.postings.encryption.EncryptionSettings;
import dev.postings.registry.PostingRegistry;
import dev.postings.registry.RegistryMigrations;
import dev.postings.registry.RegistrySettings;
import dev.postings.starter.api.PostingService;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
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

  @Bean
  RegistryRepair registryRepair(PostingRegistry registry, WorkflowClient client, PostingService postings) {
    return new RegistryRepair(registry, client, postings::status, Clock.systemUTC());
  }

  /**
   * After a restart of the local Temporal server (the local stack's starter starts with it), open rows whose workflow
   * is gone are marked for operators before anything else reads them ({@code postings.registry.mark-lost-at-start},
   * the local profile only: on a cluster an open workflow is never forgotten).
   */
  @Bean
  ApplicationListener<ApplicationReadyEvent> lostWorkflowsAtStart(RegistryRepair repair,
      @Value("${postings.registry.mark-lost-at-start:false}") boolean markLostAtStart) {
    return ready -> {
      if (!markLostAtStart) {
        return;
      }
      try {
        repair.markLostWorkflows();
      } catch (RuntimeException failed) {
        log.warn("open postings could not be compared with the Temporal server at start: {}", failed.toString());
      }
    };
  }

  /**
   * The repair of lost state updates, every {@code postings.registry.repair-every} (0: never). One thread, a fixed
   * delay: a slow run never overlaps the next.
   */
  @Bean(destroyMethod = "shutdownNow")
  ScheduledExecutorService registryRepairSchedule(RegistryRepair repair,
      @Value("${postings.registry.repair-every:1m}") Duration every) {
    ScheduledExecutorService schedule = Executors.newSingleThreadScheduledExecutor(task -> {
      Thread thread = new Thread(task, "registry-repair");
      thread.setDaemon(true);
      return thread;
    });
    if (!every.isZero()) {
      schedule.scheduleWithFixedDelay(() -> {
        try {
          repair.repairStates();
        } catch (RuntimeException failed) {
          log.warn("registry repair failed; next run in {}: {}", every, failed.toString());
        }
      }, every.toMillis(), every.toMillis(), TimeUnit.MILLISECONDS);
    }
    return schedule;
  }

  private static final Logger log = LoggerFactory.getLogger(RegistryWiring.class);
}
