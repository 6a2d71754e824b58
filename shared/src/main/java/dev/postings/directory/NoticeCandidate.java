package dev.postings.directory;

/**
 * An open posting in a given state, with what its memo says: enough to tell which postings a webhook may concern
 * without asking each one. A field the memo lacks (postings started before it was kept) is null: such a posting may
 * be concerned.
 *
 * @param runId the run the listing saw
 * @param integrationId the Propexo integration of a Propertyware or ResMan posting
 */
public record NoticeCandidate(String workflowId, String runId, String referenceNumber, Long amountMinor,
    String integrationId) {}
