package dev.postings.reconciliation;

import dev.postings.registry.RegistryUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** Reconciliation reports in the registry's database: counts per run, items per line, open operator tasks. */
public final class ReconciliationStore {

  private final DataSource dataSource;

  public ReconciliationStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A stored run: its counts, and whether it waits for an operator. */
  public record Report(long reconciliationId, String connectionId, LocalDate day, Instant runAt,
      Map<ReconciliationOutcome, Long> counts, int providerCalls, boolean needsOperator, Instant resolvedAt,
      String resolvedBy) {}

  /**
   * Keeps a run and its items in one transaction; returns it. A run that finds nothing for an operator closes the
   * day's earlier tasks: the disagreement they reported is gone, proved by reading the ledger again.
   */
  public Report save(String connectionId, LocalDate day, Instant runAt, List<ReconciliationItem> items,
      int providerCalls) {
    Map<ReconciliationOutcome, Long> counts = Reconciliation.counts(items);
    boolean needsOperator = items.stream().anyMatch(item -> item.outcome().needsAnOperator());
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try {
        long id;
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reconciliations (connection_id, day,"
            + " run_at, matched, missing, changed, unexpected, pending, provider_calls, needs_operator)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", Statement.RETURN_GENERATED_KEYS)) {
          insert.setString(1, connectionId);
          insert.setObject(2, day);
          insert.setTimestamp(3, Timestamp.from(runAt));
          int column = 4;
          for (ReconciliationOutcome outcome : List.of(ReconciliationOutcome.MATCHED, ReconciliationOutcome.MISSING,
              ReconciliationOutcome.CHANGED, ReconciliationOutcome.UNEXPECTED, ReconciliationOutcome.PENDING)) {
            insert.setInt(column++, counts.get(outcome).intValue());
          }
          insert.setInt(9, providerCalls);
          insert.setBoolean(10, needsOperator);
          insert.executeUpdate();
          try (ResultSet key = insert.getGeneratedKeys()) {
            key.next();
            id = key.getLong(1);
          }
        }
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO reconciliation_items"
            + " (reconciliation_id, line, outcome, posting_id, record_id, expected_amount_minor, ledger_amount_minor,"
            + " detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
          int line = 0;
          for (ReconciliationItem item : items) {
            insert.setLong(1, id);
            insert.setInt(2, ++line);
            insert.setString(3, item.outcome().name());
            insert.setString(4, item.postingId());
            insert.setString(5, item.recordId());
            insert.setObject(6, item.expectedAmountMinor());
            insert.setObject(7, item.ledgerAmountMinor());
            insert.setString(8, item.detail());
            insert.addBatch();
            if (line % 500 == 0) {
              insert.executeBatch();
            }
          }
          insert.executeBatch();
        }
        if (!needsOperator) {
          // the ledger agrees now (someone fixed it in the PMS, or a record came back): earlier tasks of this day close
          try (PreparedStatement close = connection.prepareStatement("UPDATE reconciliations SET resolved_at = ?,"
              + " resolved_by = 'reconciliation', resolution_note = ? WHERE connection_id = ? AND day = ?"
              + " AND needs_operator AND resolved_at IS NULL AND run_at <= ?")) {
            close.setTimestamp(1, Timestamp.from(runAt));
            close.setString(2, "a later run found the ledger as the postings say (run " + id + ")");
            close.setString(3, connectionId);
            close.setObject(4, day);
            close.setTimestamp(5, Timestamp.from(runAt));
            close.executeUpdate();
          }
        }
        connection.commit();
        return new Report(id, connectionId, day, runAt, counts, providerCalls, needsOperator, null, null);
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot keep the reconciliation of " + connectionId + " on " + day, e);
    }
  }

  /** The latest run for a connection and day. */
  public Optional<Report> latest(String connectionId, LocalDate day) {
    return reports("WHERE connection_id = ? AND day = ? ORDER BY run_at DESC, reconciliation_id DESC LIMIT 1",
        connectionId, day).stream().findFirst();
  }

  /** Runs that found a disagreement no operator has resolved yet, oldest first: the operator tasks. */
  public List<Report> open(int limit) {
    return reports("WHERE needs_operator AND resolved_at IS NULL ORDER BY run_at LIMIT ?", limit);
  }

  /** An operator looked and acted: the task closes (the report stays as it was). */
  public boolean resolve(long reconciliationId, String by, String note, Instant at) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement update = connection.prepareStatement("UPDATE reconciliations SET resolved_at = ?,"
            + " resolved_by = ?, resolution_note = ? WHERE reconciliation_id = ? AND needs_operator"
            + " AND resolved_at IS NULL")) {
      update.setTimestamp(1, Timestamp.from(at));
      update.setString(2, by);
      update.setString(3, note);
      update.setLong(4, reconciliationId);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot resolve reconciliation " + reconciliationId, e);
    }
  }

  /** A run's items in line order, with a cursor: a report of any length. */
  public void items(long reconciliationId, Consumer<ReconciliationItem> each) {
    try (Connection connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      try (PreparedStatement select = connection.prepareStatement("SELECT outcome, posting_id, record_id,"
          + " expected_amount_minor, ledger_amount_minor, detail FROM reconciliation_items"
          + " WHERE reconciliation_id = ? ORDER BY line")) {
        select.setFetchSize(1_000);
        select.setLong(1, reconciliationId);
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            each.accept(new ReconciliationItem(ReconciliationOutcome.valueOf(row.getString(1)), row.getString(2),
                row.getString(3), row.getObject(4, Long.class), row.getObject(5, Long.class), row.getString(6)));
          }
        }
      } finally {
        connection.rollback();
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot read reconciliation " + reconciliationId, e);
    }
  }

  private List<Report> reports(String where, Object... parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT * FROM reconciliations " + where)) {
      for (int i = 0; i < parameters.length; i++) {
        select.setObject(i + 1, parameters[i]);
      }
      List<Report> reports = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Map<ReconciliationOutcome, Long> counts = new java.util.EnumMap<>(ReconciliationOutcome.class);
          for (ReconciliationOutcome outcome : ReconciliationOutcome.values()) {
            counts.put(outcome, row.getLong(outcome.name().toLowerCase(java.util.Locale.ROOT)));
          }
          Timestamp resolved = row.getTimestamp("resolved_at");
          reports.add(new Report(row.getLong("reconciliation_id"), row.getString("connection_id"),
              row.getObject("day", LocalDate.class), row.getTimestamp("run_at").toInstant(), counts,
              row.getInt("provider_calls"), row.getBoolean("needs_operator"),
              resolved == null ? null : resolved.toInstant(), row.getString("resolved_by")));
        }
      }
      return reports;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot read reconciliations", e);
    }
  }
}
