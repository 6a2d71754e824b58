package dev.postings.providers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * One timer per provider call: {@code postings_provider_calls} tagged {@code provider}, {@code operation} (the route's
 * method and path template, {@link Route#operation()}, so that the tag set stays small and holds no caller's value) and
 * {@code status} (the HTTP status, or {@code not_sent} / {@code no_answer}). Its count is the number of calls, its sum
 * their latency. Recorded in Micrometer's global registry, which Spring Boot's Prometheus registry joins
 * ({@code management.metrics.use-global-registry}, on by default); tests read it with a registry of their own.
 */
public final class ProviderCalls {

  public static final String METER = "postings_provider_calls";
  public static final String NOT_SENT = "not_sent";
  public static final String NO_ANSWER = "no_answer";

  private final String provider;
  private final MeterRegistry registry;

  public ProviderCalls(String provider) {
    this(provider, Metrics.globalRegistry);
  }

  public ProviderCalls(String provider, MeterRegistry registry) {
    this.provider = provider;
    this.registry = registry;
  }

  /** Records one call of {@code route} that ended with {@code status} and started at {@code startedNanos}. */
  public void record(Route route, String status, long startedNanos) {
    CallTally.one();
    Timer.builder(METER)
        .description("calls to a provider API, by provider, operation and status")
        .tag("provider", provider)
        .tag("operation", route.operation())
        .tag("status", status)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }
}
