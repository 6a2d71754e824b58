package dev.postings.cli;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Currency;

/** Times and amounts as an operator reads them: absolute in UTC, relative to now, money in major units. */
final class Moments {

  private static final DateTimeFormatter ABSOLUTE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

  private final Clock clock;

  Moments(Clock clock) {
    this.clock = clock;
  }

  /** "2026-11-21 03:55:01Z (12m ago)"; the text as given when it is not an instant. */
  String absoluteAndRelative(String isoInstant) {
    Instant at = parse(isoInstant);
    return at == null ? nullToEmpty(isoInstant) : ABSOLUTE.format(at) + " (" + ago(at) + ")";
  }

  String absolute(String isoInstant) {
    Instant at = parse(isoInstant);
    return at == null ? nullToEmpty(isoInstant) : ABSOLUTE.format(at);
  }

  /** "12m ago", "3h 5m ago", "2d 4h ago"; "in 5s" for a time ahead of this clock. */
  String ago(String isoInstant) {
    Instant at = parse(isoInstant);
    return at == null ? nullToEmpty(isoInstant) : ago(at);
  }

  String ago(Instant at) {
    Duration age = Duration.between(at, clock.instant());
    return age.isNegative() ? "in " + span(age.negated()) : span(age) + " ago";
  }

  /** A duration in the two largest units: "45s", "12m 3s", "3h 5m", "2d 4h". */
  static String span(Duration duration) {
    long seconds = Math.max(0, duration.getSeconds());
    long days = seconds / 86_400;
    long hours = seconds % 86_400 / 3_600;
    long minutes = seconds % 3_600 / 60;
    long rest = seconds % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m " + rest + "s";
    }
    return rest + "s";
  }

  /** Minor units shown in the currency's major unit: 125000 USD is "1250.00 USD". */
  static String money(long minor, String currency) {
    int digits = 2;
    try {
      digits = Math.max(0, Currency.getInstance(currency).getDefaultFractionDigits());
    } catch (IllegalArgumentException | NullPointerException unknownCurrency) {
      // an unknown code still shows the amount, with two decimals
    }
    return BigDecimal.valueOf(minor, digits).toPlainString() + " " + (currency == null ? "" : currency);
  }

  private static Instant parse(String isoInstant) {
    if (isoInstant == null || isoInstant.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(isoInstant);
    } catch (DateTimeParseException notAnInstant) {
      return null;
    }
  }

  private static String nullToEmpty(String text) {
    return text == null ? "" : text;
  }
}
