package dev.postings.workflow.propexo;

import dev.postings.workflow.PropexoPolicy;

import io.temporal.workflow.Workflow;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.JobResult;
import dev.postings.workflow.Verification;
import java.util.ArrayList;
import java.util.List;

/** What the Propexo paths share: reading a job's outcome, matching search results, and the read-back comparison. */
final class PropexoReads {

  private PropexoReads() {}

  /** Change id of the first look at a job in its write's activity (docs/decisions/0027-first-look-at-the-job.md). */
  static final String FIRST_LOOK = "propexo-first-look";

  /**
   * Whether this write takes the first look. Asked only when the policy has one, so postings without it record no
   * marker; the version keeps postings started before the change on the poll they replay.
   */
  static boolean looksFirst(PropexoPolicy policy) {
    return policy.looksFirst()
        && Workflow.getVersion(FIRST_LOOK, Workflow.DEFAULT_VERSION, 1) == 1;
  }

  static JobResult jobResult(WriteStatus status) {
    boolean succeeded = WriteStatus.SUCCESS.equals(status.status())
        || WriteStatus.PARTIAL_SUCCESS.equals(status.status());
    return new JobResult(succeeded, status.status(),
        status.errors() == null ? List.of() : status.errors(), status.createdRecordId());
  }

  /** Exactly one match is this posting's record; none or several are evidence for an operator. */
  static Discovery discovery(List<String> matching, String looked) {
    if (matching.size() == 1) {
      return Discovery.found(matching.get(0), looked + ": found record " + matching.get(0));
    }
    if (matching.isEmpty()) {
      return Discovery.notFound(looked + ": none matched");
    }
    return Discovery.notFound(looked + ": " + matching.size() + " matched " + matching + " (possible duplicate)");
  }

  /** The read-back compared with the request: amount, reference and resident. */
  static Verification verify(ResidentPaymentLookup lookup, PostingRequest request, String residentId,
      String recordId) {
    if (!lookup.found()) {
      return new Verification(false, "Propexo has no resident payment " + recordId
          + " (a job's created_record_id can name a record of another model)");
    }
    ResidentPayment payment = lookup.payment();
    List<String> differences = new ArrayList<>();
    if (payment.amountInCents() == null || payment.amountInCents() != request.amount().minor()) {
      differences.add("amount_in_cents " + payment.amountInCents() + " != " + request.amount().minor());
    }
    if (!request.referenceNumber().equals(payment.referenceNumber())) {
      differences.add("reference_number " + payment.referenceNumber() + " != " + request.referenceNumber());
    }
    if (payment.residentId() != null && !residentId.equals(payment.residentId())) {
      differences.add("resident_id " + payment.residentId() + " != " + residentId);
    }
    if (differences.isEmpty()) {
      return new Verification(true, "record " + recordId + " matches amount and reference");
    }
    // Our reference on our resident, only the amount differs: the PMS kept this posting's payment wrongly
    boolean oursButWrong = differences.size() == 1 && payment.amountInCents() != null
        && request.referenceNumber().equals(payment.referenceNumber());
    return new Verification(false, String.join("; ", differences), oursButWrong ? payment.amountInCents() : null);
  }
}
