package dev.postings.starter.api;

import dev.postings.directory.PostingQuery;
import dev.postings.model.FieldError;
import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.convert.DurationStyle;

/**
 * The query parameters of {@code GET /api/postings}, checked and bounded before anything asks Temporal: each bad one is
 * a 400 naming it, never a 500 (a huge {@code olderThan} overflowed the clock, a forged {@code cursor} a list index).
 *
 * @param errors every parameter at fault; when not empty, {@code query} is null
 */
record PostingListRequest(PostingQuery query, List<FieldError> errors) {

  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;
  /** Longer than any provider's reference (the request allows postings.policy.limits.max-reference-length). */
  static final int MAX_REFERENCE_LENGTH = 100;
  /** Older than any posting can be (the embedded server's window is 400 days): a bound, so the clock cannot overflow. */
  static final Duration MAX_OLDER_THAN = Duration.ofDays(3660);
  /** Our cursors are short base64url; a page token of a Temporal cluster is some hundred bytes. */
  static final int MAX_CURSOR_LENGTH = 2048;
  private static final Pattern CURSOR = Pattern.compile("[A-Za-z0-9_-]+");
  /** Parameters that take one value; {@code state} and {@code provider} repeat. */
  static final List<String> SINGLE_VALUED = List.of("olderThan", "reference", "limit", "cursor", "connection",
      "amount", "transactionDateFrom", "transactionDateTo");
  /** A connection id is a slug (ConnectionStore's rule). */
  private static final Pattern CONNECTION = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");
  /** The request's own bound on an amount (postings.policy.limits.max-amount-minor is lower). */
  private static final long MAX_AMOUNT_MINOR = 100_000_000_000L;

  /**
   * @param parameters every query parameter as sent (a name may repeat)
   * @param owner only this service's postings (a service's key), or null for all (an operator's)
   */
  static PostingListRequest of(Map<String, String[]> parameters, String owner) {
    List<FieldError> errors = new ArrayList<>();
    atMostOnce(parameters, SINGLE_VALUED, errors);
    Set<PostingState> states = EnumSet.noneOf(PostingState.class);
    for (String state : split(parameters.get("state"))) {
      try {
        states.add(PostingState.valueOf(state));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("state", "must be one of " + Arrays.toString(PostingState.values())));
      }
    }
    Set<Provider> providers = EnumSet.noneOf(Provider.class);
    for (String provider : split(parameters.get("provider"))) {
      try {
        providers.add(Provider.valueOf(provider));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("provider", "must be one of " + Arrays.toString(Provider.values())));
      }
    }
    Duration olderThan = olderThan(first(parameters, "olderThan"), errors);
    String reference = first(parameters, "reference");
    if (reference != null && (reference.isEmpty() || reference.length() > MAX_REFERENCE_LENGTH)) {
      errors.add(new FieldError("reference", "must be 1-" + MAX_REFERENCE_LENGTH + " characters"));
    }
    int limit = limit(first(parameters, "limit"), errors);
    String cursor = cursor(parameters, errors);
    String connection = first(parameters, "connection");
    if (connection != null && !CONNECTION.matcher(connection).matches()) {
      errors.add(new FieldError("connection", "must be a connection id: 2-63 of a-z, 0-9 and '-'"));
    }
    Long amount = amount(first(parameters, "amount"), errors);
    LocalDate from = date("transactionDateFrom", first(parameters, "transactionDateFrom"), errors);
    LocalDate to = date("transactionDateTo", first(parameters, "transactionDateTo"), errors);
    if (from != null && to != null && from.isAfter(to)) {
      errors.add(new FieldError("transactionDateFrom", "must not be after transactionDateTo"));
    }
    if (!errors.isEmpty()) {
      return new PostingListRequest(null, errors.stream().distinct().toList());
    }
    return new PostingListRequest(new PostingQuery(states, providers, olderThan, reference, limit, cursor, owner,
        new PostingQuery.Narrowing(connection, amount, from, to)), List.of());
  }

  /** {@code amount}: an exact amount in minor units (cents, pence), as postings carry it. */
  private static Long amount(String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    if (!value.matches("[0-9]{1,12}") || Long.parseLong(value) < 1 || Long.parseLong(value) > MAX_AMOUNT_MINOR) {
      errors.add(new FieldError("amount", "must be an amount in minor units, 1 to " + MAX_AMOUNT_MINOR));
      return null;
    }
    return Long.parseLong(value);
  }

  /** A day as {@code YYYY-MM-DD}, from the year 2000 to 2100 (the request's own window is narrower). */
  private static LocalDate date(String name, String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    try {
      LocalDate day = value.length() == 10 ? LocalDate.parse(value) : null;
      if (day != null && day.getYear() >= 2000 && day.getYear() <= 2100) {
        return day;
      }
    } catch (java.time.format.DateTimeParseException notADay) {
      // answered below
    }
    errors.add(new FieldError(name, "must be a day, YYYY-MM-DD, from 2000 to 2100"));
    return null;
  }

  /** The {@code cursor} parameter (null when absent or blank), or an error naming it. */
  static String cursor(Map<String, String[]> parameters, List<FieldError> errors) {
    String cursor = first(parameters, "cursor");
    if (cursor != null && !cursor.isBlank()
        && (cursor.length() > MAX_CURSOR_LENGTH || !CURSOR.matcher(cursor).matches())) {
      errors.add(new FieldError("cursor", "must be the nextCursor of a previous page"));
    }
    return cursor == null || cursor.isBlank() ? null : cursor;
  }

  /** An error per parameter of {@code names} that was sent more than once. */
  static void atMostOnce(Map<String, String[]> parameters, List<String> names, List<FieldError> errors) {
    for (String name : names) {
      String[] values = parameters.get(name);
      if (values != null && values.length > 1) {
        errors.add(new FieldError(name, "must be given at most once"));
      }
    }
  }

  private static Duration olderThan(String value, List<FieldError> errors) {
    if (value == null) {
      return null;
    }
    Duration age;
    try {
      age = DurationStyle.detectAndParse(value.trim());
    } catch (RuntimeException malformed) {
      // not only IllegalArgumentException: "9999999999999999d" overflows (ArithmeticException)
      errors.add(new FieldError("olderThan", "must be a duration such as PT1H, 90m, 2h or 3d"));
      return null;
    }
    if (age.isNegative() || age.compareTo(MAX_OLDER_THAN) > 0) {
      errors.add(new FieldError("olderThan", "must be from 0 to " + MAX_OLDER_THAN.toDays() + "d"));
      return null;
    }
    return age;
  }

  static int limit(String value, List<FieldError> errors) {
    if (value == null) {
      return DEFAULT_LIMIT;
    }
    int limit;
    try {
      limit = Integer.parseInt(value.trim());
    } catch (NumberFormatException notANumber) {
      limit = -1;
    }
    if (limit < 1 || limit > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    }
    return limit;
  }

  static String first(Map<String, String[]> parameters, String name) {
    String[] values = parameters.get(name);
    return values == null || values.length == 0 ? null : values[0];
  }

  /** {@code state=A&state=B} and {@code state=A,B} alike. */
  static List<String> split(String[] values) {
    List<String> all = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            all.add(part.trim().toUpperCase(Locale.ROOT));
          }
        }
      }
    }
    return all;
  }
}
