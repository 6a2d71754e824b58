package dev.postings.starter.redrive;

import io.temporal.client.WorkflowClient;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** {@code postings.redrive.*}; the scheduled re-drive is set up once the starter is ready (and its server, locally). */
@Configuration
public class RedriveWiring {

  @Bean
  RedriveSettings redriveSettings(Environment environment) {
    return Binder.get(environment).bind("postings.redrive", RedriveSettings.class)
        .orElseGet(() -> new RedriveSettings(null, null, null, null, null));
  }

  @Bean
  RedriveScheduling redriveScheduling(WorkflowClient client, RedriveSettings settings,
      @Value("${postings.task-queue}") String taskQueue) {
    return new RedriveScheduling(client, settings, taskQueue);
  }

  @Bean
  ApplicationListener<ApplicationReadyEvent> scheduledRedrive(RedriveScheduling scheduling, RedriveSettings settings) {
    return ready -> {
      if (settings.isScheduled()) {
        scheduling.setUp();
      }
    };
  }
}
