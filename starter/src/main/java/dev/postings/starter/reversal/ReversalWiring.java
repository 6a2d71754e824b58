package dev.postings.starter.reversal;

import dev.postings.directory.ReversalTasks;
import dev.postings.directory.TemporalReversalTasks;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Where operators and the waiting gauge find reversals. */
@Configuration
public class ReversalWiring {

  /**
   * On the embedded server the window is how far back reversals are listed: an operator task may stay open for as
   * long as nobody reverses by hand, so the same window as the postings'.
   */
  @Bean
  ReversalTasks reversalTasks(WorkflowClient client,
      @Value("${postings.webhooks.open-postings-window:400d}") Duration window) {
    return new TemporalReversalTasks(client, Clock.systemUTC(), window);
  }
}
