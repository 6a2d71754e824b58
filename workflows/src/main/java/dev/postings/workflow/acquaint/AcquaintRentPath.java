package dev.postings.workflow.acquaint;

import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.PostingRequest;
import dev.postings.workflow.AcquaintPolicy;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.Submission;
import dev.postings.workflow.Verification;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Tenant payment against a rent-due item (docs/providers/acquaint.md#tenant-payments). {@code tenantpayments} answers
 * only {@code true}, so the record is the item itself: the item is read just before the write (what it had received),
 * and the posting is confirmed when the item then shows this payment's amount on top of that, under this payment's
 * reference.
 */
final class AcquaintRentPath extends AcquaintPath {

  private final AcquaintRentTarget target;
  /** Pence the item had received before this posting's write, from the read just before it; null when unknown. */
  private Long receivedBefore;

  AcquaintRentPath(PostingRequest request, AcquaintRentTarget target, AcquaintPolicy policy) {
    super(request, policy);
    this.target = target;
  }

  @Override
  public Submission submit() {
    // Every earlier attempt provably did not land, so this read is the baseline the confirmation compares with.
    RentItemLookup before = reads.readRentItem(new RentItemRef(target.tenancyId(), target.rentItemId()));
    receivedBefore = before.found() ? before.item().receivedMinor() : null;
    RentPaymentAccepted accepted = writes.payRentItem(new RentPayment(
        target.rentItemId(),
        target.bankAccountId(),
        paymentMethodId(),
        Boolean.TRUE.equals(target.payAdvancedRentToLandlord()),
        request.transactionDate(),
        request.amount().minor(),
        target.landlordId(),
        request.referenceNumber(),
        target.receivedFromContactId()));
    return new Submission(null, String.valueOf(accepted.rentItemId()));
  }

  @Override
  public Discovery lookUpAfterUnclearSubmit() {
    settle();
    RentItemLookup lookup = reads.readRentItem(new RentItemRef(target.tenancyId(), target.rentItemId()));
    String looked = "read back rent item " + target.rentItemId() + " of tenancy " + target.tenancyId();
    if (!lookup.found()) {
      return Discovery.notFound(looked + ": not listed");
    }
    List<String> differences = differences(lookup.item());
    if (differences.isEmpty()) {
      return Discovery.found(String.valueOf(target.rentItemId()), looked + ": " + describe(lookup.item()));
    }
    String notOnIt = looked + ": the payment is not on it (" + String.join("; ", differences) + ")";
    // Acquaint applies a payment within its request, and the look comes after the settle time: an item that received
    // nothing since the baseline read just before the write proves that the write did not land, and cannot later. Any
    // other change (someone else's payment, another amount) proves nothing: an operator looks.
    Long received = lookup.item().receivedMinor();
    if (receivedBefore != null && received != null && received.longValue() == receivedBefore.longValue()) {
      return Discovery.provablyAbsent(notOnIt + "; it received nothing since the read just before the write");
    }
    return Discovery.notFound(notOnIt);
  }

  @Override
  public Verification confirm(String recordId) {
    Long id = idOf(recordId);
    if (id == null) {
      return new Verification(false, "'" + recordId + "' is not an Acquaint rent item id");
    }
    RentItemLookup lookup = reads.readRentItem(new RentItemRef(target.tenancyId(), id));
    if (!lookup.found()) {
      return new Verification(false, "Acquaint lists no rent item " + id + " for tenancy " + target.tenancyId());
    }
    List<String> differences = differences(lookup.item());
    return differences.isEmpty()
        ? new Verification(true, "rent item " + id + " " + describe(lookup.item()))
        : new Verification(false, String.join("; ", differences));
  }

  /** What keeps the item from proving this payment: its reference, and what it received since the write. */
  private List<String> differences(RentItem item) {
    List<String> differences = new ArrayList<>();
    if (!Objects.equals(request.referenceNumber(), item.referenceChequeNo())) {
      differences.add("ReferenceChequeNo " + item.referenceChequeNo() + " != " + request.referenceNumber());
    }
    long amount = request.amount().minor();
    if (item.receivedMinor() == null) {
      differences.add("Received is missing");
    } else if (receivedBefore != null && item.id() == target.rentItemId()) {
      if (item.receivedMinor() - receivedBefore != amount) {
        differences.add("Received went from " + pounds(receivedBefore) + " to " + pounds(item.receivedMinor())
            + ", not by " + pounds(amount));
      }
    } else if (item.receivedMinor() < amount) {
      // No baseline (another item, named by an operator): the item must at least hold this payment.
      differences.add("Received " + pounds(item.receivedMinor()) + " < " + pounds(amount));
    }
    return differences;
  }

  private static String describe(RentItem item) {
    return "shows Received " + pounds(item.receivedMinor()) + " of Due " + pounds(item.dueMinor())
        + " with reference " + item.referenceChequeNo();
  }
}
