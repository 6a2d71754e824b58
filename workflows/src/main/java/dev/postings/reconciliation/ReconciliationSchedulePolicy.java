package dev.postings.reconciliation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

/**
 * When the daily reconciliation runs (configuration {@code postings.reconciliation.schedule.*}).
 *
 * @param at the time of day it runs, UTC, {@code HH:mm}; a string, as the days in the orders, so the payload
 *     converter maps it without a time module
 * @param daysBack the transaction day it reconciles, counted back from the day it runs (1: yesterday)
 * @param runsPerHistory the embedded loop continues as new after this many runs, so its history stays short
 */
public record ReconciliationSchedulePolicy(String at, int daysBack, int runsPerHistory) {

  public ReconciliationSchedulePolicy {
    LocalTime.parse(at); // refused at start-up rather than at the first run
    if (daysBack < 0) {
      throw new IllegalArgumentException("days-back must not be negative, was " + daysBack);
    }
    if (runsPerHistory < 1) {
      throw new IllegalArgumentException("runs-per-history must be at least 1, was " + runsPerHistory);
    }
  }

  public static ReconciliationSchedulePolicy defaults() {
    return new ReconciliationSchedulePolicy("03:00", 1, 30);
  }

  public LocalTime timeOfDay() {
    return LocalTime.parse(at);
  }

  /**
   * How long from {@code nowMillis} to the next {@link #at}, strictly later: a run that ends within the very
   * millisecond it started in (as on a time-skipping test server) does not run again at once.
   */
  public Duration untilNextRun(long nowMillis) {
    ZonedDateTime now = Instant.ofEpochMilli(nowMillis).atZone(ZoneOffset.UTC);
    ZonedDateTime next = now.toLocalDate().atTime(timeOfDay()).atZone(ZoneOffset.UTC);
    if (!next.isAfter(now)) {
      next = next.plusDays(1);
    }
    return Duration.between(now, next);
  }

  public DailyReconciliationOrder order(String requestedBy) {
    return new DailyReconciliationOrder(daysBack, requestedBy);
  }
}
