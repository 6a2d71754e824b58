package dev.postings.starter.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.postings.directory.ReversalPage;
import dev.postings.directory.ReversalQuery;
import dev.postings.directory.ReversalTasks;
import dev.postings.directory.WaitingPostings;
import dev.postings.model.Provider;
import dev.postings.reversal.ReversalState;
import dev.postings.starter.MutableClock;
import dev.postings.starter.health.OperationsWiring.WaitingPostingsGauge;
import dev.postings.workflow.PostingState;
import io.grpc.Status;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
 * which {@code postings_waiting_last_refresh_timestamp_seconds} makes visible. Refreshes are triggered by the test; the
 * background schedule is in {@link OperationsWiringTest}.
 */
@ExtendWith(OutputCaptureExtension.class)
class WaitingPostingsGaugeTest {

  private static final Instant START = Instant.parse("2025-03-01T09:00:00Z");

  private final FakeWaitingPostings directory = new FakeWaitingPostings();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
  private final MutableClock clock = new MutableClock(START);
  private final FakeReversalTasks reversals = new FakeReversalTasks();
  private final WaitingPostingsGauge gauge = new WaitingPostingsGauge(
      new OperationsWiring.Directories(directory, reversals), registry, clock);

  @AfterEach
  void stop() {
    gauge.destroy();
  }

  @Test
  void eachWatchedStateAndProviderIsAGaugeOfTheDirectorysCount() {
    directory.waiting(PostingState.PARKED, Provider.RESMAN, "posting-r1", "posting-r2");
    directory.waiting(PostingState.NEEDS_ATTENTION, Provider.ACQUAINT, "posting-a1");

    gauge.refresh();

    assertThat(registry.find(WaitingPostingsGauge.WAITING).gauges()).hasSize(4 * Provider.values().length)
        .allSatisfy(each -> assertThat(each.getId().getTag("state")).isIn("PARKED", "NEEDS_ATTENTION",
            "REVERSAL_NEEDS_ATTENTION", "REVERSAL_ESCALATED"));
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

  private double waiting(PostingState state, Provider provider) {
    return registry.get(WaitingPostingsGauge.WAITING).tag("state", state.name()).tag("provider", provider.name())
        .gauge().value();
  }

  private double reversalsWaiting(String label, Provider provider) {
    return registry.get(WaitingPostingsGauge.WAITING).tag("state", label).tag("provider", provider.name())
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
    private volatile Provider unavailableFor;
    final AtomicInteger failures = new AtomicInteger();

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
  }
}
