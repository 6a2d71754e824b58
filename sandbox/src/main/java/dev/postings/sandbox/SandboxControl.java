package dev.postings.sandbox;

import java.time.Duration;
import java.util.Map;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** Sandbox-only controls (never part of a vendor's API): move the sandbox clock forward. */
@RestController
public class SandboxControl {

  private final SandboxClock clock;

  public SandboxControl(SandboxClock clock) {
    this.clock = clock;
  }

  @PostMapping("/sandbox/clock/advance")
  Map<String, Object> advance(@RequestParam("seconds") long seconds) {
    clock.advance(Duration.ofSeconds(seconds));
    return Map.of("now", clock.instant().toString(), "offsetSeconds", clock.offset().toSeconds());
  }
}
