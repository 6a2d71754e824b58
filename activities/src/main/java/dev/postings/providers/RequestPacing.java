package dev.postings.providers;

import dev.postings.workflow.FailureKind;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Paces this process's HTTP requests to one provider budget (a Propexo token, an Acquaint endpoint of one key, a
 * storEDGE key) exactly: one request every {@code 60 s / requestsPerMinute}, never a burst. Providers count requests in
 * fixed calendar-minute windows (Propexo, Acquaint: docs/providers/propexo.md#rate-limit,
 * docs/providers/acquaint.md#rate-limit) on their own clock; even spacing puts at most {@code requestsPerMinute}
 * requests into any 60 s, wherever the provider's windows begin, whereas "up to N per minute, as fast as they come"
 * could spend the end of one window and the start of the next in one burst.
 *
 * <p>Why not the SDK's worker activity rate limit: its throttler counts whole permits per 1 s window ({@code (int)
 * (rate * 1000 / 1000)}), so 2.5 activities/s runs as 2/s and 1.5/s as 1/s, and one activity may send several requests
 * (a token refresh, a page of a search). Temporal's task-queue limit still bounds activities for all workers together
 * on a cluster; this bounds the requests of one process.
 *
 * <p>Reservation-based: a request takes the next free slot under a lock and then sleeps, outside the lock, until its
 * slot. A slot further away than {@code maxWait} is not taken: the request is refused at once with the benign
 * RATE_LIMITED failure a provider's 429 would give, its next-retry delay set to when the slot would have been, so that
 * the activity's retry (reads) or the workflow's submit loop (writes, where RATE_LIMITED proves nothing landed and
 * uses up no attempt) comes back when there is room, instead of holding an activity slot past its start-to-close
 * timeout.
 */
public final class RequestPacing {

  private static final Logger log = LoggerFactory.getLogger(RequestPacing.class);
  private static final long NANOS_PER_MINUTE = TimeUnit.MINUTES.toNanos(1);

  /**
   * A provider budget ({@code postings.<provider>.rate-limit.*}).
   *
   * @param requestsPerMinute requests this process sends per minute at most, evenly spaced; 0 = unpaced (the bench and
   *     chaos runs, whose sandbox enforces no limit)
   * @param maxWait the longest a request waits for its slot before it is refused as RATE_LIMITED; required when paced.
   *     It adds to the request's own timeout inside one activity attempt, so it must stay well below the activity's
   *     start-to-close timeout minus the request timeout
   */
  public record Settings(int requestsPerMinute, Duration maxWait) {

    /** No pacing: every request goes out at once. */
    public static final Settings UNPACED = new Settings(0, null);

    public Settings {
      if (requestsPerMinute < 0) {
        throw new IllegalArgumentException(
            "rate-limit.requests-per-minute must be 0 (unpaced) or more, was " + requestsPerMinute);
      }
      if (requestsPerMinute > 0 && (maxWait == null || maxWait.isNegative())) {
        throw new IllegalArgumentException("rate-limit.max-wait must be set, zero or more, when"
            + " rate-limit.requests-per-minute is set, was " + maxWait);
      }
    }

    /** Whether requests are paced at all. */
    public boolean paced() {
      return requestsPerMinute > 0;
    }

    /** The time between two requests, rounded up to the nanosecond so that a minute never holds one too many. */
    public Duration spacing() {
      return paced() ? Duration.ofNanos(spacingNanos()) : Duration.ZERO;
    }

    long spacingNanos() {
      return (NANOS_PER_MINUTE + requestsPerMinute - 1) / requestsPerMinute;
    }
  }

  /** How a request waits for its slot; tests pass one that moves a fake clock instead of sleeping. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** How long paced requests waited for their slot (zero included), by provider: our own throttling, visible. */
  public static final String WAIT_METER = "postings_provider_pacing_wait";
  /** Requests refused before sending because their slot was beyond max-wait, by provider. */
  public static final String REFUSED_METER = "postings_provider_pacing_refused";

  private final Settings settings;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final Timer waits;
  private final Counter refusals;
  private final Object lock = new Object();
  /** The monotonic time (nanoTime) of the next free slot; only under {@link #lock}. */
  private long nextFree;
  private boolean anyReserved;

  /**
   * Paced by the JVM's monotonic clock (wall-clock steps change nothing); waits and refusals are counted in Micrometer's
   * global registry, tagged with {@code provider}.
   */
  public RequestPacing(String provider, Settings settings) {
    this(provider, settings, Metrics.globalRegistry, System::nanoTime, TimeUnit.NANOSECONDS::sleep);
  }

  public RequestPacing(String provider, Settings settings, MeterRegistry registry, LongSupplier nanoTime,
      Sleeper sleeper) {
    this.settings = settings == null ? Settings.UNPACED : settings;
    this.nanoTime = nanoTime;
    this.sleeper = sleeper;
    this.waits = waits(provider, registry);
    this.refusals = refusals(provider, registry);
  }

  /** How long paced requests waited for their slot, by provider (this pacing's, and the shared one's). */
  static Timer waits(String provider, MeterRegistry registry) {
    return Timer.builder(WAIT_METER)
        .description("time paced requests to a provider waited for their rate-limit slot")
        .tag("provider", provider)
        .register(registry);
  }

  /** Requests refused before sending for want of a slot within max-wait, by provider. */
  static Counter refusals(String provider, MeterRegistry registry) {
    return Counter.builder(REFUSED_METER)
        .description("requests to a provider refused before sending: no rate-limit slot within max-wait")
        .tag("provider", provider)
        .register(registry);
  }

  public Settings settings() {
    return settings;
  }

  /**
   * Returns when {@code what} (e.g. "Propexo GET /v1/resident-payments/{id}", for messages) may be sent: at once when
   * unpaced or the budget is idle, else at its slot.
   *
   * @throws io.temporal.failure.ApplicationFailure RATE_LIMITED (nothing sent, retry after the slot) when the slot is
   *     more than max-wait away; NOT_SENT when interrupted while waiting
   */
  public void awaitSlot(String what) {
    if (!settings.paced()) {
      return;
    }
    long now = nanoTime.getAsLong();
    long wait;
    synchronized (lock) {
      // nanoTime values are compared by difference only: they may be negative or wrap
      long slot = anyReserved && nextFree - now > 0 ? nextFree : now;
      wait = slot - now;
      if (wait > settings.maxWait().toNanos()) {
        refusals.increment();
        Duration retryIn = Duration.ofNanos(wait);
        log.info("{} refused before sending: the rate limit's next slot is {} ms away (max-wait {})", what,
            retryIn.toMillis(), settings.maxWait());
        throw ProviderFailures.failure(FailureKind.RATE_LIMITED, what + " not sent: our rate limit of "
            + settings.requestsPerMinute() + "/min has no slot within " + settings.maxWait() + " (next in "
            + retryIn.toMillis() + " ms)", retryIn, null);
      }
      nextFree = slot + settings.spacingNanos();
      anyReserved = true;
    }
    waits.record(Math.max(0, wait), TimeUnit.NANOSECONDS);
    if (wait <= 0) {
      return;
    }
    try {
      sleeper.sleep(wait);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
      // the slot stays taken (one request fewer this minute, never one too many)
      throw ProviderFailures.failure(FailureKind.NOT_SENT, what + " not sent: interrupted while waiting for its"
          + " rate-limit slot", null, interrupted);
    }
  }
}
