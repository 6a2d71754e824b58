package dev.postings.batch;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntConsumer;

/**
 * One batch being read: valid rows are written in JDBC batches inside one transaction that {@link #store} commits or
 * {@link #close} rolls back. Memory holds one JDBC batch of rows, never the file. A posting id seen before in the same
 * file is reported to the caller (the table's unique key finds it, so no set of ids grows with the file).
 */
public final class BatchIntakeWriter implements AutoCloseable {

  /** Rows per JDBC batch: one round trip per this many rows. */
  static final int ROWS_PER_FLUSH = 500;

  private final Connection connection;
  private final NewBatch batch;
  private final PreparedStatement insert;
  private final PreparedStatement insertInvalid;
  private final List<Integer> pendingLines = new ArrayList<>();
  private int pendingInvalid;
  private boolean finished;

  private BatchIntakeWriter(Connection connection, NewBatch batch) throws SQLException {
    this.connection = connection;
    this.batch = batch;
    this.insert = connection.prepareStatement("INSERT INTO batch_rows (batch_id, line, posting_id, request_sealed)"
        + " VALUES (?, ?, ?, ?) ON CONFLICT (batch_id, posting_id) DO NOTHING");
    this.insertInvalid = connection.prepareStatement("INSERT INTO batch_invalid_rows (batch_id, line, posting_id,"
        + " fields) VALUES (?, ?, ?, ?)");
  }

  /**
   * Takes the batch id inside a new transaction, or finds it taken (empty; the connection is closed). An intake of the
   * same id still running holds its row: this waits until it commits (taken) or rolls back (free again).
   */
  static java.util.Optional<BatchIntakeWriter> take(Connection connection, NewBatch batch) throws SQLException {
    try (PreparedStatement header = connection.prepareStatement("INSERT INTO batches (batch_id, owner, file_sha256,"
        + " format, invalid_rows, rows_read, rows_valid, rows_invalid, status, received_at)"
        + " VALUES (?, ?, '', ?, ?, 0, 0, 0, 'STARTING', ?) ON CONFLICT (batch_id) DO NOTHING")) {
      header.setString(1, batch.batchId());
      header.setString(2, batch.owner());
      header.setString(3, batch.format().name());
      header.setString(4, batch.invalidRows().name());
      header.setTimestamp(5, Timestamp.from(batch.receivedAt()));
      if (header.executeUpdate() == 0) {
        rollbackQuietly(connection);
        connection.close();
        return java.util.Optional.empty();
      }
      return java.util.Optional.of(new BatchIntakeWriter(connection, batch));
    } catch (SQLException e) {
      rollbackQuietly(connection);
      connection.close();
      throw e;
    }
  }

  /**
   * Adds a valid row. {@code repeated} hears of each line (this one or an earlier added one) whose posting id an
   * earlier line of the file already used.
   */
  public void add(int line, String postingId, byte[] requestSealed, IntConsumer repeated) {
    try {
      insert.setString(1, batch.batchId());
      insert.setInt(2, line);
      insert.setString(3, postingId);
      insert.setBytes(4, requestSealed);
      insert.addBatch();
      pendingLines.add(line);
      if (pendingLines.size() >= ROWS_PER_FLUSH) {
        flush(repeated);
      }
    } catch (SQLException e) {
      throw BatchStore.unavailable("store batch row", e);
    }
  }

  /**
   * Adds a row left out for being invalid (LEAVE_OUT): kept so that the results have one line per row of the file,
   * never started. Written in JDBC batches as the valid rows are.
   *
   * @param postingId the row's posting id when it could be read, else null
   * @param fields the names of the fields at fault (never a value sent)
   */
  public void invalid(int line, String postingId, List<String> fields) {
    try {
      insertInvalid.setString(1, batch.batchId());
      insertInvalid.setInt(2, line);
      insertInvalid.setString(3, postingId);
      insertInvalid.setString(4, String.join(";", fields));
      insertInvalid.addBatch();
      if (++pendingInvalid >= ROWS_PER_FLUSH) {
        flushInvalid();
      }
    } catch (SQLException e) {
      throw BatchStore.unavailable("store invalid batch row", e);
    }
  }

  private void flushInvalid() throws SQLException {
    if (pendingInvalid > 0) {
      insertInvalid.executeBatch();
      pendingInvalid = 0;
    }
  }

  /** Writes the rows added since the last flush; reports the lines whose posting id was taken earlier in the file. */
  public void flush(IntConsumer repeated) {
    if (pendingLines.isEmpty()) {
      return;
    }
    try {
      int[] counts = insert.executeBatch();
      for (int i = 0; i < counts.length; i++) {
        if (counts[i] == 0) {
          repeated.accept(pendingLines.get(i));
        }
      }
      pendingLines.clear();
    } catch (SQLException e) {
      throw BatchStore.unavailable("store batch rows", e);
    }
  }

  /**
   * Commits the batch with what the reading found: from now on its rows can start. The rows added last must have been
   * {@link #flush flushed} first: the repeated ids it reports change the counts.
   */
  public BatchRecord store(String fileSha256, int rowsRead, int rowsValid, int rowsInvalid) {
    if (!pendingLines.isEmpty()) {
      throw new IllegalStateException("flush the last rows before storing the batch");
    }
    try {
      flushInvalid();
      try (PreparedStatement update = connection.prepareStatement("UPDATE batches SET file_sha256 = ?, rows_read = ?,"
          + " rows_valid = ?, rows_invalid = ?, status = CASE WHEN ? = 0 THEN 'STARTED' ELSE 'STARTING' END,"
          + " started_at = CASE WHEN ? = 0 THEN received_at END WHERE batch_id = ?")) {
        update.setString(1, fileSha256);
        update.setInt(2, rowsRead);
        update.setInt(3, rowsValid);
        update.setInt(4, rowsInvalid);
        update.setInt(5, rowsValid);
        update.setInt(6, rowsValid);
        update.setString(7, batch.batchId());
        update.executeUpdate();
      }
      connection.commit();
      finished = true;
      return new BatchRecord(batch.batchId(), batch.owner(), fileSha256, batch.format(), batch.invalidRows(),
          rowsRead, rowsValid, rowsInvalid, rowsValid == 0 ? BatchStatus.STARTED : BatchStatus.STARTING,
          batch.receivedAt(), rowsValid == 0 ? batch.receivedAt() : null);
    } catch (SQLException e) {
      throw BatchStore.unavailable("store batch", e);
    }
  }

  /** Rolls back whatever was not stored: a refused or broken intake leaves no trace. */
  @Override
  public void close() {
    try {
      if (!finished) {
        rollbackQuietly(connection);
      }
      insert.close();
      insertInvalid.close();
    } catch (SQLException ignored) {
      // closing below
    } finally {
      try {
        connection.close();
      } catch (SQLException ignored) {
        // the pool replaces a connection that failed to close
      }
    }
  }

  private static void rollbackQuietly(Connection connection) {
    try {
      connection.rollback();
    } catch (SQLException ignored) {
      // the connection is closed next, which ends the transaction too
    }
  }
}
