package dev.postings.workflow;

import java.util.List;

/**
 * How an asynchronous provider job ended.
 *
 * @param succeeded the job wrote what it was asked to (fully or partly: the read-back decides)
 * @param status the provider's own word for it (Propexo: SUCCESS, PARTIAL_SUCCESS, FAILURE)
 * @param errors the provider's errors, verbatim (Propexo passes the PMS's strings through)
 * @param createdRecordId the id the provider reports for the new record, which may be null or of another model
 */
public record JobResult(boolean succeeded, String status, List<String> errors, String createdRecordId) {}
