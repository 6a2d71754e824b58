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
 */
@ConfigurationProperties("sandbox.propexo")
public record PropexoSandboxProperties(
    @DefaultValue("dev-propexo-token") List<String> tokens,
    @DefaultValue("2s") Duration jobPendingFor,
    @DefaultValue("res_refused") List<String> refusedResidentIds,
    @DefaultValue("MISMATCH-") String mismatchedReferencePrefix,
    @DefaultValue("NOID-") String noRecordIdReferencePrefix,
    @DefaultValue RateLimit rateLimit) {

  /**
   * Propexo: "typically 150 requests/minute per customer"; from 80 % each request is delayed ~2 s; at 100 % the answer
   * is 429 until the minute window resets.
   */
  public record RateLimit(
      @DefaultValue("150") int requestsPerMinute,
      @DefaultValue("0.8") double slowdownFrom,
      @DefaultValue("2s") Duration slowdownDelay) {}
}
