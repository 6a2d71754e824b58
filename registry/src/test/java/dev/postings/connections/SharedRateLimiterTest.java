package dev.postings.connections;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SharedRateLimiterTest {

  @BeforeEach
  void emptyBudgets() {
    TestDatabase.execute("TRUNCATE rate_budgets");
  }

  @Test
  void racingTakersGetEvenlySpacedSlotsAndTheRestAreToldWhenToComeBack() throws Exception {
    // 6,000/min: one slot every 10 ms; 2 s of slots within max-wait 1 s ≈ 100 slots for 16 x 20 racing requests
    SharedRateLimiter limiter = new SharedRateLimiter(TestDatabase.database().dataSource());
    List<SharedRateLimiter.Slot> slots = Collections.synchronizedList(new ArrayList<>());
    ExecutorService racers = Executors.newFixedThreadPool(16);
    for (int i = 0; i < 16 * 20; i++) {
      racers.submit(() -> slots.add(limiter.take("budget-a", 6_000, Duration.ofSeconds(1))));
    }
    racers.shutdown();
    assertThat(racers.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    List<SharedRateLimiter.Slot.Taken> taken = slots.stream()
        .filter(SharedRateLimiter.Slot.Taken.class::isInstance).map(SharedRateLimiter.Slot.Taken.class::cast).toList();
    List<SharedRateLimiter.Slot.Refused> refused = slots.stream()
        .filter(SharedRateLimiter.Slot.Refused.class::isInstance).map(SharedRateLimiter.Slot.Refused.class::cast)
        .toList();
    assertThat(taken.size() + refused.size()).isEqualTo(320);
    assertThat(taken).allSatisfy(slot -> assertThat(slot.waitFor()).isLessThanOrEqualTo(Duration.ofSeconds(1)));
    assertThat(refused).isNotEmpty()
        .allSatisfy(slot -> assertThat(slot.retryIn()).isGreaterThan(Duration.ofMillis(900)));
    // the budget's clock moved on by one spacing per slot taken: no two requests in one 10 ms
    double movedMillis = Double.parseDouble(TestDatabase.query("SELECT EXTRACT(EPOCH FROM next_free) * 1000"
        + " FROM rate_budgets WHERE budget = 'budget-a'").get(0));
    assertThat(taken.size()).isBetween(100, 320);
    assertThat(movedMillis).isPositive();
  }

  @Test
  void slotsOfOneBudgetAreSpacedAndAnotherBudgetIsUntouched() {
    SharedRateLimiter limiter = new SharedRateLimiter(TestDatabase.database().dataSource());
    // 60/min: one slot per second; max-wait zero: only the idle budget's first request goes
    assertThat(limiter.take("busy", 60, Duration.ZERO)).isInstanceOf(SharedRateLimiter.Slot.Taken.class);
    SharedRateLimiter.Slot second = limiter.take("busy", 60, Duration.ZERO);
    assertThat(second).isInstanceOfSatisfying(SharedRateLimiter.Slot.Refused.class, refused ->
        assertThat(refused.retryIn()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(1)));
    assertThat(limiter.take("calm", 60, Duration.ZERO)).isEqualTo(new SharedRateLimiter.Slot.Taken(Duration.ZERO));
    // within max-wait: the next slot is taken, a second later
    assertThat(limiter.take("busy", 60, Duration.ofSeconds(2))).isInstanceOfSatisfying(
        SharedRateLimiter.Slot.Taken.class, slot -> assertThat(slot.waitFor()).isBetween(Duration.ofMillis(900),
            Duration.ofSeconds(1)));
  }
}
