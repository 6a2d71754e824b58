package dev.postings.starter.reconciliation;

import io.temporal.client.WorkflowClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code postings.reconciliation.schedule.*}; the daily reconciliation is set up once the starter is ready (and its
 * server, locally), as the scheduled re-drive is.
 */
@Configuration
public class ReconciliationScheduleWiring {

  @Bean
  ReconciliationScheduleSettings reconciliationScheduleSettings(Environment environment) {
    return Binder.get(environment).bind("postings.reconciliation.schedule", ReconciliationScheduleSettings.class)
        .orElseGet(() -> new ReconciliationScheduleSettings(null, null, null, null));
  }

  @Bean
  ReconciliationScheduling reconciliationScheduling(WorkflowClient client, ReconciliationScheduleSettings settings,
      @Value("${postings.task-queue}") String taskQueue) {
    // the settings are checked here, at start-up, rather than at the first run
    return new ReconciliationScheduling(client, settings.policy(), taskQueue);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> dailyReconciliation(ReconciliationScheduling scheduling,
      ReconciliationScheduleSettings settings) {
    return ready -> {
      if (settings.isScheduled()) {
        scheduling.setUp();
      }
    };
  }
}
