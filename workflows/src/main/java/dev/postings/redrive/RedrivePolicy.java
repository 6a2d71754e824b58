package dev.postings.redrive;

import dev.postings.model.Provider;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * How re-drives run (configuration {@code postings.redrive.*}).
 *
 * @param every how often the scheduled re-drive runs
 * @param maxPostingsPerRun per provider and run
 * @param perSecond per provider: re-driven postings per second. Each one calls its provider at once, on top of the
 *     postings already running, so this is a fraction of the provider's limit (Propexo 150/min, Acquaint 100/min).
 * @param runsPerHistory the embedded loop continues as new after this many runs, so its history stays short
 */
public record RedrivePolicy(Duration every, int maxPostingsPerRun, Map<Provider, Double> perSecond,
    int runsPerHistory) {

  public static RedrivePolicy defaults() {
    return new RedrivePolicy(Duration.ofMinutes(15), 200,
        Map.of(Provider.PROPERTYWARE, 0.5, Provider.RESMAN, 0.5, Provider.ACQUAINT, 0.3, Provider.STOREDGE, 1.0), 48);
  }

  List<RedriveBatch> batches(List<Provider> providers, String requestedBy) {
    return providers.stream()
        .map(provider -> new RedriveBatch(provider, maxPostingsPerRun, perSecond.getOrDefault(provider, 0.5),
            requestedBy))
        .toList();
  }

  /** Long enough for a full batch at the slowest pace, plus slack. */
  Duration runBudget() {
    double slowest = perSecond.values().stream().mapToDouble(Double::doubleValue).min().orElse(0.5);
    return Duration.ofSeconds((long) Math.ceil(maxPostingsPerRun / slowest)).plusMinutes(5);
  }
}
