package dev.postings.worker;

import dev.postings.directory.TemporalWaitingPostings;
import dev.postings.webhook.WaitingPostingNotices;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The Propexo notices' activities (on the {@code postings} queue, spring.temporal.workers[].activity-beans): find the
 * one waiting posting a verified webhook concerns, through the same directory as the re-drive, and update it. The
 * notice workflow reads Propexo with the Propexo queue's own {@code readResidentPayment}.
 */
@Configuration
public class PropexoNoticeWiring {

  @Bean
  WaitingPostingNotices propexoNotices(WorkflowClient client,
      @Value("${postings.redrive.open-postings-window:400d}") Duration window) {
    return new WaitingPostingNotices(client, new TemporalWaitingPostings(client, Clock.systemUTC(), window));
  }
}
