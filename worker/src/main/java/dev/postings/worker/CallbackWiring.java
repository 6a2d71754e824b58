package dev.postings.worker;

import dev.postings.callback.CallbackSettings;
import dev.postings.callback.HttpCompletionCallbacks;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Completion callbacks to the services that started postings, signed with {@code postings.callback.secret}
 * (POSTINGS_CALLBACK_SECRET); registered on the {@code postings} queue by name (spring.temporal.workers[].activity-beans).
 * Without a secret the worker does not start.
 */
@Configuration
public class CallbackWiring {

  @Bean
  HttpCompletionCallbacks completionCallbacks(@Value("${postings.callback.secret:}") String secret,
      @Value("${postings.callback.connect-timeout:5s}") Duration connectTimeout) {
    return new HttpCompletionCallbacks(new CallbackSettings(secret, connectTimeout), Clock.systemUTC());
  }
}
