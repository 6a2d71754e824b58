package dev.postings.worker;

import dev.postings.callback.CallbackDestinations;
import dev.postings.callback.CallbackSettings;
import dev.postings.callback.HttpCompletionCallbacks;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Completion callbacks to the services that started postings, signed with {@code postings.callback.secret}
 * (POSTINGS_CALLBACK_SECRET); registered on the {@code postings} queue by name (spring.temporal.workers[].activity-beans).
 * Without a secret the worker does not start. Each delivery checks its URL again with the starter's rule
 * ({@code postings.callbacks.allowed-hosts}, {@code postings.callbacks.allow-http}: the two must agree).
 */
@Configuration
public class CallbackWiring {

  @Bean
  HttpCompletionCallbacks completionCallbacks(@Value("${postings.callback.secret:}") String secret,
      @Value("${postings.callback.connect-timeout:5s}") Duration connectTimeout,
      @Value("${postings.callbacks.allowed-hosts:}") List<String> allowedHosts,
      @Value("${postings.callbacks.allow-http:false}") boolean allowHttp) {
    return new HttpCompletionCallbacks(new CallbackSettings(secret, connectTimeout), Clock.systemUTC(),
        new CallbackDestinations(allowedHosts, allowHttp, CallbackDestinations.SYSTEM));
  }
}
