package dev.postings.connections;

import dev.postings.registry.RegistryUnavailable;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;

/**
 * One rate limit per credential budget for every worker together (docs/decisions/0023-connections.md): requests are
 * spaced evenly, {@code 60 s / requestsPerMinute} apart, on the database's clock (one clock for all workers, whatever
 * theirs say). A request takes the budget's next free slot in one statement; a slot more than {@code maxWait} away is
 * not taken, and the caller is told how long until there is room, so that it can give its executor slot back and come
 * back then instead of waiting in it.
 */
public final class SharedRateLimiter {

  private static final long MICROS_PER_MINUTE = TimeUnit.MINUTES.toMicros(1);

  /*
   * The row's next_free moves on by one spacing per request taken, from now when the budget was idle. The WHERE keeps a
   * slot further than max-wait away from being taken: then no row is returned and nothing changes.
   */
  private static final String TAKE = "INSERT INTO rate_budgets AS b (budget, next_free)"
      + " VALUES (?, statement_timestamp() + ? * interval '1 microsecond')"
      + " ON CONFLICT (budget) DO UPDATE"
      + " SET next_free = GREATEST(b.next_free, statement_timestamp()) + ? * interval '1 microsecond'"
      + " WHERE b.next_free <= statement_timestamp() + ? * interval '1 microsecond'"
      + " RETURNING EXTRACT(EPOCH FROM (b.next_free - ? * interval '1 microsecond' - statement_timestamp()))"
      + " * 1000000";
  private static final String NEXT_FREE = "SELECT EXTRACT(EPOCH FROM (next_free - statement_timestamp())) * 1000000"
      + " FROM rate_budgets WHERE budget = ?";

  /** A slot taken ({@code waitFor}: how long until it, zero or more), or none within max-wait ({@code retryIn}). */
  public sealed interface Slot {
    record Taken(Duration waitFor) implements Slot {}

    record Refused(Duration retryIn) implements Slot {}
  }

  private final DataSource dataSource;

  public SharedRateLimiter(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The spacing of a limit, rounded up to the microsecond so that a minute never holds one request too many. */
  static long spacingMicros(int requestsPerMinute) {
    return (MICROS_PER_MINUTE + requestsPerMinute - 1) / requestsPerMinute;
  }

  /**
   * Takes the budget's next slot if it is at most {@code maxWait} away.
   *
   * @param budget the credential's budget name (a keyed hash, plus the endpoint where the vendor counts per endpoint)
   */
  public Slot take(String budget, int requestsPerMinute, Duration maxWait) {
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException("requestsPerMinute must be at least 1, was " + requestsPerMinute);
    }
    long spacing = spacingMicros(requestsPerMinute);
    long maxWaitMicros = TimeUnit.NANOSECONDS.toMicros(maxWait.toNanos());
    try (var db = dataSource.getConnection()) {
      try (PreparedStatement take = db.prepareStatement(TAKE)) {
        take.setString(1, budget);
        take.setLong(2, spacing);
        take.setLong(3, spacing);
        take.setLong(4, maxWaitMicros);
        take.setLong(5, spacing);
        try (ResultSet row = take.executeQuery()) {
          if (row.next()) {
            return new Slot.Taken(Duration.ofNanos(Math.max(0, (long) (row.getDouble(1) * 1000))));
          }
        }
      }
      try (PreparedStatement next = db.prepareStatement(NEXT_FREE)) {
        next.setString(1, budget);
        try (ResultSet row = next.executeQuery()) {
          long micros = row.next() ? (long) row.getDouble(1) : 0;
          return new Slot.Refused(Duration.ofNanos(Math.max(0, micros) * 1000));
        }
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot take a rate-limit slot", e);
    }
  }
}
