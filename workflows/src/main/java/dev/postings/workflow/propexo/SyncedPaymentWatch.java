package dev.postings.workflow.propexo;

/**
 * What the synced-record watch looks for: the narrowest list query Propexo offers (integration, resident,
 * transaction-date window; every page), and the match applied to each record.
 */
public record SyncedPaymentWatch(ResidentPaymentSearch search, ResidentPaymentMatch match) {}
