package dev.postings.webhook;

import java.time.Instant;
import java.util.List;

/**
 * One verified Propexo webhook, as the starter hands it to its notice workflow (the fields the work needs, nothing
 * else of the body).
 *
 * @param digest the SHA-256 of the webhook's body, hex: its identity (the same body twice is the same notice)
 * @param kind which webhook
 * @param integrationId the integration it concerns
 * @param recordId {@code DATA_NEW}: the new resident payment's id
 * @param rootJobId {@code WRITE_OPERATION_FAILURE}: the failed job
 * @param writeStatus {@code WRITE_OPERATION_FAILURE}: Propexo's word for the outcome (FAILURE)
 * @param errors {@code WRITE_OPERATION_FAILURE}: the PMS's errors, verbatim
 * @param receivedAt when the starter received it (the notice is remembered until this plus the policy's
 *     {@code remember})
 */
public record PropexoNotice(String digest, Kind kind, String integrationId, String recordId, String rootJobId,
    String writeStatus, List<String> errors, Instant receivedAt) {

  /** The webhooks the postings act on. */
  public enum Kind { DATA_NEW, WRITE_OPERATION_FAILURE }

  /** Workflow ids of notices: {@code propexo-webhook-<digest>}, so a body already seen cannot start a second one. */
  public static final String WORKFLOW_ID_PREFIX = "propexo-webhook-";

  public String workflowId() {
    return WORKFLOW_ID_PREFIX + digest;
  }
}
