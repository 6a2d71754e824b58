package dev.postings.sandbox.propexo;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Propexo simulator's settings: what Propexo documents is fixed behaviour, what it leaves open is here.
 *
 * @param tokens accepted Bearer tokens, one per simulated customer
 * @param jobPendingFor how long a write job stays PENDING before it settles
 * @param refusedResidentIds residents whose payments the PMS refuses (job FAILURE)
 * @param mismatchedReferencePrefix references with this prefix are recorded with another amount
 * @param noRecordIdReferencePrefix references with this prefix settle with {@code created_record_id: null}
 * @param rateLimit the per-token limit
 * @param resman ResMan's partner-transaction approval and Propexo's sync schedule
 * @param webhooks where Propexo's webhooks go
 * @param tick how often background work (settling jobs, approvals, syncs, webhooks) runs without a request to wake it
 */
@ConfigurationProperties("sandbox.propexo")
public record PropexoSandboxProperties(
    @DefaultValue("dev-propexo-token") List<String> tokens,
    @DefaultValue("2s") Duration jobPendingFor,
    @DefaultValue("res_refused") List<String> refusedResidentIds,
    @DefaultValue("MISMATCH-") String mismatchedReferencePrefix,
    @DefaultValue("NOID-") String noRecordIdReferencePrefix,
    @DefaultValue RateLimit rateLimit,
    @DefaultValue Resman resman,
    @DefaultValue Webhooks webhooks,
    @DefaultValue("250ms") Duration tick) {

  /**
   * Propexo: "typically 150 requests/minute per customer"; from 80 % each request is delayed ~2 s; at 100 % the answer
   * is 429 until the minute window resets.
   */
  public record RateLimit(
      @DefaultValue("150") int requestsPerMinute,
      @DefaultValue("0.8") double slowdownFrom,
      @DefaultValue("2s") Duration slowdownDelay) {}

  /**
   * ResMan through Propexo (docs/providers/propexo.md#approval-and-the-next-sync). A successful job only delivers the
   * payment to the PMC's Partner Transactions queue; a person approves or rejects it there, and an approved one becomes
   * a Propexo record at the next sync, which starts one interval after the previous one ended.
   *
   * @param autoApproveAfter the sandbox's stand-in PMC approves a delivered transaction this long after delivery; zero:
   *     only the operator endpoints decide
   * @param autoRejectReferencePrefix transactions whose reference starts with this are rejected instead
   * @param holdReferencePrefix transactions whose reference starts with this wait for the operator endpoints
   * @param syncInterval Propexo's sync interval (documented default 12-24 h)
   * @param syncDuration how long one sync takes; records appear when it ends
   */
  public record Resman(
      @DefaultValue("10m") Duration autoApproveAfter,
      @DefaultValue("REJECT-") String autoRejectReferencePrefix,
      @DefaultValue("HOLD-") String holdReferencePrefix,
      @DefaultValue("12h") Duration syncInterval,
      @DefaultValue("0s") Duration syncDuration) {}

  /**
   * Propexo's webhooks: {@code DATA_NEW} for each newly synced resident payment and {@code WRITE_OPERATION_FAILURE} for
   * each failed write job, signed with HMAC-SHA256 (hex) of the body in {@code propexo-signature}.
   *
   * @param url where they are POSTed; empty: none are sent
   * @param secret the signing secret
   * @param attempts delivery attempts per webhook (Propexo retries failed deliveries)
   */
  public record Webhooks(
      @DefaultValue("") String url,
      @DefaultValue("dev-propexo-webhook-secret") String secret,
      @DefaultValue("3") int attempts) {}
}
