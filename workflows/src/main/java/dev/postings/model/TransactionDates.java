package dev.postings.model;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Transaction dates as Propexo writes and reads them: an ISO-8601 date-time with offset, or a plain {@code YYYY-MM-DD}
 * (docs/providers/propexo.md#create-resident-payment-propertyware-rest), which we take as midnight UTC.
 */
public final class TransactionDates {

  private TransactionDates() {}

  public static Optional<Instant> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException notDateTime) {
      if (text.length() != 10) {
        return Optional.empty();
      }
      try {
        return Optional.of(LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant());
      } catch (DateTimeParseException notDate) {
        return Optional.empty();
      }
    }
  }
}
