package dev.postings.providers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * One timer per provider call: {@code postings_provider_calls} tagged {@code provider}, {@code operation} (method and
 * path with ids replaced by {@code {id}}, so that the tag set stays small) and {@code status} (the HTTP status, or
 * {@code not_sent} / {@code no_answer}). Its count is the number of calls, its sum their latency. Recorded in
 * Micrometer's global registry, which Spring Boot's Prometheus registry joins
 * ({@code management.metrics.use-global-registry}, on by default); tests read it with a registry of their own.
 */
public final class ProviderCalls {

  public static final String METER = "postings_provider_calls";
  public static final String NOT_SENT = "not_sent";
  public static final String NO_ANSWER = "no_answer";
  /** A path segment that names a record (has a digit) but is not an API version ({@code v1}, Acquaint's {@code 17.0}). */
  private static final Pattern ID_SEGMENT = Pattern.compile("(?!v[0-9]+$)(?![0-9]+\\.[0-9]+$).*[0-9].*");

  private final String provider;
  private final MeterRegistry registry;

  public ProviderCalls(String provider) {
    this(provider, Metrics.globalRegistry);
  }

  public ProviderCalls(String provider, MeterRegistry registry) {
    this.provider = provider;
    this.registry = registry;
  }

  /** Records one call; {@code what} is "METHOD /path" (query already stripped). */
  public void record(String what, String status, long startedNanos) {
    Timer.builder(METER)
        .description("calls to a provider API, by provider, operation and status")
        .tag("provider", provider)
        .tag("operation", operation(what))
        .tag("status", status)
        .register(registry)
        .record(Duration.ofNanos(System.nanoTime() - startedNanos));
  }

  static String operation(String what) {
    int query = what.indexOf('?');
    String path = query < 0 ? what : what.substring(0, query);
    StringBuilder out = new StringBuilder(path.length());
    for (String segment : path.split("/", -1)) {
      if (out.length() > 0) {
        out.append('/');
      }
      int space = segment.indexOf(' ');
      if (space >= 0) {
        // "GET " + first segment (empty for paths starting with /)
        out.append(segment);
        continue;
      }
      out.append(ID_SEGMENT.matcher(segment).matches() ? "{id}" : segment);
    }
    return out.toString();
  }
}
