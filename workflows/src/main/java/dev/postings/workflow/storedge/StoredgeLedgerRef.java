package dev.postings.workflow.storedge;

/** A storEDGE ledger: {@code /v1/{facilityId}/ledgers/{ledgerId}}. */
public record StoredgeLedgerRef(String facilityId, String ledgerId) {}
