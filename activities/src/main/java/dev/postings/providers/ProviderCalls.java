package dev.postings.providers;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/**
 * One timer per provider call: {@code postings_provider_calls} tagged {@code provider}, {@code operation} (method and
 * path, every segment that is not one of the providers' documented path words replaced by {@code {id}}, so that the tag
 * set stays small whatever ids a caller sends) and {@code status} (the HTTP status, or {@code not_sent} / {@code
 * no_answer}). Its count is the number of calls, its sum their latency. Recorded in
 * Micrometer's global registry, which Spring Boot's Prometheus registry joins
 * ({@code management.metrics.use-global-registry}, on by default); tests read it with a registry of their own.
 */
public final class ProviderCalls {

  public static final String METER = "postings_provider_calls";
  public static final String NOT_SENT = "not_sent";
  public static final String NO_ANSWER = "no_answer";
  /**
   * The literal words of the paths the adapters call (Propexo, Acquaint, storEDGE). Anything else in a path is an id,
   * and many of those come from a caller (a storEDGE facility or ledger, a record an operator names): were they kept, a
   * caller could make a time series per value. A path word missing here shows as {@code {id}}: harmless.
   */
  private static final Set<String> PATH_WORDS = Set.of("v1", "17.0", "resident-payments", "propertyware_rest",
      "resman", "resident-charges", "admin", "write-status", "app", "tenancy", "retrievesrentstopay",
      "tenantpayments", "accounts", "reveivepaymentforcharge", "database", "transactions", "auth", "ledgers",
      "make_payment", "");
  private static final Set<String> METHODS = Set.of("GET", "POST", "PUT", "PATCH", "DELETE");

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
        String method = segment.substring(0, space);
        out.append(METHODS.contains(method) ? method : "OTHER").append(' ')
            .append(word(segment.substring(space + 1)));
        continue;
      }
      out.append(word(segment));
    }
    return out.toString();
  }

  private static String word(String segment) {
    return PATH_WORDS.contains(segment.toLowerCase(Locale.ROOT)) ? segment : "{id}";
  }
}
