package dev.postings.registry;

import dev.postings.model.Provider;
import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The registry of every posting: one row per posting id, for ever (docs/decisions/0022-postgresql-registry.md). Every
 * method is one short statement (two at most) on a connection of its own, so it is safe from any number of threads.
 * Plain JDBC: what each statement does is written here, not derived.
 */
public final class PostingRegistry {

  /** What operators see on a row still open whose workflow the local Temporal server forgot when it restarted. */
  public static final String LOCAL_TEMPORAL_RESTARTED = "the local Temporal server restarted; outcome unknown";

  private static final String COLUMNS = "posting_id, owner, fingerprint, provider, connection_id, amount_minor,"
      + " currency, reference_sealed, reference_key_id, transaction_date, state, step, record_id, attention_code,"
      + " started_at, state_since, updated_at, finished_at, workflow_lost_at, workflow_lost_reason";

  private static final String INSERT = "INSERT INTO postings (posting_id, owner, fingerprint, provider, connection_id,"
      + " amount_minor, currency, reference_hash, reference_sealed, reference_key_id, transaction_date, state, step,"
      + " started_at, state_since, updated_at, ledger_scope) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
      + " ON CONFLICT (posting_id) DO NOTHING RETURNING " + COLUMNS;

  /*
   * One statement decides and writes, so two updates of one posting racing each other cannot both win: the row lock
   * orders them and the second re-reads the row the first left (READ COMMITTED re-checks the WHERE on the new row).
   * An update applies when it is later than the row's (by `at`), or as late and no earlier in STATE_ORDER; an equal
   * replay applies again and changes nothing. In SET, `state` is the row's state before the update.
   */
  private static final String RECORD_STATE = "UPDATE postings SET state = ?, step = ?,"
      + " record_id = COALESCE(?, record_id), attention_code = ?,"
      + " state_since = CASE WHEN state = ? THEN state_since ELSE ? END,"
      + " updated_at = ?,"
      + " finished_at = CASE WHEN ? THEN COALESCE(finished_at, ?) ELSE NULL END,"
      + " workflow_lost_at = NULL, workflow_lost_reason = NULL"
      + " WHERE posting_id = ?"
      + " AND (updated_at < ? OR (updated_at = ? AND array_position(?::text[], state) <= ?))";

  private final DataSource dataSource;
  private final ReferenceProtection protection;

  public PostingRegistry(DataSource dataSource, RegistrySettings settings) {
    this(dataSource, ReferenceProtection.of(settings));
  }

  private PostingRegistry(DataSource dataSource, ReferenceProtection protection) {
    this.dataSource = dataSource;
    this.protection = protection;
  }

  /**
   * A registry that only records states ({@link #recordState}): the worker's, which never sees a reference and so
   * holds no hash key nor sealing key. Anything that reads or writes a reference fails on it.
   */
  public static PostingRegistry forStateUpdates(DataSource dataSource) {
    return new PostingRegistry(dataSource, (ReferenceProtection) null);
  }

  // ---------------------------------------------------------------------------------------------- registration

  /**
   * Takes the posting id for this request, or says who has it. Insert-if-absent in one statement, then a read when the
   * id was taken: concurrent registrations of one id see exactly one {@link Registration.Registered}.
   *
   * @throws IllegalArgumentException when the connection id names no connection
   */
  public Registration register(NewPosting posting) {
    ReferenceProtection.Sealed sealed = protection.seal(posting.postingId(), posting.reference());
    Instant started = micros(posting.startedAt());
    try (Connection connection = dataSource.getConnection();
        PreparedStatement insert = connection.prepareStatement(INSERT)) {
      int i = 0;
      insert.setString(++i, posting.postingId());
      insert.setString(++i, posting.owner());
      insert.setString(++i, posting.fingerprint());
      insert.setString(++i, posting.provider().name());
      insert.setString(++i, posting.connectionId());
      insert.setLong(++i, posting.amountMinor());
      insert.setString(++i, posting.currency());
      insert.setBytes(++i, protection.hash(posting.reference()));
      insert.setBytes(++i, sealed.bytes());
      insert.setString(++i, sealed.keyId());
      insert.setObject(++i, posting.transactionDate());
      insert.setString(++i, PostingState.RECEIVED.name());
      insert.setString(++i, PostingStep.VALIDATE.name());
      insert.setObject(++i, timestamp(started));
      insert.setObject(++i, timestamp(started));
      insert.setObject(++i, timestamp(started));
      insert.setString(++i, posting.ledgerScope());
      try (ResultSet inserted = insert.executeQuery()) {
        if (inserted.next()) {
          return new Registration.Registered(row(inserted));
        }
      }
      PostingRecord existing = find(connection, posting.postingId())
          .orElseThrow(() -> new IllegalStateException("posting " + posting.postingId()
              + " was neither inserted nor found: was its row deleted?"));
      boolean same = existing.owner().equals(posting.owner())
          && existing.fingerprint().equals(posting.fingerprint());
      return same ? new Registration.SameRequest(existing) : new Registration.Conflict(posting.postingId());
    } catch (SQLException e) {
      if ("23503".equals(e.getSQLState())) {
        throw new IllegalArgumentException("connection '" + posting.connectionId() + "' does not exist");
      }
      throw new RegistryUnavailable("cannot register posting " + posting.postingId(), e);
    }
  }

