package dev.postings.reconciliation;

import java.util.Map;

/**
 * What one reconciliation found, as kept in the registry (the items themselves are read from there).
 *
 * @param reconciliationId the registry's id of the report
 * @param counts how many items of each outcome
 * @param providerCalls the ledger reads it took
 * @param needsOperator whether a MISSING, CHANGED or UNEXPECTED item opened an operator task
 */
public record ReconciliationSummary(long reconciliationId, String connectionId, String day,
    Map<ReconciliationOutcome, Long> counts, int providerCalls, boolean needsOperator) {}
