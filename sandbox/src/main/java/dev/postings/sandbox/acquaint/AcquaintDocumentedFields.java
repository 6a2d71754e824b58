package dev.postings.sandbox.acquaint;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields Acquaint's documents name for what payment posting reads back, and nothing else: with
 * {@code sandbox.acquaint.documented-fields-only} the sandbox answers these alone, so that a test can prove a posting
 * does not depend on a field only our sandbox returns.
 *
 * <ul>
 *   <li>{@code GET 17.0/database/transactions/{id}}: Acquaint's help page lists {@code Debit, Credit, PaymentMethodID,
 *       Notes, StatementNotes, BankAccountID, TenancyID, Status} (and more, unnamed). Not the id (it is in the path),
 *       not the charge, not the payment's reference.</li>
 *   <li>{@code POST 17.0/app/tenancy/retrievesrentstopay}: each rent-due item lists {@code Id, Due, Received,
 *       ReferenceChequeNo} (and more, unnamed).</li>
 * </ul>
 */
final class AcquaintDocumentedFields {

  static final Set<String> TRANSACTION = Set.of("Debit", "Credit", "PaymentMethodID", "Notes", "StatementNotes",
      "BankAccountID", "TenancyID", "Status");
  static final Set<String> RENT_ITEM = Set.of("Id", "Due", "Received", "ReferenceChequeNo");

  private AcquaintDocumentedFields() {}

  /** {@code row} with only the {@code documented} fields, in their order. */
  static Map<String, Object> only(Set<String> documented, Map<String, Object> row) {
    Map<String, Object> kept = new LinkedHashMap<>();
    row.forEach((name, value) -> {
      if (documented.contains(name)) {
        kept.put(name, value);
      }
    });
    return kept;
  }

  static List<Map<String, Object>> only(Set<String> documented, List<Map<String, Object>> rows) {
    return rows.stream().map(row -> only(documented, row)).toList();
  }
}
