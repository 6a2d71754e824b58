package dev.postings.starter.health;

import dev.postings.directory.ReversalTasks;
import dev.postings.directory.WaitingPostings;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators watch on the starter: {@code /actuator/health} includes {@code temporal}, and the gauges of
 * {@link WaitingPostingsGauge} count the postings that wait for a re-drive, a person or an approval (and the reversals
 * to be done by hand), and how long the oldest of them has waited, refreshed every {@code postings.metrics.waiting-refresh} in the background.
 */
@Configuration
public class OperationsWiring {

  @Bean
  HealthIndicator temporalHealthIndicator(WorkflowClient client) {
    return () -> {
      try {
        var answer = client.getWorkflowServiceStubs().healthCheck();
        return (answer.getStatus().name().equals("SERVING") ? Health.up() : Health.down())
            .withDetail("status", answer.getStatus().name()).build();
      } catch (RuntimeException unreachable) {
        return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
      }
    };
  }

  @Bean
  WaitingPostingsGauge waitingPostingsGauge(WaitingPostings postings, ReversalTasks reversals, MeterRegistry registry,
      @Value("${postings.metrics.waiting-refresh:1m}") Duration refresh,
      @Value("${postings.metrics.oldest-lookups:5}") int oldestLookups) {
    WaitingPostingsGauge gauge = new WaitingPostingsGauge(postings, reversals, registry, Clock.systemUTC(),
        oldestLookups);
    gauge.refreshEvery(refresh);
    return gauge;
  }
}
