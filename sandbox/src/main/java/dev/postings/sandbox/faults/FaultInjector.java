package dev.postings.sandbox.faults;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import org.springframework.stereotype.Component;

/**
 * Decides, request by request, which fault (if any) the sandbox injects, and counts what it injected per scope and kind.
 * Two sources: faults armed for the next requests of a scope (deterministic, for tests), and the plan's odds (a seeded
 * random, for the chaos run). Armed faults go first.
 */
@Component
public class FaultInjector {

  /** One decision: the fault and how long it lasts (a hold, a latency spike, a Retry-After). */
  record Fault(FaultScope scope, FaultKind kind, Duration duration, boolean armed) {}

  private final FaultPlan configured;
  private FaultPlan plan;
  private Random random;
  private final Map<FaultScope, Deque<Fault>> armed = new EnumMap<>(FaultScope.class);
  private final Map<FaultScope, Map<FaultKind, Long>> injected = new EnumMap<>(FaultScope.class);
  private final Map<FaultScope, Long> requests = new EnumMap<>(FaultScope.class);

  public FaultInjector(FaultPlan configured) {
    this.configured = configured;
    replace(configured);
  }

  /** The fault for the next request of {@code scope}, or null: answer it normally. */
  synchronized Fault draw(FaultScope scope) {
    requests.merge(scope, 1L, Long::sum);
    Deque<Fault> queue = armed.get(scope);
    if (queue != null && !queue.isEmpty()) {
      Fault next = queue.poll();
      return next.duration() != null ? next
          : new Fault(scope, next.kind(), durationOf(next.kind(), plan.oddsFor(scope)), true);
    }
    FaultOdds odds = plan.oddsFor(scope);
    if (odds.isNone()) {
      return null;
    }
    // Always two draws per request, so that one request's outcome does not shift the sequence of the next ones.
    double roll = random.nextDouble();
    double second = random.nextDouble();
    FaultKind kind = null;
    double bound = odds.errorBeforeApply();
    if (roll < bound) {
      kind = FaultKind.ERROR_BEFORE_APPLY;
    } else if (roll < (bound += odds.errorAfterApply())) {
      kind = FaultKind.ERROR_AFTER_APPLY;
    } else if (roll < (bound += odds.noAnswer())) {
      kind = second < odds.resetShare() ? FaultKind.CONNECTION_RESET : FaultKind.HOLD_PAST_TIMEOUT;
    } else if (roll < bound + odds.rateLimited()) {
      kind = FaultKind.RATE_LIMITED;
    } else if (second < odds.latencySpike()) {
      kind = FaultKind.LATENCY;
    }
    return kind == null ? null : new Fault(scope, kind, durationOf(kind, odds), false);
  }

  private Duration durationOf(FaultKind kind, FaultOdds odds) {
    return switch (kind) {
      case HOLD_PAST_TIMEOUT -> plan.hold();
      case RATE_LIMITED -> odds.retryAfter();
      case LATENCY -> odds.latency();
      default -> Duration.ZERO;
    };
  }

  /** The fault was injected: count it. */
  synchronized void injected(Fault fault) {
    record(fault.scope(), fault.kind());
  }

  /**
   * A fault meant for an applied write met a request the provider refused (4xx): it was not injected. An armed one
   * waits for the next request of its scope.
   */
  synchronized void notApplied(Fault fault) {
    if (fault.armed()) {
      armed.computeIfAbsent(fault.scope(), s -> new ArrayDeque<>()).addFirst(fault);
    }
  }

  /** Counts a fault injected elsewhere (Acquaint's {@code LOST-} references). */
  public synchronized void record(FaultScope scope, FaultKind kind) {
    injected.computeIfAbsent(scope, s -> new EnumMap<>(FaultKind.class)).merge(kind, 1L, Long::sum);
  }

  /**
   * The next {@code count} requests of {@code scope} meet {@code kind} (after any already armed). {@code duration}
   * overrides the plan's hold, Retry-After or latency for these; null: the plan's.
   */
  public synchronized void arm(FaultScope scope, FaultKind kind, int count, Duration duration) {
    if (kind == null) {
      throw new IllegalArgumentException("kind is required, one of " + java.util.List.of(FaultKind.values()));
    }
    if (count < 1) {
      throw new IllegalArgumentException("count must be at least 1");
    }
    if (duration != null && duration.isNegative()) {
      throw new IllegalArgumentException("duration must not be negative");
    }
    Deque<Fault> queue = armed.computeIfAbsent(scope, s -> new ArrayDeque<>());
    for (int i = 0; i < count; i++) {
      queue.add(new Fault(scope, kind, duration, true));
    }
  }

  /** A new plan: the random is seeded again, counters and armed faults are cleared. */
  public synchronized void replace(FaultPlan newPlan) {
    plan = newPlan;
    random = new Random(newPlan.seed());
    armed.clear();
    injected.clear();
    requests.clear();
  }

  /** Back to the configured plan ({@code sandbox.faults}), counters and armed faults cleared. */
  public synchronized void reset() {
    replace(configured);
  }

  synchronized FaultPlan plan() {
    return plan;
  }

  /** The plan, what is armed, and per scope the requests seen and the faults injected by kind. */
  public synchronized Map<String, Object> snapshot() {
    Map<String, Object> counters = new LinkedHashMap<>();
    for (FaultScope scope : FaultScope.values()) {
      Map<String, Object> perScope = new LinkedHashMap<>();
      perScope.put("requests", requests.getOrDefault(scope, 0L));
      Map<String, Long> byKind = new LinkedHashMap<>();
      injected.getOrDefault(scope, Map.of()).forEach((kind, n) -> byKind.put(kind.name(), n));
      perScope.put("injected", byKind);
      counters.put(scope.wireName(), perScope);
    }
    Map<String, Object> armedNow = new LinkedHashMap<>();
    armed.forEach((scope, queue) -> {
      if (!queue.isEmpty()) {
        armedNow.put(scope.wireName(), queue.stream().map(fault -> fault.kind().name()).toList());
      }
    });
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("plan", plan);
    snapshot.put("armed", armedNow);
    snapshot.put("counters", counters);
    return snapshot;
  }
}
