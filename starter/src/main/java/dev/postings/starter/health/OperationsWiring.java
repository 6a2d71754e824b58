package dev.postings.starter.health;

import dev.postings.directory.WaitingPostings;
import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * What operators watch on the starter: {@code /actuator/health} includes {@code temporal}, and the gauge
 * {@code postings_waiting{state=PARKED|NEEDS_ATTENTION, provider}} counts the postings that wait for a re-drive or a
 * person. The count comes from Temporal (the {@code PostingState} search attribute, through {@link WaitingPostings}), not
 * from counters in a worker, so it survives worker restarts and is right with any number of workers. It is refreshed
 * every {@code postings.metrics.waiting-refresh} in the background (on the embedded server each refresh lists and
 * describes the open postings: keep the interval long). A refresh that cannot reach Temporal keeps the previous values;
 * {@code postings_waiting_last_refresh_timestamp_seconds} says when they were counted.
 */
@Configuration
public class OperationsWiring {

  static final List<PostingState> WATCHED = List.of(PostingState.PARKED, PostingState.NEEDS_ATTENTION);

  @Bean
  HealthIndicator temporalHealthIndicator(WorkflowClient client) {
    return () -> {
      try {
        var answer = client.getWorkflowServiceStubs().healthCheck();
        return (answer.getStatus().name().equals("SERVING") ? Health.up() : Health.down())
            .withDetail("status", answer.getStatus().name()).build();
      } catch (RuntimeException unreachable) {
        return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
      }
    };
  }

  @Bean
  WaitingPostingsGauge waitingPostingsGauge(WaitingPostings postings, MeterRegistry registry,
      @Value("${postings.metrics.waiting-refresh:1m}") Duration refresh) {
    WaitingPostingsGauge gauge = new WaitingPostingsGauge(postings, registry, Clock.systemUTC());
    gauge.refreshEvery(refresh);
    return gauge;
  }

  /** The gauges and the background refresh behind them. */
  public static final class WaitingPostingsGauge implements DisposableBean {

    static final String WAITING = "postings_waiting";
    static final String LAST_REFRESH = "postings_waiting_last_refresh_timestamp_seconds";
    private static final Logger log = LoggerFactory.getLogger(WaitingPostingsGauge.class);
    private final WaitingPostings postings;
    private final Clock clock;
    private final Map<PostingState, Map<Provider, AtomicLong>> counts = new EnumMap<>(PostingState.class);
    /** Epoch seconds of the last refresh that counted everything; 0 until the first. */
    private final AtomicLong lastRefresh = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "postings-waiting-gauge");
      thread.setDaemon(true);
      return thread;
    });

    /** Registers the gauges (all 0 until the first {@link #refresh}); counts nothing by itself. */
    WaitingPostingsGauge(WaitingPostings postings, MeterRegistry registry, Clock clock) {
      this.postings = postings;
      this.clock = clock;
      for (PostingState state : WATCHED) {
        Map<Provider, AtomicLong> byProvider = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
          AtomicLong count = new AtomicLong();
          byProvider.put(provider, count);
          Gauge.builder(WAITING, count, AtomicLong::get)
              .description("open postings in PARKED or NEEDS_ATTENTION, from Temporal")
              .tag("state", state.name()).tag("provider", provider.name())
              .register(registry);
        }
        counts.put(state, byProvider);
      }
      // A failed refresh keeps the previous values, so that one unreachable moment does not turn "3 postings need
      // attention" into a gap or a 0 and silence the alerts on it. Kept values alone would be stale without anyone
      // seeing it (a log line is no metric) for as long as Temporal stays unreachable, or for ever if the refresh
      // thread died: this timestamp makes the age visible, e.g. alert on
      // time() - postings_waiting_last_refresh_timestamp_seconds > 3 * waiting-refresh.
      Gauge.builder(LAST_REFRESH, lastRefresh, AtomicLong::get)
          .description("when postings_waiting was last counted from Temporal, epoch seconds (0: not yet); a failed count"
              + " keeps the previous values")
          .register(registry);
    }

    /** Refreshes now and then every {@code interval}, on a background thread. */
    void refreshEvery(Duration interval) {
      refresher.scheduleWithFixedDelay(this::refresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * One pass over the watched states. All or nothing: the gauges change only once every state and provider was
     * counted, so that they never show a mix of two moments; a failed pass keeps the last values (and says so).
     */
    public void refresh() {
      Map<PostingState, Map<Provider, Integer>> counted = new EnumMap<>(PostingState.class);
      try {
        for (PostingState state : WATCHED) {
          Map<Provider, Integer> byProvider = new EnumMap<>(Provider.class);
          for (Provider provider : Provider.values()) {
            byProvider.put(provider, postings.find(state, provider).size());
          }
          counted.put(state, byProvider);
        }
      } catch (RuntimeException unavailable) {
        log.warn("postings_waiting not refreshed, keeping the values counted at {}: {}",
            lastRefresh.get() == 0 ? "no time yet" : Instant.ofEpochSecond(lastRefresh.get()), unavailable.toString());
        return;
      }
      counted.forEach((state, byProvider) ->
          byProvider.forEach((provider, count) -> counts.get(state).get(provider).set(count)));
      lastRefresh.set(clock.instant().getEpochSecond());
    }

    public long count(PostingState state, Provider provider) {
      return counts.get(state).get(provider).get();
    }

    @Override
    public void destroy() {
      refresher.shutdownNow();
    }
  }
}