  // ---------------------------------------------------------------------------------------------- state

  /**
   * Records a state the posting entered. Idempotent and monotonic: an update older than the one the row shows (by
   * {@code at}; for the same instant, by {@link #stateOrder}) never overwrites it, so replays and late deliveries are
   * harmless. A terminal state sets {@code finished_at}; any applied update clears a "workflow lost" mark, since the
   * workflow evidently runs.
   */
  public StateRecorded recordState(StateUpdate update) {
    OffsetDateTime at = timestamp(micros(update.at()));
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(RECORD_STATE)) {
      Array order = connection.createArrayOf("text", STATE_ORDER);
      int i = 0;
      statement.setString(++i, update.state().name());
      statement.setString(++i, update.step().name());
      statement.setString(++i, update.recordId());
      statement.setString(++i, update.attentionCode() == null ? null : update.attentionCode().name());
      statement.setString(++i, update.state().name());
      statement.setObject(++i, at);
      statement.setObject(++i, at);
      statement.setBoolean(++i, update.state().isTerminal());
      statement.setObject(++i, at);
      statement.setString(++i, update.postingId());
      statement.setObject(++i, at);
      statement.setObject(++i, at);
      statement.setArray(++i, order);
      statement.setInt(++i, stateOrder(update.state()));
      if (statement.executeUpdate() == 1) {
        return StateRecorded.APPLIED;
      }
      return exists(connection, update.postingId()) ? StateRecorded.STALE : StateRecorded.UNKNOWN_POSTING;
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot record the state of posting " + update.postingId(), e);
    }
  }

  /**
   * The order of states recorded at the same instant: the walk's order, a wait for a person after the working states,
   * and every terminal state last (a reversal after the confirmation it reverses). 1-based, as SQL's array_position.
   */
  static int stateOrder(PostingState state) {
    return switch (state) {
      case RECEIVED -> 1;
      case SUBMITTING -> 2;
      case AWAITING_JOB -> 3;
      case AWAITING_APPROVAL -> 4;
      case DISCOVERING_RECORD -> 5;
      case PARKED -> 6;
      case NEEDS_ATTENTION -> 7;
      case CONFIRMED -> 8;
      case REJECTED -> 9;
      case CANCELLED -> 10;
      case COMPENSATED -> 11;
      case REVERSED -> 12;
    };
  }

  private static final String[] STATE_ORDER = Arrays.stream(PostingState.values())
      .sorted(Comparator.comparingInt(PostingRegistry::stateOrder))
      .map(Enum::name)
      .toArray(String[]::new);

  // ---------------------------------------------------------------------------------------------- reading

  public Optional<PostingRecord> find(String postingId) {
    try (Connection connection = dataSource.getConnection()) {
      return find(connection, postingId);
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot read posting " + postingId, e);
    }
  }

  /**
   * One page of the list, newest first (by start time, then posting id). Each page is a keyset seek from the cursor,
   * so a deep page costs what the first does.
   *
   * @throws InvalidCursor when the cursor was not handed out by this list
   */
  public RegistryPage list(RegistryQuery query) {
    String listKey = listKey(query);
    Statement select = listStatement(query, listKey);
    List<PostingRecord> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, select.sql(), select.values());
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(row(result));
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot list postings", e);
    }
    if (rows.size() <= query.limit()) {
      return new RegistryPage(rows, null);
    }
    List<PostingRecord> page = rows.subList(0, query.limit());
    PostingRecord last = page.get(page.size() - 1);
    String next = ListCursor.encode(protection, listKey,
        new ListCursor.Position(last.startedAt(), last.postingId()));
    return new RegistryPage(page, next);
  }

  /** The page's statement and its values. */
  private Statement listStatement(RegistryQuery query, String listKey) {
    Filter filter = filter(query, true);
    StringBuilder sql = new StringBuilder("SELECT ").append(COLUMNS).append(" FROM postings");
    List<Object> values = new ArrayList<>(filter.values());
    List<String> conditions = new ArrayList<>(filter.conditions());
    if (query.cursor() != null) {
      ListCursor.Position after = ListCursor.decode(protection, listKey, query.cursor());
      // a row comparison, which the index's (started_at, posting_id) order serves as one range
      conditions.add("(started_at, posting_id) < (?, ?)");
      values.add(timestamp(after.startedAt()));
      values.add(after.postingId());
    }
    if (!conditions.isEmpty()) {
      sql.append(" WHERE ").append(String.join(" AND ", conditions));
    }
    sql.append(" ORDER BY started_at DESC, posting_id DESC LIMIT ?");
    // one row more than the page tells whether there is a next page without counting
    values.add(query.limit() + 1);
    return new Statement(sql.toString(), values);
  }

  /** PostgreSQL's plan for the page's statement, with the values bound: tests check which index serves a filter. */
  String explain(RegistryQuery query) {
    Statement page = listStatement(query, listKey(query));
    StringBuilder plan = new StringBuilder();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, "EXPLAIN " + page.sql(), page.values());
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        plan.append(result.getString(1)).append('\n');
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot explain a list", e);
    }
    return plan.toString();
  }

  /** How many postings are in each state (every state named, zero included) under the query's other filters. */
  public Map<PostingState, Long> counts(RegistryQuery query) {
    Filter filter = filter(query, false);
    String sql = "SELECT state, count(*) FROM postings"
        + (filter.conditions().isEmpty() ? "" : " WHERE " + String.join(" AND ", filter.conditions()))
        + " GROUP BY state";
    Map<PostingState, Long> counts = new EnumMap<>(PostingState.class);
    for (PostingState state : PostingState.values()) {
      counts.put(state, 0L);
    }
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, filter.values());
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        counts.put(PostingState.valueOf(result.getString(1)), result.getLong(2));
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot count postings", e);
    }
    return counts;
  }

  // ---------------------------------------------------------------------------------------------- lost workflows

  /**
   * Rows still open and not yet marked as without a workflow, by posting id, after {@code afterPostingId} (or from
   * the first when {@code null}). After a restart of the local Temporal server, which forgets every workflow, each of
   * these has lost its workflow: the local stack pages through them and marks them with {@link #markOutcomeUnknown}.
   */
  public List<PostingRecord> openPostings(String afterPostingId, int limit) {
    if (limit < 1 || limit > RegistryQuery.MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1 to " + RegistryQuery.MAX_LIMIT + ", was " + limit);
    }
    String sql = "SELECT " + COLUMNS + " FROM postings WHERE finished_at IS NULL AND workflow_lost_at IS NULL"
        + (afterPostingId == null ? "" : " AND posting_id > ?") + " ORDER BY posting_id LIMIT ?";
    List<Object> values = new ArrayList<>();
    if (afterPostingId != null) {
      values.add(afterPostingId);
    }
    values.add(limit);
    List<PostingRecord> rows = new ArrayList<>();
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = prepare(connection, sql, values);
        ResultSet result = statement.executeQuery()) {
      while (result.next()) {
        rows.add(row(result));
      }
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot list open postings", e);
    }
    return rows;
  }

  /**
   * Marks open rows as without a workflow, with the sentence operators see (such as {@link #LOCAL_TEMPORAL_RESTARTED}).
   * The state stays the last one known: the outcome is unknown, not failed. Rows already finished or already marked
   * are left alone.
   *
   * @return how many rows were marked
   */
  public int markOutcomeUnknown(Collection<String> postingIds, String reason, Instant at) {
    if (postingIds.isEmpty()) {
      return 0;
    }
    String sql = "UPDATE postings SET workflow_lost_at = ?, workflow_lost_reason = ?"
        + " WHERE posting_id = ANY(?) AND finished_at IS NULL AND workflow_lost_at IS NULL";
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setObject(1, timestamp(micros(at)));
      statement.setString(2, reason);
      statement.setArray(3, connection.createArrayOf("text", postingIds.toArray()));
      return statement.executeUpdate();
    } catch (SQLException e) {
      throw new RegistryUnavailable("cannot mark postings as without a workflow", e);
    }
  }

  // ---------------------------------------------------------------------------------------------- SQL helpers

  private record Filter(List<String> conditions, List<Object> values) {}

  private record Statement(String sql, List<Object> values) {}

  /** The query's filters as SQL conditions; each one is the leading column of an index that ends in the keyset. */
  private Filter filter(RegistryQuery query, boolean withStates) {
    List<String> conditions = new ArrayList<>();
    List<Object> values = new ArrayList<>();
    if (withStates && !query.states().isEmpty()) {
      inList("state", query.states().stream().map(Enum::name).sorted().toList(), conditions, values);
    }
    if (!query.providers().isEmpty()) {
      inList("provider", query.providers().stream().map(Enum::name).sorted().toList(), conditions, values);
    }
    if (query.connectionId() != null) {
      conditions.add("connection_id = ?");
      values.add(query.connectionId());
    }
    if (query.owner() != null) {
      conditions.add("owner = ?");
      values.add(query.owner());
    }
    if (query.startedBefore() != null) {
      conditions.add("started_at < ?");
      values.add(timestamp(micros(query.startedBefore())));
    }
    if (query.reference() != null) {
      conditions.add("reference_hash = ?");
      values.add(protection.hash(query.reference()));
    }
    if (query.amountMinor() != null) {
      conditions.add("amount_minor = ?");
      values.add(query.amountMinor());
    }
    if (query.transactionDateFrom() != null) {
      conditions.add("transaction_date >= ?");
      values.add(query.transactionDateFrom());
    }
    if (query.transactionDateTo() != null) {
      conditions.add("transaction_date <= ?");
      values.add(query.transactionDateTo());
    }
    return new Filter(conditions, values);
  }

  /**
   * {@code column = ?} for one value (so that the index's order is the list's order and no sort is needed), an IN list
   * for several.
   */
  private static void inList(String column, List<String> names, List<String> conditions, List<Object> values) {
    conditions.add(column + (names.size() == 1 ? " = ?"
        : " IN (" + names.stream().map(name -> "?").collect(Collectors.joining(", ")) + ")"));
    values.addAll(names);
  }

  /** Every filter of the list, canonical: a cursor is valid only for the list that made it. The limit may change. */
  private String listKey(RegistryQuery query) {
    return String.join("\n",
        "states=" + query.states().stream().map(Enum::name).sorted().toList(),
        "providers=" + query.providers().stream().map(Enum::name).sorted().toList(),
        "connection=" + query.connectionId(),
        "owner=" + query.owner(),
        "startedBefore=" + (query.startedBefore() == null ? "" : ListCursor.micros(query.startedBefore())),
        "reference=" + (query.reference() == null ? "" : HexFormat.of().formatHex(protection.hash(query.reference()))),
        "amount=" + query.amountMinor(),
        "dates=" + query.transactionDateFrom() + ".." + query.transactionDateTo());
  }

  private static PreparedStatement prepare(Connection connection, String sql, List<Object> values)
      throws SQLException {
    PreparedStatement statement = connection.prepareStatement(sql);
    for (int i = 0; i < values.size(); i++) {
      statement.setObject(i + 1, values.get(i));
    }
    return statement;
  }

  private Optional<PostingRecord> find(Connection connection, String postingId) throws SQLException {
    try (PreparedStatement statement =
        connection.prepareStatement("SELECT " + COLUMNS + " FROM postings WHERE posting_id = ?")) {
      statement.setString(1, postingId);
      try (ResultSet result = statement.executeQuery()) {
        return result.next() ? Optional.of(row(result)) : Optional.empty();
      }
    }
  }

  private static boolean exists(Connection connection, String postingId) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM postings WHERE posting_id = ?")) {
      statement.setString(1, postingId);
      try (ResultSet result = statement.executeQuery()) {
        return result.next();
      }
    }
  }

  private PostingRecord row(ResultSet row) throws SQLException {
    String postingId = row.getString("posting_id");
    String attention = row.getString("attention_code");
    return new PostingRecord(
        postingId,
        row.getString("owner"),
        row.getString("fingerprint"),
        Provider.valueOf(row.getString("provider")),
        row.getString("connection_id"),
        row.getLong("amount_minor"),
        row.getString("currency"),
        protection.open(postingId, row.getString("reference_key_id"), row.getBytes("reference_sealed")),
        row.getObject("transaction_date", LocalDate.class),
        PostingState.valueOf(row.getString("state")),
        PostingStep.valueOf(row.getString("step")),
        row.getString("record_id"),
        attention == null ? null : AttentionCode.valueOf(attention),
        instant(row, "started_at"),
        instant(row, "state_since"),
        instant(row, "updated_at"),
        instant(row, "finished_at"),
        instant(row, "workflow_lost_at"),
        row.getString("workflow_lost_reason"));
  }

  private static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  /** PostgreSQL keeps microseconds: truncate first, so that what is written compares equal to what is read back. */
  private static Instant micros(Instant instant) {
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  private static OffsetDateTime timestamp(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
