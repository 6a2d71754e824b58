package dev.postings.starter.webhook;

import dev.postings.webhook.NoticePolicy;
import dev.postings.workflow.RetrySchedule;
import java.time.Duration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * How a verified Propexo webhook is handled after its answer ({@code postings.webhooks.propexo.*}): how long it is
 * remembered, how the work is retried, and where the Propexo read runs (the Propexo queue).
 */
@Configuration
public class PropexoNoticeWiring {

  @Bean
  NoticePolicy propexoNoticePolicy(Environment environment) {
    Binder binder = Binder.get(environment);
    return new NoticePolicy(
        binder.bind("postings.webhooks.propexo.remember", Duration.class).orElseThrow(
            () -> new IllegalStateException("postings.webhooks.propexo.remember is not configured")),
        binder.bind("postings.webhooks.propexo.retry", RetrySchedule.class).orElseThrow(
            () -> new IllegalStateException("postings.webhooks.propexo.retry is not configured")),
        binder.bind("postings.webhooks.propexo.call-timeout", Duration.class).orElseThrow(
            () -> new IllegalStateException("postings.webhooks.propexo.call-timeout is not configured")),
        binder.bind("postings.policy.propexo.task-queue", String.class).orElseThrow(
            () -> new IllegalStateException("postings.policy.propexo.task-queue is not configured")));
  }
}
