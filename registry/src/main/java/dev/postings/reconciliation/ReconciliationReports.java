package dev.postings.reconciliation;

import dev.postings.registry.RegistryUnavailable;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Reconciliation reports as operators read them (the API, the console, the CLI): one by its id, and lists narrowed by
 * connection, day and whether an operator task is open. Writing stays with {@link ReconciliationStore}.
 */
public final class ReconciliationReports {

  private final DataSource dataSource;

  public ReconciliationReports(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A stored run as shown to operators: its counts, its operator task, and how that task was closed. */
  public record StoredReport(long reconciliationId, String connectionId, LocalDate day, Instant runAt,
      Map<ReconciliationOutcome, Long> counts, int providerCalls, boolean needsOperator, Instant resolvedAt,
      String resolvedBy, String resolutionNote) {

    /** A disagreement no operator (and no later run) has closed yet. */
    public boolean open() {
      return needsOperator && resolvedAt == null;
    }
  }

  /**
   * What a list narrows to; null fields do not narrow.
   *
   * @param openOnly only runs whose operator task is open
   * @param limit at most this many, newest run first
   */
  public record Filter(String connectionId, LocalDate day, boolean openOnly, int limit) {}

  public Optional<StoredReport> find(long reconciliationId) {
    return select("WHERE reconciliation_id = ?", List.of(reconciliationId)).stream().findFirst();
  }

  /** Newest run first (the open ones first when asked for those only, as the operator's list shows them). */
  public List<StoredReport> list(Filter filter) {
    List<String> conditions = new ArrayList<>();
    List<Object> parameters = new ArrayList<>();
    if (filter.connectionId() != null) {
      conditions.add("connection_id = ?");
      parameters.add(filter.connectionId());
    }
    if (filter.day() != null) {
      conditions.add("day = ?");
      parameters.add(filter.day());
    }
    if (filter.openOnly()) {
      // the partial index reconciliations_open
      conditions.add("needs_operator AND resolved_at IS NULL");
    }
    parameters.add(filter.limit());
    return select((conditions.isEmpty() ? "" : "WHERE " + String.join(" AND ", conditions))
        + " ORDER BY run_at DESC, reconciliation_id DESC LIMIT ?", parameters);
  }

  /** How many operator tasks are open: the count on the console's menu. */
  public long openCount() {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement count = connection.prepareStatement(
            "SELECT count(*) FROM reconciliations WHERE needs_operator AND resolved_at IS NULL");
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot count open reconciliations", e);
    }
  }

  private List<StoredReport> select(String where, List<Object> parameters) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement select = connection.prepareStatement("SELECT * FROM reconciliations " + where)) {
      for (int i = 0; i < parameters.size(); i++) {
        select.setObject(i + 1, parameters.get(i));
      }
      List<StoredReport> reports = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          Map<ReconciliationOutcome, Long> counts = new EnumMap<>(ReconciliationOutcome.class);
          for (ReconciliationOutcome outcome : ReconciliationOutcome.values()) {
            counts.put(outcome, row.getLong(outcome.name().toLowerCase(Locale.ROOT)));
          }
          Timestamp resolved = row.getTimestamp("resolved_at");
          reports.add(new StoredReport(row.getLong("reconciliation_id"), row.getString("connection_id"),
              row.getObject("day", LocalDate.class), row.getTimestamp("run_at").toInstant(), counts,
              row.getInt("provider_calls"), row.getBoolean("needs_operator"),
              resolved == null ? null : resolved.toInstant(), row.getString("resolved_by"),
              row.getString("resolution_note")));
        }
      }
      return reports;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot read reconciliations", e);
    }
  }
}
