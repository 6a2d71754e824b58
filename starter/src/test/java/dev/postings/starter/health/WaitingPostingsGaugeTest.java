package dev.postings.starter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.postings.directory.WaitingPosting;
import dev.postings.directory.ReversalPage;
import dev.postings.directory.ReversalQuery;
import dev.postings.directory.ReversalTasks;
import dev.postings.directory.WaitingPostings;
import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import dev.postings.starter.MutableClock;
import dev.postings.workflow.PostingState;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code postings_waiting{state,provider}}: one gauge per watched state and provider with the directory's count, the
 * next refresh replaces every value (a provider with none is 0), and a refresh the directory fails changes nothing,
 * which {@code postings_waiting_last_refresh_timestamp_seconds} makes visible. {@code postings_waiting_oldest_seconds}:
 * the age in its state of the posting longest there, from as few status queries as can settle it. Refreshes are triggered by the test; the
 * background schedule is in {@link OperationsWiringTest}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WaitingPostingsGaugeTest {

  private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

  private final FakeWaitingPostings directory = new FakeWaitingPostings();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(START);
  private final FakeReversalTasks reversals = new FakeReversalTasks();
  private final WaitingPostingsGauge gauge = new WaitingPostingsGauge(directory, reversals, registry, clock, 5);

  @AfterEach
  void stop() {
    gauge.destroy();
  }

  @Test
  void eachWatchedStateAndProviderIsAGaugeOfTheDirectorysCount() {
    directory.waiting(PostingState.PARKED, Provider.RESMAN, "posting-r1", "posting-r2");
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT, "posting-a1");

    gauge.refresh();

    assertThat(registry.find(WaitingPostingsGauge.WAITING).gauges()).hasSize(5 * Provider.values().length)
        .allSatisfy(each -> assertThat(each.getId().getTag("state")).isIn("PARKED", "NEEDS_ATTENTION",
            "AWAITING_APPROVAL", "REVERSAL_NEEDS_ATTENTION", "REVERSAL_ESCALATED"));
    assertThat(waiting(PostingState.PARKED, Provider.RESMAN)).isEqualTo(2);
    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT)).isEqualTo(1);
    assertThat(waiting(PostingState.PARKED, Provider.ACQUAINT)).isZero();
    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.RESMAN)).isZero();
    assertThat(waiting(PostingState.PARKED, Provider.STOREDGE)).isZero();
  }

  @Test
  void reversalsToBeDoneByHandAreCountedUnderTheirOwnStateLabels() {
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT, "posting-a1");
    reversals.waiting(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT, "reversal-a2", "reversal-a3");
    reversals.waiting(ReversalState.ESCALATED, Provider.PROPERTYWARE, "reversal-p1");

    gauge.refresh();

    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT)).isEqualTo(1);
    assertThat(reversalsWaiting("REVERSAL_NEEDS_ATTENTION", Provider.ACQUAINT)).isEqualTo(2);
    assertThat(reversalsWaiting("REVERSAL_ESCALATED", Provider.PROPERTYWARE)).isEqualTo(1);
    assertThat(reversalsWaiting("REVERSAL_ESCALATED", Provider.ACQUAINT)).isZero();
    assertThat(gauge.count(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT)).isEqualTo(2);

    // marked done: the next count drops it; a reversal directory that fails keeps every value, postings' included
    reversals.waiting(ReversalState.NEEDS_ATTENTION, Provider.ACQUAINT, "reversal-a3");
    gauge.refresh();
    assertThat(reversalsWaiting("REVERSAL_NEEDS_ATTENTION", Provider.ACQUAINT)).isEqualTo(1);
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT);
    reversals.failing = true;
    gauge.refresh();
    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT)).isEqualTo(1);
    assertThat(reversalsWaiting("REVERSAL_NEEDS_ATTENTION", Provider.ACQUAINT)).isEqualTo(1);
  }

  @Test
  void theNextRefreshShowsTheNewCountsAndAProviderWithNoneDropsToZero() {
    directory.waiting(PostingState.PARKED, Provider.RESMAN, "posting-r1", "posting-r2");
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE, "posting-p1");
    gauge.refresh();

    directory.waiting(PostingState.PARKED, Provider.RESMAN);
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE, "posting-p1", "posting-p2", "posting-p3");
    directory.waiting(PostingState.PARKED, Provider.STOREDGE, "posting-s1");
    gauge.refresh();

    assertThat(waiting(PostingState.PARKED, Provider.RESMAN)).isZero();
    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE)).isEqualTo(3);
    assertThat(waiting(PostingState.PARKED, Provider.STOREDGE)).isEqualTo(1);
  }

  @Test
  void aRefreshTheDirectoryFailsDoesNotThrowAndChangesNoValue(CapturedOutput output) {
    directory.waiting(PostingState.PARKED, Provider.PROPERTYWARE, "posting-p1");
    directory.waiting(PostingState.PARKED, Provider.STOREDGE, "posting-s1", "posting-s2");
    gauge.refresh();

    // new counts everywhere, but the directory fails at ACQUAINT: PROPERTYWARE and RESMAN were already counted by then
    directory.waiting(PostingState.PARKED, Provider.PROPERTYWARE, "posting-p1", "posting-p2", "posting-p3", "posting-p4");
    directory.waiting(PostingState.PARKED, Provider.RESMAN, "posting-r1");
    directory.waiting(PostingState.PARKED, Provider.STOREDGE);
    directory.unavailableFor(Provider.ACQUAINT);
    assertThatCode(gauge::refresh).doesNotThrowAnyException();

    assertThat(directory.failures.get()).isPositive();
    assertThat(waiting(PostingState.PARKED, Provider.PROPERTYWARE)).isEqualTo(1);
    assertThat(waiting(PostingState.PARKED, Provider.RESMAN)).isZero();
    assertThat(waiting(PostingState.PARKED, Provider.STOREDGE)).isEqualTo(2);
    assertThat(output.getAll()).contains("postings_waiting not refreshed, keeping the values counted at " + START);
  }

  @Test
  void theLastRefreshGaugeSaysWhenTheValuesWereCounted() {
    assertThat(lastRefresh()).as("before any count").isZero();

    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.STOREDGE, "posting-s1");
    gauge.refresh();
    assertThat(lastRefresh()).isEqualTo(START.getEpochSecond());

    clock.advance(Duration.ofMinutes(1));
    directory.unavailableFor(Provider.PROPERTYWARE);
    gauge.refresh();
    clock.advance(Duration.ofMinutes(1));
    gauge.refresh();
    assertThat(lastRefresh()).as("failed refreshes leave it at the last count").isEqualTo(START.getEpochSecond());
    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.STOREDGE)).isEqualTo(1);

    clock.advance(Duration.ofMinutes(1));
    directory.availableAgain();
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.STOREDGE);
    gauge.refresh();
    assertThat(lastRefresh()).isEqualTo(START.plus(Duration.ofMinutes(3)).getEpochSecond());
    assertThat(waiting(PostingState.NEEDS_ATTENTION, Provider.STOREDGE)).isZero();
  }

  @Test
  void theOldestAgeIsHowLongThePostingLongestInTheStateHasBeenThereAndGrowsBetweenCounts() {
    clock.advance(Duration.ofHours(3));
    // p1 started first but entered NEEDS_ATTENTION late; p2 has been waiting longest
    directory.posting("posting-p1", START, START.plus(Duration.ofHours(2)));
    directory.posting("posting-p2", START.plus(Duration.ofMinutes(30)), START.plus(Duration.ofMinutes(45)));
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE, "posting-p1", "posting-p2");

    gauge.refresh();

    assertThat(oldest(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE))
        .isEqualTo(Duration.ofHours(3).minusMinutes(45).toSeconds());
    assertThat(oldest(PostingState.PARKED, Provider.PROPERTYWARE)).as("none waiting").isZero();
    assertThat(oldest(PostingState.NEEDS_ATTENTION, Provider.RESMAN)).isZero();

    clock.advance(Duration.ofSeconds(90));
    assertThat(oldest(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE))
        .as("between counts the age grows with the clock")
        .isEqualTo(Duration.ofHours(3).minusMinutes(45).plusSeconds(90).toSeconds());

    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE);
    gauge.refresh();
    assertThat(oldest(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE)).as("resolved: none left").isZero();
  }

  @Test
  void postingsThatStartedAfterTheOldestEntryFoundAreNotAsked() {
    clock.advance(Duration.ofHours(5));
    directory.posting("posting-r1", START, START.plus(Duration.ofMinutes(5)));
    directory.posting("posting-r2", START.plus(Duration.ofMinutes(10)), START.plus(Duration.ofMinutes(11)));
    directory.posting("posting-r3", START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(1)));
    directory.waiting(PostingState.PARKED, Provider.RESMAN, "posting-r3", "posting-r2", "posting-r1");

    gauge.refresh();

    assertThat(directory.asked).containsExactly("posting-r1");
    assertThat(oldest(PostingState.PARKED, Provider.RESMAN)).isEqualTo(Duration.ofMinutes(295).toSeconds());
  }

  @Test
  void pastTheLookupLimitOrWithoutAnAnswerAPostingsStartStandsInAndTheAgeCanOnlyBeTooLarge() {
    SimpleMeterRegistry own = new SimpleMeterRegistry();
    WaitingPostingsGauge oneLookup = new WaitingPostingsGauge(directory, reversals, own, clock, 1);
    clock.advance(Duration.ofHours(4));
    // s1 is asked (entered late); s2 is not asked any more: its start bounds the age
    directory.posting("posting-s1", START, START.plus(Duration.ofHours(3)));
    directory.posting("posting-s2", START.plus(Duration.ofHours(1)), START.plus(Duration.ofHours(2)));
    directory.waiting(PostingState.AWAITING_APPROVAL, Provider.STOREDGE, "posting-s1", "posting-s2");
    // a1: no worker answers its status query
    directory.posting("posting-a1", START.plus(Duration.ofMinutes(20)), null);
    directory.waiting(PostingState.PARKED, Provider.ACQUAINT, "posting-a1");
    try {
      oneLookup.refresh();
    } finally {
      oneLookup.destroy();
    }

    assertThat(directory.asked).containsExactlyInAnyOrder("posting-s1", "posting-a1");
    assertThat(oldest(own, PostingState.AWAITING_APPROVAL, Provider.STOREDGE)).isEqualTo(Duration.ofHours(3).toSeconds());
    assertThat(oldest(own, PostingState.PARKED, Provider.ACQUAINT)).isEqualTo(Duration.ofMinutes(220).toSeconds());
  }

  @Test
  void aFailedRefreshKeepsTheOldestAgeGrowing() {
    clock.advance(Duration.ofHours(1));
    directory.posting("posting-p1", START, START.plus(Duration.ofMinutes(30)));
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE, "posting-p1");
    gauge.refresh();

    clock.advance(Duration.ofMinutes(10));
    directory.unavailableFor(Provider.PROPERTYWARE);
    gauge.refresh();

    assertThat(oldest(PostingState.NEEDS_ATTENTION, Provider.PROPERTYWARE)).isEqualTo(Duration.ofMinutes(40).toSeconds());
  }

  private double waiting(PostingState state, Provider provider) {
    return registry.get(WaitingPostingsGauge.WAITING).tag("state", state.name()).tag("provider", provider.name())
        .gauge().value();
  }

  private double reversalsWaiting(String label, Provider provider) {
    return registry.get(WaitingPostingsGauge.WAITING).tag("state", label).tag("provider", provider.name())
        .gauge().value();
  }

  private double oldest(PostingState state, Provider provider) {
    return oldest(registry, state, provider);
  }

  private static double oldest(SimpleMeterRegistry registry, PostingState state, Provider provider) {
    return registry.get(WaitingPostingsGauge.OLDEST).tag("state", state.name()).tag("provider", provider.name())
        .gauge().value();
  }

  private double lastRefresh() {
    return registry.get(WaitingPostingsGauge.LAST_REFRESH).gauge().value();
  }

  /** The reversal directory's answers, set by the test; fails when told to. */
  static final class FakeReversalTasks implements ReversalTasks {

    private final Map<String, List<String>> waiting = new ConcurrentHashMap<>();
    volatile boolean failing;

    void waiting(ReversalState state, Provider provider, String... workflowIds) {
      waiting.put(state + "/" + provider, List.of(workflowIds));
    }

    @Override
    public ReversalPage list(ReversalQuery query) {
      throw new UnsupportedOperationException("the gauge never lists");
    }

    @Override
    public List<String> find(ReversalState state, Provider provider) {
      if (failing) {
        throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
      }
      return waiting.getOrDefault(state + "/" + provider, List.of());
    }
  }

  /** The directory's answers, set by the test; fails for one provider when told to, like Temporal unreachable. */
  static final class FakeWaitingPostings implements WaitingPostings {

    private final Map<String, List<String>> waiting = new ConcurrentHashMap<>();
    private final Map<String, Instant> startedAt = new ConcurrentHashMap<>();
    private final Map<String, Optional<Instant>> stateSince = new ConcurrentHashMap<>();
    private volatile Provider unavailableFor;
    final AtomicInteger failures = new AtomicInteger();
    /** The postings whose status was asked for, in order. */
    final List<String> asked = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** A posting's start and when it entered its state (null: no worker answers its status query). */
    void posting(String workflowId, Instant started, Instant since) {
      startedAt.put(workflowId, started);
      stateSince.put(workflowId, Optional.ofNullable(since));
    }

    void waiting(PostingState state, Provider provider, String... workflowIds) {
      waiting.put(state + "/" + provider, List.of(workflowIds));
    }

    void unavailableFor(Provider provider) {
      unavailableFor = provider;
    }

    void availableAgain() {
      unavailableFor = null;
    }

    @Override
    public List<String> find(PostingState state, Provider provider) {
      if (provider == unavailableFor) {
        failures.incrementAndGet();
        throw Status.UNAVAILABLE.withDescription("io exception").asRuntimeException();
      }
      return waiting.getOrDefault(state + "/" + provider, List.of());
    }

    /** Like the Temporal directory: one pass, with each posting's start (the default has none). */
    @Override
    public List<WaitingPosting> waiting(Set<PostingState> states) {
      return WaitingPostings.super.waiting(states).stream()
          .map(posting -> new WaitingPosting(posting.workflowId(), posting.state(), posting.provider(),
              startedAt.getOrDefault(posting.workflowId(), START)))
          .toList();
    }

    @Override
    public Optional<Instant> enteredStateAt(String workflowId) {
      asked.add(workflowId);
      return stateSince.getOrDefault(workflowId, Optional.empty());
    }
  }
}
