package dev.postings.batch;

import dev.postings.registry.RegistryUnavailable;
import dev.postings.workflow.PostingState;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import javax.sql.DataSource;

/**
 * Settlement batches in the registry's database: a file's valid rows stored in one transaction with the batch (so no
 * row exists until the file was read whole), started later in file order by whoever claims them, and read back joined
 * with the postings' registry rows. Plain JDBC, as the registry.
 */
public final class BatchStore {

  /** States in which a posting no longer moves by itself: it ended, or it waits for an operator. */
  static final List<String> SETTLED_STATES = Arrays.stream(PostingState.values())
      .filter(state -> state.isTerminal() || state == PostingState.NEEDS_ATTENTION).map(Enum::name).toList();

  private final DataSource dataSource;

  public BatchStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The batch, if one was stored under this id. */
  public Optional<BatchRecord> find(String batchId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT * FROM batches WHERE batch_id = ?")) {
      select.setString(1, batchId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(record(row)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw unavailable("find batch", e);
    }
  }

  /**
   * Opens the transaction that stores a batch, or finds its id taken (empty). Rows are added while the file is read,
   * and exist for nobody else until {@link BatchIntakeWriter#store} commits. Two intakes of one id at once: the second
   * waits here until the first ends, then finds the id taken (or free, if the first was refused).
   */
  public Optional<BatchIntakeWriter> begin(NewBatch batch) {
    try {
      Connection connection = dataSource.getConnection();
      connection.setAutoCommit(false);
      return BatchIntakeWriter.take(connection, batch);
    } catch (SQLException e) {
      throw unavailable("begin batch", e);
    }
  }

  /** Batch ids with rows still waiting to start, oldest first. */
  public List<String> startingBatches(int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement(
            "SELECT batch_id FROM batches WHERE status = 'STARTING' ORDER BY received_at LIMIT ?")) {
      select.setInt(1, limit);
      List<String> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw unavailable("list starting batches", e);
    }
  }

