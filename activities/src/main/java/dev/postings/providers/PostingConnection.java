package dev.postings.providers;

import java.util.function.Supplier;

/**
 * The connection the current activity attempt works with: the posting names it ({@code PostingRequest#connectionId}),
 * the workflow sends it along with each activity it schedules (an activity header), and the worker puts it here for
 * the attempt, on the attempt's thread. Null when the workflow named none (postings started before connections, the
 * re-drive's probes, Propexo's notices): the adapters then use their provider API's fallback connection.
 */
public final class PostingConnection {

  private static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

  private PostingConnection() {}

  public static String current() {
    return CURRENT.get();
  }

  /** Runs {@code work} with {@code connectionId} as the current connection, then restores the one before. */
  public static <T> T with(String connectionId, Supplier<T> work) {
    String before = CURRENT.get();
    CURRENT.set(connectionId);
    try {
      return work.get();
    } finally {
      if (before == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(before);
      }
    }
  }
}
