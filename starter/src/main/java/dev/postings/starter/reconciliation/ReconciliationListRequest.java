package dev.postings.starter.reconciliation;

import dev.postings.model.FieldError;
import dev.postings.reconciliation.ReconciliationReports.Filter;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The query of {@code GET /api/reconciliations}, read with each error naming its query parameter ({@code connection},
 * {@code day}, {@code open}, {@code limit}). A parameter given without a value is left out.
 */
record ReconciliationListRequest(Filter filter, List<FieldError> errors) {

  static final int MAX_LIMIT = 200;
  static final int DEFAULT_LIMIT = 50;
  /** The connection ids the connections API accepts (its contract's pattern). */
  private static final Pattern CONNECTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  static ReconciliationListRequest of(String connection, String day, String open, String limit) {
    List<FieldError> errors = new ArrayList<>();
    String connectionId = blank(connection) ? null : connection.trim();
    if (connectionId != null && !CONNECTION_ID.matcher(connectionId).matches()) {
      errors.add(new FieldError("connection", "must be a connection id: 2-63 lower-case letters, digits or '-'"));
    }
    LocalDate date = null;
    if (!blank(day)) {
      try {
        date = LocalDate.parse(day.trim());
      } catch (DateTimeParseException notADate) {
        errors.add(new FieldError("day", "must be a date, yyyy-mm-dd"));
      }
    }
    boolean openOnly = false;
    if (!blank(open)) {
      if (open.trim().equalsIgnoreCase("true")) {
        openOnly = true;
      } else if (!open.trim().equalsIgnoreCase("false")) {
        errors.add(new FieldError("open", "must be true or false"));
      }
    }
    int size = DEFAULT_LIMIT;
    if (!blank(limit)) {
      try {
        size = limit.trim().length() > 4 ? -1 : Integer.parseInt(limit.trim());
      } catch (NumberFormatException notANumber) {
        size = -1;
      }
      if (size < 1 || size > MAX_LIMIT) {
        errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
      }
    }
    return new ReconciliationListRequest(new Filter(connectionId, date, openOnly, size), errors);
  }

  private static boolean blank(String value) {
    return value == null || value.isBlank();
  }
}
