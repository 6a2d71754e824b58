package dev.postings.workflow;

import java.util.List;

/**
 * Propexo says a write job failed ({@code WRITE_OPERATION_FAILURE} webhook, verified by the starter).
 *
 * @param rootJobId the job
 * @param writeStatus Propexo's word for the outcome (FAILURE)
 * @param errors the PMS's errors, verbatim
 */
public record JobFailureNotice(String rootJobId, String writeStatus, List<String> errors) {

  /** The one write_status that says the job completely failed. */
  public static final String FAILURE = "FAILURE";
}
