package dev.postings.workflow.propexo;

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
 * unclear write. The write is never re-sent after an unclear outcome.
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

  @Override
  public String reverse(String recordId, long amountMinor, String reason) {
    String reference = "REV-" + recordId;
    Optional<String> earlier = find(reference, amountMinor);
    if (earlier.isPresent()) {
      return earlier.get();
    }
    ResidentCharge charge = new ResidentCharge(integrationId, leaseId, residentId, amountMinor,
        Instant.ofEpochMilli(Workflow.currentTimeMillis()), "Reversal of payment " + recordId + ": " + reason,
        reference, "reversal-" + postingId);
    PropexoJob job;
    try {
      job = stubs.writes.submitResidentCharge(charge);
    } catch (ActivityFailure failure) {
      if (FailureKind.of(failure) == FailureKind.REJECTED) {
        throw new AttentionNeeded("Propexo refused the offsetting charge " + reference + " for record " + recordId
            + ": " + FailureKind.describe(failure) + ". Reverse it by hand");
      }
      Optional<String> landed = find(reference, amountMinor);
      if (landed.isPresent()) {
        return landed.get();
      }
      throw new AttentionNeeded("the offsetting charge " + reference + " of " + amountMinor + " cents for record "
          + recordId + " has an unknown outcome (" + FailureKind.describe(failure) + ") and is not listed; not sent"
          + " again, to avoid reversing twice. Check resident " + residentId + "'s charges");
    }
    WriteStatus status = stubs.jobPoll.awaitWriteStatus(job);
    if (!WriteStatus.SUCCESS.equals(status.status()) || status.createdRecordId() == null) {
      Optional<String> landed = find(reference, amountMinor);
      if (landed.isPresent()) {
        return landed.get();
      }
      throw new AttentionNeeded("the offsetting charge job " + job.jobId() + " ended " + status.status() + " "
          + status.errors() + "; record " + recordId + " is not reversed");
    }
    return status.createdRecordId();
  }

  private Optional<String> find(String reference, long amountMinor) {
    List<ResidentChargeRecord> charges = stubs.reads.findResidentCharges(
        new ResidentChargeSearch(integrationId, residentId));
    return charges.stream()
        .filter(charge -> reference.equals(charge.referenceNumber()) && charge.amountInCents() != null
            && charge.amountInCents() == amountMinor)
        .map(ResidentChargeRecord::id)
        .findFirst();
  }
}
