package dev.postings.worker;

import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.redrive.ParkedPostingsRedrive;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The re-drive activity (on the {@code postings} queue, spring.temporal.workers[].activity-beans): finds PARKED
 * postings through the same lookup as the starter's webhooks and sends each {@code retryNow}.
 */
@Configuration
public class RedriveWiring {

  @Bean
  ParkedPostingsRedrive parkedPostingsRedrive(WorkflowClient client,
      @Value("${postings.redrive.open-postings-window:400d}") Duration window) {
    return new ParkedPostingsRedrive(client, new TemporalWaitingPostings(client, Clock.systemUTC(), window));
  }
}
