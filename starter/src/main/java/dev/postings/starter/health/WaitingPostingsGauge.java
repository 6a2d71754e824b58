package dev.postings.starter.health;

import dev.postings.directory.ReversalTasks;
import dev.postings.directory.WaitingPosting;
import dev.postings.directory.WaitingPostings;
import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import dev.postings.workflow.PostingState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;

/**
 * The postings that wait for a re-drive ({@code PARKED}), a person ({@code NEEDS_ATTENTION}) or the PMC's approval
 * ({@code AWAITING_APPROVAL}), per state and provider:
 *
 * <ul>
 *   <li>{@code postings_waiting}: how many;
 *   <li>{@code postings_waiting_oldest_seconds}: how long the one that has been in the state longest has been there (0
 *       when none), from its own timeline, growing between counts;
 *   <li>{@code postings_waiting_last_refresh_timestamp_seconds}: when they were last counted.
 * </ul>
 *
 * <p>Reversals to be done by hand count in {@code postings_waiting} too, under their own state labels
 * ({@code REVERSAL_NEEDS_ATTENTION}, and {@code REVERSAL_ESCALATED} once past their deadline): an operator task like a
 * posting waiting for one.
 *
 * <p>The counts come from Temporal (the {@code PostingState} and {@code ReversalState} search attributes, through
 * {@link WaitingPostings} and {@link ReversalTasks}), not from counters in a worker, so they survive worker restarts and are right with any number of workers. One pass over
 * Temporal per refresh (on the embedded server it lists and describes the open postings: keep the interval long).
 *
 * <p>The age needs the time each posting entered its state, which only the posting's own timeline knows (a status
 * query, answered by a worker). Asking every waiting posting every minute would cost thousands of queries during a
 * provider outage, so per state and provider the postings are asked oldest start first, and only while one could still
 * be older than the oldest found: a posting cannot have entered its state before it started. At most
 * {@code oldestLookups} are asked; past that, or when no worker answers, a posting's start stands in for its state's
 * start, which can only make the age larger than it is (an alert errs towards firing).
 */
public final class WaitingPostingsGauge implements DisposableBean {

  static final Set<PostingState> WATCHED = EnumSet.of(PostingState.PARKED, PostingState.NEEDS_ATTENTION,
      PostingState.AWAITING_APPROVAL);
  static final Set<ReversalState> WATCHED_REVERSALS = EnumSet.of(ReversalState.NEEDS_ATTENTION,
      ReversalState.ESCALATED);
  static final String WAITING = "postings_waiting";
  static final String OLDEST = "postings_waiting_oldest_seconds";
  static final String LAST_REFRESH = "postings_waiting_last_refresh_timestamp_seconds";
  private static final long NONE = -1;
  private static final Logger log = LoggerFactory.getLogger(WaitingPostingsGauge.class);

