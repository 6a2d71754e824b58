package dev.postings.sandbox.faults;

import java.time.Duration;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only control of the fault plan (never part of a vendor's API, no auth): read it with its counters, replace
 * it, reset it to the configured one, or arm faults for the next requests of a scope.
 */
@RestController
public class FaultControl {

  private final FaultInjector injector;

  public FaultControl(FaultInjector injector) {
    this.injector = injector;
  }

  /** The plan, the armed faults, and per scope the requests seen and the faults injected by kind. */
  @GetMapping("/sandbox/faults")
  Map<String, Object> plan() {
    return injector.snapshot();
  }

  /** Replaces the plan; the random is seeded again with its seed and the counters start from zero. */
  @PutMapping("/sandbox/faults")
  Map<String, Object> replace(@RequestBody FaultPlan plan) {
    injector.replace(plan);
    return injector.snapshot();
  }

  /** Back to the configured plan ({@code sandbox.faults}; by default no faults), counters cleared. */
  @DeleteMapping("/sandbox/faults")
  Map<String, Object> reset() {
    injector.reset();
    return injector.snapshot();
  }

  /**
   * Arms {@code count} (default 1) faults of {@code kind} for the next requests of {@code scope}, e.g. {@code
   * {"scope":"resman-writes","kind":"CONNECTION_RESET"}}; {@code duration} (ISO-8601, e.g. {@code PT1.5S}) overrides
   * the plan's hold, Retry-After or latency for them.
   */
  @PostMapping("/sandbox/faults/next")
  Map<String, Object> arm(@RequestBody Arming arming) {
    injector.arm(FaultScope.of(arming.scope()), arming.kind(), arming.count() == null ? 1 : arming.count(),
        arming.duration());
    return injector.snapshot();
  }

  record Arming(String scope, FaultKind kind, Integer count, Duration duration) {}

  @ExceptionHandler(IllegalArgumentException.class)
  ResponseEntity<Map<String, String>> invalid(IllegalArgumentException e) {
    return ResponseEntity.badRequest().body(Map.of("error", String.valueOf(e.getMessage())));
  }
}
