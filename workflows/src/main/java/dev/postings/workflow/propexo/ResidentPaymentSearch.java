package dev.postings.workflow.propexo;

import java.time.Instant;

/** Filters for {@code GET /v1/resident-payments/}; the window is inclusive at both ends (Propexo's docs). */
public record ResidentPaymentSearch(
    String integrationId,
    String residentId,
    String leaseId,
    Instant transactionDateStart,
    Instant transactionDateEnd) {}