  /**
   * Starts up to {@code limit} waiting rows of a batch, in file order: the rows are claimed ({@code FOR UPDATE SKIP
   * LOCKED}, so two API instances never start the same row at once), each is started by {@code start}, and its outcome
   * recorded in the same transaction. A crash after a start but before the commit leaves the row waiting: it is started
   * again, which the API answers as the same request (idempotent by posting id and fingerprint). When no row waits any
   * more the batch becomes STARTED.
   *
   * @return how many rows were started (whatever their outcome)
   */
  public int startWaiting(String batchId, int limit, Function<WaitingRow, RowStart> start, Instant at) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        List<WaitingRow> claimed = new ArrayList<>();
        try (PreparedStatement claim = connection.prepareStatement("SELECT line, posting_id, request_sealed"
            + " FROM batch_rows WHERE batch_id = ? AND start_outcome IS NULL ORDER BY line LIMIT ?"
            + " FOR UPDATE SKIP LOCKED")) {
          claim.setString(1, batchId);
          claim.setInt(2, limit);
          try (ResultSet rows = claim.executeQuery()) {
            while (rows.next()) {
              claimed.add(new WaitingRow(batchId, rows.getInt(1), rows.getString(2), rows.getBytes(3)));
            }
          }
        }
        try (PreparedStatement record = connection.prepareStatement("UPDATE batch_rows SET start_outcome = ?,"
            + " start_detail = ?, started_at = ?, request_sealed = NULL WHERE batch_id = ? AND line = ?")) {
          for (WaitingRow row : claimed) {
            RowStart outcome = start.apply(row);
            record.setString(1, outcome.outcome().name());
            record.setString(2, outcome.detail());
            record.setTimestamp(3, Timestamp.from(at));
            record.setString(4, batchId);
            record.setInt(5, row.line());
            record.executeUpdate();
          }
        }
        if (claimed.size() < limit) {
          try (PreparedStatement done = connection.prepareStatement("UPDATE batches SET status = 'STARTED',"
              + " started_at = ? WHERE batch_id = ? AND status = 'STARTING' AND NOT EXISTS (SELECT 1 FROM batch_rows"
              + " WHERE batch_id = ? AND start_outcome IS NULL)")) {
            done.setTimestamp(1, Timestamp.from(at));
            done.setString(2, batchId);
            done.setString(3, batchId);
            done.executeUpdate();
          }
        }
        connection.commit();
        return claimed.size();
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable("start batch rows", e);
    }
  }

  /** The batch's progress: rows waiting, starts by outcome, postings by registry state. */
  public BatchCounts counts(String batchId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT r.start_outcome, p.state, count(*)"
            + " FROM batch_rows r LEFT JOIN postings p ON p.posting_id = r.posting_id"
            + " AND r.start_outcome IN ('STARTED', 'ALREADY_STARTED')"
            + " WHERE r.batch_id = ? GROUP BY r.start_outcome, p.state")) {
      select.setString(1, batchId);
      int waiting = 0;
      long open = 0;
      Map<String, Long> starts = new LinkedHashMap<>();
      Map<String, Long> postings = new LinkedHashMap<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String outcome = rows.getString(1);
          String state = rows.getString(2);
          long count = rows.getLong(3);
          if (outcome == null) {
            waiting += (int) count;
            continue;
          }
          starts.merge(outcome, count, Long::sum);
          boolean started = outcome.equals(RowStart.Outcome.STARTED.name())
              || outcome.equals(RowStart.Outcome.ALREADY_STARTED.name());
          if (started) {
            postings.merge(state == null ? "UNKNOWN" : state, count, Long::sum);
            if (state == null || !SETTLED_STATES.contains(state)) {
              open += count;
            }
          }
        }
      }
      return new BatchCounts(waiting, starts, postings, open);
    } catch (SQLException e) {
      throw unavailable("count batch", e);
    }
  }

  /**
   * Every row's outcome in file order, read with a cursor (a page of rows in memory at a time), for a results file of
   * any length: the stored rows joined with their postings, and the rows left out as invalid ({@code INVALID}, with the
   * fields at fault), merged by line.
   */
  public void results(String batchId, Consumer<BatchResult> each) {
    try (Connection connection = dataSource.getConnection()) {
      // PostgreSQL streams a result set only inside a transaction, with a fetch size
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement("SELECT r.line, r.posting_id, r.start_outcome,"
          + " p.state, p.record_id, p.attention_code, NULL AS fields FROM batch_rows r LEFT JOIN postings p"
          + " ON p.posting_id = r.posting_id AND r.start_outcome IN ('STARTED', 'ALREADY_STARTED')"
          + " WHERE r.batch_id = ?"
          + " UNION ALL SELECT i.line, i.posting_id, '" + BatchResult.INVALID + "', NULL, NULL, NULL, i.fields"
          + " FROM batch_invalid_rows i WHERE i.batch_id = ? ORDER BY 1")) {
        select.setFetchSize(1_000);
        select.setString(1, batchId);
        select.setString(2, batchId);
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            each.accept(new BatchResult(rows.getInt(1), rows.getString(2),
                rows.getString(3) == null ? "WAITING" : rows.getString(3), rows.getString(4), rows.getString(5),
                rows.getString(6), rows.getString(7)));
          }
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw unavailable("read batch results", e);
    }
  }

  /** The first {@code limit} rows left out as invalid, by line (start INVALID, with the fields at fault). */
  public List<BatchResult> invalidRows(String batchId, int limit) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT line, posting_id, fields FROM"
            + " batch_invalid_rows WHERE batch_id = ? ORDER BY line LIMIT ?")) {
      select.setString(1, batchId);
      select.setInt(2, limit);
      List<BatchResult> rows = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          rows.add(new BatchResult(row.getInt(1), row.getString(2), BatchResult.INVALID, null, null, null,
              row.getString(3)));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw unavailable("read invalid batch rows", e);
    }
  }

  /** What {@link #discard} did. */
  public enum Discard {
    /** The batch and all its rows are gone; the id is free. */
    DISCARDED,
    /** No batch under this id. */
    NO_BATCH,
    /** A row of it started a posting: a batch that posted something stays, as its postings do. */
    STARTED
  }

  /**
   * Deletes a batch none of whose rows started a posting (rows waiting, refused at start or invalid go with it): a
   * measurement's batch, or one sent by mistake and caught before its first start. The delete locks each row it
   * removes, so a start under way (its row claimed by another transaction) is waited for and then seen.
   */
  public Discard discard(String batchId) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        Discard outcome = discard(connection, batchId);
        if (outcome == Discard.DISCARDED) {
          connection.commit();
        } else {
          connection.rollback();
        }
        return outcome;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw unavailable("discard batch", e);
    }
  }

  private static Discard discard(Connection connection, String batchId) throws SQLException {
    try (PreparedStatement lock = connection.prepareStatement(
        "SELECT 1 FROM batches WHERE batch_id = ? FOR UPDATE")) {
      lock.setString(1, batchId);
      try (ResultSet row = lock.executeQuery()) {
        if (!row.next()) {
          return Discard.NO_BATCH;
        }
      }
    }
    try (PreparedStatement rows = connection.prepareStatement("DELETE FROM batch_rows WHERE batch_id = ?"
        + " AND (start_outcome IS NULL OR start_outcome NOT IN ('STARTED', 'ALREADY_STARTED'))")) {
      rows.setString(1, batchId);
      rows.executeUpdate();
    }
    try (PreparedStatement started = connection.prepareStatement(
        "SELECT 1 FROM batch_rows WHERE batch_id = ? LIMIT 1")) {
      started.setString(1, batchId);
      try (ResultSet row = started.executeQuery()) {
        if (row.next()) {
          return Discard.STARTED;
        }
      }
    }
    for (String delete : List.of("DELETE FROM batch_invalid_rows WHERE batch_id = ?",
        "DELETE FROM batches WHERE batch_id = ?")) {
      try (PreparedStatement statement = connection.prepareStatement(delete)) {
        statement.setString(1, batchId);
        statement.executeUpdate();
      }
    }
    return Discard.DISCARDED;
  }

  static BatchRecord record(ResultSet row) throws SQLException {
    Timestamp startedAt = row.getTimestamp("started_at");
    return new BatchRecord(row.getString("batch_id"), row.getString("owner"), row.getString("file_sha256"),
        BatchFormat.valueOf(row.getString("format")), InvalidRows.valueOf(row.getString("invalid_rows")),
        row.getInt("rows_read"), row.getInt("rows_valid"), row.getInt("rows_invalid"),
        BatchStatus.valueOf(row.getString("status")), row.getTimestamp("received_at").toInstant(),
        startedAt == null ? null : startedAt.toInstant());
  }

  static RegistryUnavailable unavailable(String what, SQLException e) {
    return new RegistryUnavailable("batch store: " + what, e);
  }
}
