package dev.postings.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Stored batches, newest first, a page at a time: keyset paging on (received_at, batch_id), so a page costs the same
 * however many batches came before it.
 */
public final class BatchListing {

  /** Where the previous page ended: the last batch shown. */
  public record After(Instant receivedAt, String batchId) {}

  /** A page of batches, and where the next one starts (null on the last page). */
  public record Page(List<BatchRecord> batches, After next) {}

  private final DataSource dataSource;

  public BatchListing(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * @param owner the service whose batches to list, or null for every service's (operators)
   * @param after the end of the previous page, or null for the first
   */
  public Page page(String owner, int limit, After after) {
    StringBuilder sql = new StringBuilder("SELECT * FROM batches WHERE true");
    if (owner != null) {
      sql.append(" AND owner = ?");
    }
    if (after != null) {
      sql.append(" AND (received_at, batch_id) < (?, ?)");
    }
    sql.append(" ORDER BY received_at DESC, batch_id DESC LIMIT ?");
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(sql.toString())) {
      int i = 1;
      if (owner != null) {
        select.setString(i++, owner);
      }
      if (after != null) {
        select.setTimestamp(i++, Timestamp.from(after.receivedAt()));
        select.setString(i++, after.batchId());
      }
      // one more than asked: whether a next page exists without a second query
      select.setInt(i, limit + 1);
      List<BatchRecord> batches = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          batches.add(BatchStore.record(rows));
        }
      }
      if (batches.size() <= limit) {
        return new Page(batches, null);
      }
      BatchRecord last = batches.get(limit - 1);
      return new Page(List.copyOf(batches.subList(0, limit)), new After(last.receivedAt(), last.batchId()));
    } catch (SQLException e) {
      throw BatchStore.unavailable("list batches", e);
    }
  }
}
