package dev.postings.workflow.propexo;

import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.AttentionNeeded;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.Reversal;
import io.temporal.failure.ActivityFailure;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Propexo's reversal: an offsetting resident charge ({@code POST /v1/resident-charges/}) of the landed amount, which
 * puts the resident's balance back where it was (credits are negative charges, openapi excerpt). Its reference {@code
 * REV-<record id>} finds it again: before writing (a re-driven or replayed reversal finds the one it made) and after an
 * unclear write. Propexo has no idempotency key, so this class never sends a charge twice by itself: after an unclear
 * outcome only a search can tell, and Propexo's lists come from its cache, filled by syncs hours apart. The reversal
 * workflow therefore searches again only after its settle time before it may send again.
 */
final class OffsettingCharge implements Reversal {

  private final PropexoStubs stubs;
  private final String postingId;
  private final String integrationId;
  private final String leaseId;
  private final String residentId;

  OffsettingCharge(PropexoStubs stubs, String postingId, String integrationId, String leaseId, String residentId) {
    this.stubs = stubs;
    this.postingId = postingId;
    this.integrationId = integrationId;
    this.leaseId = leaseId;
    this.residentId = residentId;
  }

  @Override
  public String describe() {
    return "an offsetting resident charge through Propexo (POST /v1/resident-charges/) on resident " + residentId;
  }

  /** The posting's compensation: one charge, looked up at once after an unclear outcome (a history of its own). */
  @Override
  public String reverse(String recordId, long amountMinor, String reason) {
    Optional<String> earlier = findOffset(recordId, amountMinor);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    PropexoJob job;
    try {
      job = submit(recordId, amountMinor, reason);
    } catch (ActivityFailure failure) {
      if (FailureKind.of(failure) == FailureKind.REJECTED) {
        throw new AttentionNeeded(AttentionCode.COMPENSATION_FAILED, refused(recordId, failure));
      }
      return findOffset(recordId, amountMinor).orElseThrow(() -> new AttentionNeeded(AttentionCode.COMPENSATION_FAILED,
          unclear(recordId, amountMinor, failure) + " and is not listed; not sent again, to avoid reversing twice. Check resident " + residentId
          + "'s charges"));
    }
    // a poll that runs out of time fails this call, as it always did
    WriteStatus status = stubs.jobPoll.awaitWriteStatus(job);
    if (WriteStatus.SUCCESS.equals(status.status()) && status.createdRecordId() != null) {
      return status.createdRecordId();
    }
    return findOffset(recordId, amountMinor).orElseThrow(() -> new AttentionNeeded(AttentionCode.COMPENSATION_FAILED, "the offsetting charge job "
        + job.jobId() + " ended " + status.status() + " " + status.errors() + "; record " + recordId
        + " is not reversed"));
  }

  @Override
  public Optional<String> findOffset(String recordId, long amountMinor) {
    String reference = referenceOf(recordId);
    List<ResidentChargeRecord> charges = stubs.reads.findResidentCharges(
        new ResidentChargeSearch(integrationId, residentId));
    return charges.stream()
        .filter(charge -> reference.equals(charge.referenceNumber()) && charge.amountInCents() != null
            && charge.amountInCents() == amountMinor)
        .map(ResidentChargeRecord::id)
        .findFirst();
  }

  @Override
  public Attempt send(String recordId, long amountMinor, String reason) {
    PropexoJob job;
    try {
      job = submit(recordId, amountMinor, reason);
    } catch (ActivityFailure failure) {
      return FailureKind.of(failure) == FailureKind.REJECTED ? new Attempt.Refused(refused(recordId, failure))
          : new Attempt.Unclear(unclear(recordId, amountMinor, failure));
    }
    WriteStatus status;
    try {
      status = stubs.jobPoll.awaitWriteStatus(job);
    } catch (ActivityFailure failure) {
      return new Attempt.Unclear("the offsetting charge job " + job.jobId() + " has no outcome by its deadline ("
          + FailureKind.describe(failure) + ")");
    }
    String ended = "the offsetting charge job " + job.jobId() + " ended " + status.status()
        + (status.errors() == null || status.errors().isEmpty() ? "" : " " + status.errors());
    if (WriteStatus.SUCCESS.equals(status.status())) {
      return status.createdRecordId() != null ? new Attempt.Landed(status.createdRecordId(), ended + " as "
          + status.createdRecordId()) : new Attempt.LandedUnnamed(ended + " without naming the charge");
    }
    // FAILURE: "the write operation completely failed" (Propexo's write-status): nothing was offset
    return WriteStatus.FAILURE.equals(status.status()) ? new Attempt.Refused(ended) : new Attempt.Unclear(ended);
  }

  private PropexoJob submit(String recordId, long amountMinor, String reason) {
    ResidentCharge charge = new ResidentCharge(integrationId, leaseId, residentId, amountMinor,
        Instant.ofEpochMilli(Workflow.currentTimeMillis()), "Reversal of payment " + recordId + ": " + reason,
        referenceOf(recordId), "reversal-" + postingId);
    return stubs.writes.submitResidentCharge(charge);
  }

  private String refused(String recordId, ActivityFailure failure) {
    return "Propexo refused the offsetting charge " + referenceOf(recordId) + " for record " + recordId + ": "
        + FailureKind.describe(failure) + ". Reverse it by hand";
  }

  private static String unclear(String recordId, long amountMinor, ActivityFailure failure) {
    return "the offsetting charge " + referenceOf(recordId) + " of " + amountMinor + " cents for record " + recordId
        + " has an unknown outcome (" + FailureKind.describe(failure) + ")";
  }

  private static String referenceOf(String recordId) {
    return "REV-" + recordId;
  }
}
