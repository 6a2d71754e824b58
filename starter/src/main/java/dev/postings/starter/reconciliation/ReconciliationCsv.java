package dev.postings.starter.reconciliation;

import dev.postings.reconciliation.ReconciliationItem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/** A report's items as CSV (RFC 4180 lines, CRLF), one line each as the registry's cursor gives them. */
final class ReconciliationCsv {

  static final String HEADER = "outcome,postingId,recordId,expectedAmountMinor,ledgerAmountMinor,detail\r\n";

  private ReconciliationCsv() {}

  static void line(Writer out, ReconciliationItem item) {
    try {
      out.write(item.outcome().name() + "," + cell(item.postingId()) + "," + cell(item.recordId()) + ","
          + (item.expectedAmountMinor() == null ? "" : item.expectedAmountMinor()) + ","
          + (item.ledgerAmountMinor() == null ? "" : item.ledgerAmountMinor()) + "," + cell(item.detail()) + "\r\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * A cell quoted when it holds a comma, a quote or a line break; one that a spreadsheet would run as a formula (a
   * record id or detail typed into a PMS by hand may start with = + - @) is defused with a leading quote.
   */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
