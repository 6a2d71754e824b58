package dev.postings.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's time: the real clock plus an offset that tests and operators can move forward, so a job that stays
 * PENDING for hours, or a sync due tomorrow, can be reached without waiting.
 */
public final class SandboxClock extends Clock {

  private final Clock base;
  private final AtomicLong offsetMillis = new AtomicLong();

  public SandboxClock(Clock base) {
    this.base = base;
  }

  public void advance(Duration duration) {
    if (duration.isNegative()) {
      throw new IllegalArgumentException("the sandbox clock only moves forward");
    }
    offsetMillis.addAndGet(duration.toMillis());
  }

  public Duration offset() {
    return Duration.ofMillis(offsetMillis.get());
  }

  @Override
  public Instant instant() {
    return base.instant().plusMillis(offsetMillis.get());
  }

  @Override
  public long millis() {
    return base.millis() + offsetMillis.get();
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("the sandbox runs on UTC");
  }
}
