package dev.postings.workflow.propexo;

import java.util.List;

/**
 * {@code GET /v1/admin/write-status/{id}} once the job has left PENDING.
 *
 * @param status SUCCESS, PARTIAL_SUCCESS or FAILURE
 * @param errors the PMS's error strings, verbatim (often stringified JSON, possibly incomplete)
 * @param createdRecordId a Propexo id, null when the job failed or the PMS returns none; may name another model
 */
public record WriteStatus(String status, List<String> errors, String createdRecordId) {

  public static final String SUCCESS = "SUCCESS";
  public static final String PARTIAL_SUCCESS = "PARTIAL_SUCCESS";
  public static final String FAILURE = "FAILURE";
  public static final String PENDING = "PENDING";
}
