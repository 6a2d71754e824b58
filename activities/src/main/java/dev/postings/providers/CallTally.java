package dev.postings.providers;

import java.util.function.Supplier;

/**
 * Counts the provider calls made on this thread while some work runs: what a reconciliation reports as the reads it
 * took. Every call that reaches the wire or is refused by the network counts ({@link ProviderCalls#record}), whatever
 * its answer.
 */
public final class CallTally {

  private static final ThreadLocal<int[]> CURRENT = new ThreadLocal<>();

  /** What the work returned, and the provider calls it made. */
  public record Counted<T>(T result, int calls) {}

  private CallTally() {}

  public static <T> Counted<T> counting(Supplier<T> work) {
    int[] before = CURRENT.get();
    int[] count = new int[1];
    CURRENT.set(count);
    try {
      T result = work.get();
      return new Counted<>(result, count[0]);
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        before[0] += count[0];
        CURRENT.set(before);
      }
    }
  }

  static void one() {
    int[] count = CURRENT.get();
    if (count != null) {
      count[0]++;
    }
  }
}
