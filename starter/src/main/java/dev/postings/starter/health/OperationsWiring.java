package dev.postings.starter.health;

import dev.postings.directory.ReversalTasks;
import dev.postings.directory.WaitingPostings;
import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import dev.postings.workflow.PostingState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
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
 * {@code postings_waiting{state, provider}} counts what waits for a re-drive or a person: postings PARKED or in
 * NEEDS_ATTENTION, and reversals to be done by hand ({@code state=REVERSAL_NEEDS_ATTENTION}, and
 * {@code REVERSAL_ESCALATED} once past their deadline). The counts come from Temporal (the {@code PostingState} and
 * {@code ReversalState} search attributes, through {@link WaitingPostings} and {@link ReversalTasks}), not from counters
 * in a worker, so they survive worker restarts and are right with any number of workers. They are refreshed every
 * {@code postings.metrics.waiting-refresh} in the background (on the embedded server each refresh lists and describes
 * the open workflows: keep the interval long). A refresh that cannot reach Temporal keeps the previous values;
 * {@code postings_waiting_last_refresh_timestamp_seconds} says when they were counted.
 */
@Configuration
public class OperationsWiring {

  /** What the gauge counts, each its own {@code state} label: a posting state, or a reversal's with REVERSAL_ before. */
  record Watched(String label, BiFunction<Provider, Directories, Integer> count) {}

  /** Where the gauge counts. */
  record Directories(WaitingPostings postings, ReversalTasks reversals) {}

  static final List<Watched> WATCHED = List.of(
      posting(PostingState.PARKED),
      posting(PostingState.NEEDS_ATTENTION),
      reversal(ReversalState.NEEDS_ATTENTION),
      reversal(ReversalState.ESCALATED));

  static Watched posting(PostingState state) {
    return new Watched(state.name(), (provider, in) -> in.postings().find(state, provider).size());
  }

  static Watched reversal(ReversalState state) {
    return new Watched(label(state), (provider, in) -> in.reversals().find(state, provider).size());
  }

  static String label(ReversalState state) {
    return "REVERSAL_" + state.name();
  }

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
  WaitingPostingsGauge waitingPostingsGauge(WaitingPostings postings, ReversalTasks reversals, MeterRegistry registry,
      @Value("${postings.metrics.waiting-refresh:1m}") Duration refresh) {
    WaitingPostingsGauge gauge = new WaitingPostingsGauge(new Directories(postings, reversals), registry,
        Clock.systemUTC());
    gauge.refreshEvery(refresh);
    return gauge;
  }

  /** The gauges and the background refresh behind them. */
  public static final class WaitingPostingsGauge implements DisposableBean {

    static final String WAITING = "postings_waiting";
    static final String LAST_REFRESH = "postings_waiting_last_refresh_timestamp_seconds";
    private static final Logger log = LoggerFactory.getLogger(WaitingPostingsGauge.class);
    private final Directories directories;
    private final Clock clock;
    private final Map<String, Map<Provider, AtomicLong>> counts = new LinkedHashMap<>();
    /** Epoch seconds of the last refresh that counted everything; 0 until the first. */
    private final AtomicLong lastRefresh = new AtomicLong();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread thread = new Thread(r, "postings-waiting-gauge");
      thread.setDaemon(true);
      return thread;
    });

    /** Registers the gauges (all 0 until the first {@link #refresh}); counts nothing by itself. */
    WaitingPostingsGauge(Directories directories, MeterRegistry registry, Clock clock) {
      this.directories = directories;
      this.clock = clock;
      for (Watched watched : WATCHED) {
        Map<Provider, AtomicLong> byProvider = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
          AtomicLong count = new AtomicLong();
          byProvider.put(provider, count);
          Gauge.builder(WAITING, count, AtomicLong::get)
              .description("what waits for a re-drive or a person, from Temporal: open postings PARKED or in"
                  + " NEEDS_ATTENTION, reversals to be done by hand (REVERSAL_NEEDS_ATTENTION, REVERSAL_ESCALATED)")
              .tag("state", watched.label()).tag("provider", provider.name())
              .register(registry);
        }
        counts.put(watched.label(), byProvider);
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
     * One pass over everything watched. All or nothing: the gauges change only once every state and provider was
     * counted, so that they never show a mix of two moments; a failed pass keeps the last values (and says so).
     */
    public void refresh() {
      Map<String, Map<Provider, Integer>> counted = new LinkedHashMap<>();
      try {
        for (Watched watched : WATCHED) {
          Map<Provider, Integer> byProvider = new EnumMap<>(Provider.class);
          for (Provider provider : Provider.values()) {
            byProvider.put(provider, watched.count().apply(provider, directories));
          }
          counted.put(watched.label(), byProvider);
        }
      } catch (RuntimeException unavailable) {
        log.warn("postings_waiting not refreshed, keeping the values counted at {}: {}",
            lastRefresh.get() == 0 ? "no time yet" : Instant.ofEpochSecond(lastRefresh.get()), unavailable.toString());
        return;
      }
      counted.forEach((label, byProvider) ->
          byProvider.forEach((provider, count) -> counts.get(label).get(provider).set(count)));
      lastRefresh.set(clock.instant().getEpochSecond());
    }

    public long count(PostingState state, Provider provider) {
      return counts.get(state.name()).get(provider).get();
    }

    public long count(ReversalState state, Provider provider) {
      return counts.get(label(state)).get(provider).get();
    }

    @Override
    public void destroy() {
      refresher.shutdownNow();
    }
  }
}
