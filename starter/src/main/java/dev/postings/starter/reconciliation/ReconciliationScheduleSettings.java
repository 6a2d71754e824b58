package dev.postings.starter.reconciliation;

import dev.postings.reconciliation.ReconciliationSchedulePolicy;

/**
 * {@code postings.reconciliation.schedule.*}.
 *
 * @param scheduled whether the starter sets up the daily reconciliation (a Temporal Schedule, or the embedded loop)
 * @param at the time of day it runs, UTC, {@code HH:mm}
 * @param daysBack the transaction day it reconciles, counted back from the day it runs
 * @param runsPerHistory runs of the embedded loop before it continues as new
 */
public record ReconciliationScheduleSettings(Boolean scheduled, String at, Integer daysBack, Integer runsPerHistory) {

  /** The settings, each one not given taken from {@link ReconciliationSchedulePolicy#defaults}; a bad one refused. */
  public ReconciliationSchedulePolicy policy() {
    ReconciliationSchedulePolicy defaults = ReconciliationSchedulePolicy.defaults();
    try {
      return new ReconciliationSchedulePolicy(at == null || at.isBlank() ? defaults.at() : at.trim(),
          daysBack == null ? defaults.daysBack() : daysBack,
          runsPerHistory == null ? defaults.runsPerHistory() : runsPerHistory);
    } catch (RuntimeException bad) {
      throw new IllegalArgumentException("postings.reconciliation.schedule: " + bad.getMessage()
          + " (at is a UTC time of day, HH:mm)", bad);
    }
  }

  public boolean isScheduled() {
    return scheduled == null || scheduled;
  }
}