  private final WaitingPostings postings;
  private final ReversalTasks reversals;
  private final Clock clock;
  private final int oldestLookups;
  private final Map<PostingState, Map<Provider, AtomicLong>> counts = new EnumMap<>(PostingState.class);
  private final Map<ReversalState, Map<Provider, AtomicLong>> reversalCounts = new EnumMap<>(ReversalState.class);
  /** Epoch millis at which the oldest posting of each state and provider entered it; {@link #NONE} when none. */
  private final Map<PostingState, Map<Provider, AtomicLong>> oldestSince = new EnumMap<>(PostingState.class);
  /** Epoch seconds of the last refresh that counted everything; 0 until the first. */
  private final AtomicLong lastRefresh = new AtomicLong();
  private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread thread = new Thread(r, "postings-waiting-gauge");
    thread.setDaemon(true);
    return thread;
  });

  /**
   * Registers the gauges (all 0 until the first {@link #refresh}); counts nothing by itself.
   *
   * @param oldestLookups at most this many status queries per state and provider and refresh, for the age
   */
  WaitingPostingsGauge(WaitingPostings postings, ReversalTasks reversals, MeterRegistry registry, Clock clock,
      int oldestLookups) {
    if (oldestLookups < 0) {
      throw new IllegalArgumentException("postings.metrics.oldest-lookups must be 0 or more, not " + oldestLookups);
    }
    this.postings = postings;
    this.reversals = reversals;
    this.clock = clock;
    this.oldestLookups = oldestLookups;
    for (PostingState state : WATCHED) {
      Map<Provider, AtomicLong> byProvider = new EnumMap<>(Provider.class);
      Map<Provider, AtomicLong> sinceByProvider = new EnumMap<>(Provider.class);
      for (Provider provider : Provider.values()) {
        AtomicLong count = new AtomicLong();
        byProvider.put(provider, count);
        Gauge.builder(WAITING, count, AtomicLong::get)
            .description("open postings in PARKED, NEEDS_ATTENTION or AWAITING_APPROVAL, and reversals to be done by"
                + " hand (REVERSAL_NEEDS_ATTENTION, REVERSAL_ESCALATED), from Temporal")
            .tag("state", state.name()).tag("provider", provider.name())
            .register(registry);
        AtomicLong since = new AtomicLong(NONE);
        sinceByProvider.put(provider, since);
        Gauge.builder(OLDEST, since, this::ageSeconds)
            .description("how long the posting longest in this state has been in it, seconds (0: none), as of the"
                + " last count")
            .tag("state", state.name()).tag("provider", provider.name())
            .baseUnit("seconds")
            .register(registry);
      }
      counts.put(state, byProvider);
      oldestSince.put(state, sinceByProvider);
    }
    for (ReversalState state : WATCHED_REVERSALS) {
      Map<Provider, AtomicLong> byProvider = new EnumMap<>(Provider.class);
      for (Provider provider : Provider.values()) {
        AtomicLong count = new AtomicLong();
        byProvider.put(provider, count);
        Gauge.builder(WAITING, count, AtomicLong::get)
            .description("open postings in PARKED, NEEDS_ATTENTION or AWAITING_APPROVAL, and reversals to be done by"
                + " hand (REVERSAL_NEEDS_ATTENTION, REVERSAL_ESCALATED), from Temporal")
            .tag("state", label(state)).tag("provider", provider.name())
            .register(registry);
      }
      reversalCounts.put(state, byProvider);
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
    List<WaitingPosting> waiting;
    Map<ReversalState, Map<Provider, Integer>> reversalsCounted = new EnumMap<>(ReversalState.class);
    try {
      waiting = postings.waiting(WATCHED);
      for (ReversalState state : WATCHED_REVERSALS) {
        Map<Provider, Integer> byProvider = new EnumMap<>(Provider.class);
        for (Provider provider : Provider.values()) {
          byProvider.put(provider, reversals.find(state, provider).size());
        }
        reversalsCounted.put(state, byProvider);
      }
    } catch (RuntimeException unavailable) {
      log.warn("postings_waiting not refreshed, keeping the values counted at {}: {}",
          lastRefresh.get() == 0 ? "no time yet" : Instant.ofEpochSecond(lastRefresh.get()), unavailable.toString());
      return;
    }
    Map<PostingState, Map<Provider, List<WaitingPosting>>> grouped = new EnumMap<>(PostingState.class);
    for (PostingState state : WATCHED) {
      Map<Provider, List<WaitingPosting>> byProvider = new EnumMap<>(Provider.class);
      for (Provider provider : Provider.values()) {
        byProvider.put(provider, new ArrayList<>());
      }
      grouped.put(state, byProvider);
    }
    for (WaitingPosting posting : waiting) {
      // a state or provider this gauge does not watch (a directory that answers more than it was asked) is left out
      if (posting.provider() != null && grouped.containsKey(posting.state())) {
        grouped.get(posting.state()).get(posting.provider()).add(posting);
      }
    }
    Map<PostingState, Map<Provider, Long>> since = new EnumMap<>(PostingState.class);
    grouped.forEach((state, byProvider) -> {
      Map<Provider, Long> sinceByProvider = new EnumMap<>(Provider.class);
      byProvider.forEach((provider, group) -> sinceByProvider.put(provider, oldestSince(group)));
      since.put(state, sinceByProvider);
    });
    grouped.forEach((state, byProvider) -> byProvider.forEach((provider, group) -> {
      counts.get(state).get(provider).set(group.size());
      oldestSince.get(state).get(provider).set(since.get(state).get(provider));
    }));
    reversalsCounted.forEach((state, byProvider) ->
        byProvider.forEach((provider, count) -> reversalCounts.get(state).get(provider).set(count)));
    lastRefresh.set(clock.instant().getEpochSecond());
  }

  /**
   * When the posting longest in the state entered it (epoch millis), or {@link #NONE}. Asks postings oldest start first
   * and stops at the first that started after the earliest entry found (it cannot have entered earlier).
   */
  private long oldestSince(List<WaitingPosting> group) {
    List<WaitingPosting> byStart = group.stream().filter(posting -> posting.startedAt() != null)
        .sorted(Comparator.comparing(WaitingPosting::startedAt)).toList();
    Instant oldest = null;
    int asked = 0;
    for (WaitingPosting posting : byStart) {
      if (oldest != null && !posting.startedAt().isBefore(oldest)) {
        break;
      }
      if (asked == oldestLookups) {
        // not asked: its start is the earliest it can have entered the state, so the age is at most this
        oldest = posting.startedAt();
        break;
      }
      asked++;
      Instant entered = postings.enteredStateAt(posting.workflowId())
          .filter(at -> !at.isBefore(posting.startedAt()))
          .orElse(posting.startedAt());
      oldest = oldest == null || entered.isBefore(oldest) ? entered : oldest;
    }
    return oldest == null ? NONE : oldest.toEpochMilli();
  }

  private double ageSeconds(AtomicLong since) {
    long at = since.get();
    return at == NONE ? 0 : Math.max(0, clock.millis() - at) / 1000.0;
  }

  public long count(PostingState state, Provider provider) {
    return counts.get(state).get(provider).get();
  }

  public long count(ReversalState state, Provider provider) {
    return reversalCounts.get(state).get(provider).get();
  }

  /** The {@code state} label of a reversal's count: its state with REVERSAL_ before, apart from the postings'. */
  static String label(ReversalState state) {
    return "REVERSAL_" + state.name();
  }

  @Override
  public void destroy() {
    refresher.shutdownNow();
  }
}
