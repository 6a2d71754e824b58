package dev.postings.workflow;

/**
 * What a write returned.
 *
 * @param jobId the provider's job id when the write is asynchronous (Propexo), else null
 * @param recordId the record id when the provider returns one at once, else null
 */
public record Submission(String jobId, String recordId) {}
