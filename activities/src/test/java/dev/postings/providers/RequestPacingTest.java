package dev.postings.providers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.postings.workflow.FailureKind;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** RequestPacing on a fake monotonic clock: no test sleeps. */
class RequestPacingTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  /** The fake clock: a sleeper that moves it is one caller after another, one that does not is callers all at once. */
  private final AtomicLong now = new AtomicLong(-7 * SECOND);
  private final List<Long> sleeps = new ArrayList<>();
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private RequestPacing pacing(int perMinute, Duration maxWait, boolean sleepMovesClock) {
    return new RequestPacing("propexo", new RequestPacing.Settings(perMinute, maxWait), registry, now::get, nanos -> {
      sleeps.add(nanos);
      if (sleepMovesClock) {
        now.addAndGet(nanos);
      }
    });
  }

  @Test
  void threeHundredReservationsAtOnceAt150PerMinuteAreSpacedExactlyAndTheLastGoesOutAt119point6Seconds() {
    RequestPacing pacing = pacing(150, Duration.ofMinutes(5), false);

    for (int i = 0; i < 300; i++) {
      pacing.awaitSlot("Propexo GET /v1/x");
    }

    // the first goes out at once (no sleep), every other one 400 ms after the one before
    assertThat(sleeps).hasSize(299);
    for (int i = 0; i < sleeps.size(); i++) {
      assertThat(sleeps.get(i)).as("wait of request %d", i + 2).isEqualTo((i + 1) * 400_000_000L);
    }
    assertThat(Duration.ofNanos(sleeps.get(sleeps.size() - 1))).isEqualTo(Duration.ofMillis(119_600));
  }

  @Test
  void sequentialCallersNeverPutMoreThanTheLimitIntoAnyCalendarMinuteWhereverItsWindowsBegin() {
    // 145/min does not divide a minute evenly: the spacing is rounded up, never down
    RequestPacing pacing = pacing(145, Duration.ofSeconds(5), true);
    List<Long> sentAt = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      pacing.awaitSlot("Propexo GET /v1/x");
      sentAt.add(now.get());
    }

    for (long windowStart = 0; windowStart < 60 * SECOND; windowStart += SECOND / 10) {
      Map<Long, Integer> perWindow = new HashMap<>();
      for (long at : sentAt) {
        perWindow.merge(Math.floorDiv(at - windowStart, 60 * SECOND), 1, Integer::sum);
      }
      assertThat(perWindow.values()).allSatisfy(count -> assertThat(count).isLessThanOrEqualTo(145));
    }
    // and it is no slower than that: 1,000 requests take 999 spacings of 60/145 s
    assertThat(sentAt.get(999) - sentAt.get(0)).isEqualTo(999 * ((60 * SECOND + 144) / 145));
  }

  @Test
  void aSlotFurtherAwayThanMaxWaitIsRefusedAsBenignRateLimitedWithTheDelayUntilThatSlotAndIsNotReserved() {
    RequestPacing pacing = pacing(150, Duration.ofSeconds(5), false);
    // 13 callers at once take the slots 0 .. 4.8 s
    for (int i = 0; i < 13; i++) {
      pacing.awaitSlot("Propexo POST /v1/resident-payments/propertyware_rest/");
    }

    ApplicationFailure refused = catchThrowableOfType(ApplicationFailure.class,
        () -> pacing.awaitSlot("Propexo POST /v1/resident-payments/propertyware_rest/"));

    assertThat(refused.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
    assertThat(refused.isNonRetryable()).isFalse();
    assertThat(refused.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
    assertThat(refused.getNextRetryDelay()).isEqualTo(Duration.ofMillis(5_200));
    assertThat(refused.getOriginalMessage()).contains("Propexo POST /v1/resident-payments/propertyware_rest/",
        "not sent", "150/min");
    // nothing was reserved by the refusal: 0.4 s later the slot at 5.2 s is still free, 4.8 s away
    now.addAndGet(400_000_000L);
    pacing.awaitSlot("Propexo GET /v1/x");
    assertThat(sleeps.get(sleeps.size() - 1)).isEqualTo(4_800_000_000L);
  }

  @Test
  void anIdleBudgetSendsAtOnceAndThenSpacesTheNext() {
    RequestPacing pacing = pacing(150, Duration.ofSeconds(5), false);
    pacing.awaitSlot("a");
    now.addAndGet(10 * SECOND);
    pacing.awaitSlot("b");
    now.addAndGet(100_000_000L);
    pacing.awaitSlot("c");

    assertThat(sleeps).containsExactly(300_000_000L);
  }

  @Test
  void zeroRequestsPerMinuteIsUnpaced() {
    RequestPacing pacing = pacing(0, null, false);
    for (int i = 0; i < 10_000; i++) {
      pacing.awaitSlot("x");
    }
    assertThat(sleeps).isEmpty();
    assertThat(new RequestPacing("propexo", null).settings()).isEqualTo(RequestPacing.Settings.UNPACED);
    assertThat(RequestPacing.Settings.UNPACED.spacing()).isZero();
  }

  @Test
  void waitsAndRefusalsAreCountedByProvider() {
    // 60/min, callers all at once: waits of 0, 1 s and 2 s, then a slot 3 s away is beyond max-wait (2.5 s)
    RequestPacing pacing = pacing(60, Duration.ofMillis(2_500), false);
    for (int i = 0; i < 3; i++) {
      pacing.awaitSlot("GET /v1/x");
    }
    catchThrowableOfType(ApplicationFailure.class, () -> pacing.awaitSlot("GET /v1/x"));

    Timer waits = registry.get(RequestPacing.WAIT_METER).tag("provider", "propexo").timer();
    assertThat(waits.count()).isEqualTo(3);
    assertThat(waits.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(3_000.0);
    assertThat(waits.max(TimeUnit.MILLISECONDS)).isEqualTo(2_000.0);
    assertThat(registry.get(RequestPacing.REFUSED_METER).tag("provider", "propexo").counter().count()).isEqualTo(1.0);
  }

  @Test
  void interruptedWhileWaitingIsNotSent() {
    RequestPacing pacing = new RequestPacing("propexo", new RequestPacing.Settings(60, Duration.ofSeconds(5)), registry,
        now::get, nanos -> {
          throw new InterruptedException();
        });
    pacing.awaitSlot("first");
    try {
      ApplicationFailure failure = catchThrowableOfType(ApplicationFailure.class, () -> pacing.awaitSlot("second"));
      assertThat(failure.getType()).isEqualTo(FailureKind.NOT_SENT.name());
      assertThat(failure.getOriginalMessage()).contains("second", "not sent");
      assertThat(Thread.currentThread().isInterrupted()).isTrue();
    } finally {
      Thread.interrupted();
    }
  }

  @Test
  void settingsAreValidatedNamingTheSetting() {
    assertThatThrownBy(() -> new RequestPacing.Settings(-1, Duration.ofSeconds(5)))
        .hasMessageContaining("rate-limit.requests-per-minute");
    assertThatThrownBy(() -> new RequestPacing.Settings(150, null)).hasMessageContaining("rate-limit.max-wait");
    assertThatThrownBy(() -> new RequestPacing.Settings(150, Duration.ofSeconds(-1)))
        .hasMessageContaining("rate-limit.max-wait");
    assertThat(new RequestPacing.Settings(150, Duration.ZERO).spacing()).isEqualTo(Duration.ofMillis(400));
  }
}
