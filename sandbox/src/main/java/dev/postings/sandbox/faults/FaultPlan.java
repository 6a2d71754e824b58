package dev.postings.sandbox.faults;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sandbox-wide fault plan: odds per {@link FaultScope}, drawn from a random seeded with {@code seed} so that a run
 * with the same requests in the same order meets the same faults. Configured under {@code sandbox.faults} (the default
 * is no faults at all) and replaceable at runtime through {@code PUT /sandbox/faults}.
 *
 * @param seed the random's seed
 * @param hold how long an answer held past the client's read timeout is held before the connection is closed: keep it
 *     just above the adapters' request timeout (worker: {@code postings.*.request-timeout}, 20s at most), so the
 *     client gives up first and the sandbox's thread is not held longer than needed
 * @param odds per scope ({@code propertyware-writes}, {@code resman-writes}, {@code propexo-reads}, {@code
 *     acquaint-writes}, {@code acquaint-reads}, {@code storedge-writes}, {@code storedge-reads}); missing: none
 */
@ConfigurationProperties("sandbox.faults")
public record FaultPlan(Long seed, Duration hold, Map<String, FaultOdds> odds) {

  public FaultPlan {
    seed = seed == null ? 1L : seed;
    hold = hold == null ? Duration.ofSeconds(21) : hold;
    if (hold.isNegative()) {
      throw new IllegalArgumentException("hold must not be negative");
    }
    Map<String, FaultOdds> normalized = new LinkedHashMap<>();
    if (odds != null) {
      odds.forEach((name, scopeOdds) -> normalized.put(FaultScope.of(name).wireName(),
          scopeOdds == null ? FaultOdds.none() : scopeOdds));
    }
    odds = Collections.unmodifiableMap(normalized);
  }

  /** No faults: the default, so that nothing unasked-for happens to a test or a demo. */
  public static FaultPlan none() {
    return new FaultPlan(null, null, null);
  }

  FaultOdds oddsFor(FaultScope scope) {
    return odds.getOrDefault(scope.wireName(), FaultOdds.none());
  }
}
