package dev.postings.workflow;

/**
 * Propexo says new records were synced ({@code DATA_NEW} webhook, verified by the starter).
 *
 * @param integrationId the integration whose records were synced
 * @param recordId the new record, as the webhook names it
 */
public record SyncNotice(String integrationId, String recordId) {}
