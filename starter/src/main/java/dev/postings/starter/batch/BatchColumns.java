package dev.postings.starter.batch;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The CSV header of a batch: each column is a field of the JSON posting request, named by its JSON path
 * ({@code amount.minor}, {@code target.leaseId}), so a row means exactly what the same JSON would (docs/batches.md).
 * An empty cell is a field left out. Card and bank account numbers have no column: a batch file is a file at rest, and
 * those numbers go to the card vault through {@code POST /api/postings} only. A completion callback has none either:
 * a batch's results are read from {@code GET /api/batches/{batchId}/results}.
 */
final class BatchColumns {

  enum Kind {
    TEXT,
    INTEGER,
    BOOLEAN
  }

  /** The columns a header may name, in the documented order; a header may name any subset, in any order. */
  static final Map<String, Kind> COLUMNS = columns();

  private static final Pattern INTEGER = Pattern.compile("-?[0-9]{1,18}");

  private BatchColumns() {}

  private static Map<String, Kind> columns() {
    Map<String, Kind> columns = new LinkedHashMap<>();
    for (String text : List.of("postingId", "provider", "connectionId")) {
      columns.put(text, Kind.TEXT);
    }
    columns.put("amount.minor", Kind.INTEGER);
    for (String text : List.of("amount.currency", "transactionDate", "paymentType", "referenceNumber", "description",
        "target.integrationId", "target.leaseId", "target.residentId", "target.financialAccountId", "target.notes",
        "target.operation")) {
      columns.put(text, Kind.TEXT);
    }
    for (String integer : List.of("target.rentItemId", "target.tenancyId", "target.bankAccountId",
        "target.receivedFromContactId", "target.landlordId", "target.chargeId")) {
      columns.put(integer, Kind.INTEGER);
    }
    columns.put("target.payAdvancedRentToLandlord", Kind.BOOLEAN);
    columns.put("target.payAdvanceRentToLandlordNow", Kind.BOOLEAN);
    columns.put("target.facilityId", Kind.TEXT);
    columns.put("target.ledgerId", Kind.TEXT);
    columns.put("target.paymentKind", Kind.TEXT);
    columns.put("target.months", Kind.INTEGER);
    for (String text : List.of("kind", "paymentMethodId", "firstName", "lastName", "checkNumber", "nameOnCheck",
        "billingAddress.address1", "billingAddress.address2", "billingAddress.city", "billingAddress.state",
        "billingAddress.postal", "billingAddress.country")) {
      columns.put("target.paymentMethod." + text, Kind.TEXT);
    }
    return Map.copyOf(columns);
  }

  /**
   * The JSON request a row stands for. A cell of an integer or boolean column that is not one stays text, so the
   * contract names the field and says what it must be.
   */
  static ObjectNode request(List<String> header, List<String> cells) {
    ObjectNode request = JsonNodeFactory.instance.objectNode();
    for (int i = 0; i < header.size() && i < cells.size(); i++) {
      String cell = cells.get(i);
      if (cell == null || cell.isEmpty()) {
        continue;
      }
      String[] path = header.get(i).split("\\.");
      ObjectNode parent = request;
      for (int depth = 0; depth < path.length - 1; depth++) {
        parent = parent.has(path[depth]) && parent.get(path[depth]).isObject() ? (ObjectNode) parent.get(path[depth])
            : parent.putObject(path[depth]);
      }
      String field = path[path.length - 1];
      switch (COLUMNS.get(header.get(i))) {
        case INTEGER -> {
          if (INTEGER.matcher(cell).matches()) {
            parent.put(field, Long.parseLong(cell));
          } else {
            parent.put(field, cell);
          }
        }
        case BOOLEAN -> {
          if (cell.equals("true") || cell.equals("false")) {
            parent.put(field, Boolean.parseBoolean(cell));
          } else {
            parent.put(field, cell);
          }
        }
        case TEXT -> parent.put(field, cell);
      }
    }
    return request;
  }
}
