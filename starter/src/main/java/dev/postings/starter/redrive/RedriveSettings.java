package dev.postings.starter.redrive;

import dev.postings.model.Provider;
import dev.postings.redrive.RedrivePolicy;
import java.time.Duration;
import java.util.Map;

/**
 * {@code postings.redrive.*}.
 *
 * @param scheduled whether the starter sets up the scheduled re-drive (a Temporal Schedule, or the embedded loop)
 */
public record RedriveSettings(Boolean scheduled, Duration every, Integer maxPostingsPerRun,
    Map<Provider, Double> perSecond, Integer runsPerHistory) {

  public RedrivePolicy policy() {
    RedrivePolicy defaults = RedrivePolicy.defaults();
    return new RedrivePolicy(every == null ? defaults.every() : every,
        maxPostingsPerRun == null ? defaults.maxPostingsPerRun() : maxPostingsPerRun,
        perSecond == null || perSecond.isEmpty() ? defaults.perSecond() : perSecond,
        runsPerHistory == null ? defaults.runsPerHistory() : runsPerHistory);
  }

  public boolean isScheduled() {
    return scheduled == null || scheduled;
  }
}
