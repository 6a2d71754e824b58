package dev.postings.workflow.acquaint;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.PostingRequest;
import dev.postings.workflow.AcquaintPolicy;
import dev.postings.workflow.Discovery;
import dev.postings.workflow.Submission;
import dev.postings.workflow.Verification;
import io.temporal.workflow.Workflow;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Charge payment (docs/providers/acquaint.md#receive-payment-for-charge): Acquaint answers with the new transaction's
 * id, and an overpayment transaction's when the amount was above the outstanding balance. The posting is confirmed when
 * the transaction (with its overpayment) reads back with this payment's amount, and with its charge, reference, method
 * and bank account where Acquaint gives them (only the amount, method and bank account are among the fields Acquaint
 * documents).
 */
final class AcquaintChargePath extends AcquaintPath {

  private final AcquaintChargeTarget target;
  /** The overpayment transaction of this posting's payment, when Acquaint made one. */
  private Long overpaymentTransactionId;
  /** The transaction read back in the write's own activity (null: not read there, CONFIRM reads it). */
  private TransactionLookup readWithPayment;

  AcquaintChargePath(PostingRequest request, AcquaintChargeTarget target, AcquaintPolicy policy) {
    super(request, policy);
    this.target = target;
  }

  @Override
  public Submission submit() {
    ChargePayment payment = new ChargePayment(
        target.chargeId(),
        request.transactionDate(),
        paymentMethodId(),
        request.amount().minor(),
        request.referenceNumber(),
        target.receivedFromContactId(),
        request.description(),
        target.bankAccountId(),
        Boolean.TRUE.equals(target.payAdvanceRentToLandlordNow()));
    ChargePaymentReceipt receipt;
    readWithPayment = null;
    // The write and the read-back of its transaction run in one activity (the same two calls; one activity and one
    // workflow task, six history events, fewer per posting). Same single attempt and same failures as a write alone:
    // a write that did not clearly land is looked up, never re-sent by Temporal.
    ChargePaymentReadBack answer = writes.payChargeAndReadBack(payment);
    receipt = answer.receipt();
    readWithPayment = answer.transaction();
    overpaymentTransactionId = receipt.overpaymentTransactionId();
    return new Submission(null, String.valueOf(receipt.transactionId()));
  }

  @Override
  public Discovery lookUpAfterUnclearSubmit() {
    settle();
    List<AcquaintTransaction> transactions = reads.findChargeTransactions(new ChargeTransactionSearch(target.chargeId()));
    Instant notBefore = notBefore();
    List<AcquaintTransaction> payments = new ArrayList<>();
    List<AcquaintTransaction> overpayments = new ArrayList<>();
    for (AcquaintTransaction transaction : transactions) {
      if (isOurs(transaction, notBefore)) {
        (AcquaintTransaction.OVERPAYMENT.equals(transaction.type()) ? overpayments : payments).add(transaction);
      }
    }
    String looked = "searched " + transactions.size() + " transactions of charge " + target.chargeId()
        + " for reference " + request.referenceNumber() + ", amount " + pounds(request.amount().minor())
        + " and created since " + notBefore;
    if (payments.size() != 1 || overpayments.size() > 1) {
      return Discovery.notFound(looked + ": " + (payments.isEmpty() ? "none matched"
          : payments.size() + " payments and " + overpayments.size() + " overpayments matched (possible duplicate)"));
    }
    AcquaintTransaction payment = payments.get(0);
    AcquaintTransaction overpayment = overpayments.isEmpty() ? null : overpayments.get(0);
    long credited = credit(payment) + (overpayment == null ? 0 : credit(overpayment));
    if (credited != request.amount().minor()) {
      return Discovery.notFound(looked + ": transaction " + payment.id() + " credits " + pounds(credited) + ", not "
          + pounds(request.amount().minor()));
    }
    overpaymentTransactionId = overpayment == null ? null : overpayment.id();
    return Discovery.found(String.valueOf(payment.id()), looked + ": found transaction " + payment.id()
        + (overpayment == null ? "" : " with overpayment transaction " + overpayment.id()));
  }

  private boolean isOurs(AcquaintTransaction transaction, Instant notBefore) {
    if (!Objects.equals(request.referenceNumber(), transaction.reference())) {
      return false;
    }
    Instant createdAt = parseInstant(transaction.createdAt());
    return createdAt == null || !createdAt.isBefore(notBefore);
  }

  @Override
  public Verification confirm(String recordId) {
    Long id = idOf(recordId);
    if (id == null) {
      return new Verification(false, "'" + recordId + "' is not an Acquaint transaction id");
    }
    // The write's own activity read the transaction it made: that is the read-back, unless CONFIRM is about another
    // record (named by an operator or a lookup) or that read failed.
    TransactionLookup lookup = readWithPayment != null && readWithPayment.transactionId() == id ? readWithPayment
        : reads.readTransaction(new TransactionRef(id));
    // used once: a later CONFIRM (after an operator named a record) reads afresh
    readWithPayment = null;
    if (!lookup.found()) {
      return new Verification(false, "Acquaint has no transaction " + id);
    }
    AcquaintTransaction transaction = lookup.transaction();
    long credited = credit(transaction);
    String overpaymentNote = "";
    if (overpaymentTransactionId != null && !overpaymentTransactionId.equals(id)) {
      TransactionLookup overpayment = reads.readTransaction(new TransactionRef(overpaymentTransactionId));
      if (overpayment.found()) {
        credited += credit(overpayment.transaction());
        overpaymentNote = " with overpayment transaction " + overpaymentTransactionId;
      } else {
        overpaymentNote = " (overpayment transaction " + overpaymentTransactionId + " not found)";
      }
    }
    List<String> differences = new ArrayList<>();
    // Acquaint documents neither the charge nor the reference of a transaction (its fields are Debit, Credit,
    // PaymentMethodID, Notes, StatementNotes, BankAccountID, TenancyID, Status): the proof is the id the write answered
    // and the amount credited; the charge and reference are compared when Acquaint gives them.
    if (transaction.chargeId() != null && !Objects.equals(target.chargeId(), transaction.chargeId())) {
      differences.add("ChargeID " + transaction.chargeId() + " != " + target.chargeId());
    }
    if (transaction.reference() != null && !Objects.equals(request.referenceNumber(), transaction.reference())) {
      differences.add("reference " + transaction.reference() + " != " + request.referenceNumber());
    }
    if (credited != request.amount().minor()) {
      differences.add("Credit " + pounds(credited) + overpaymentNote + " != " + pounds(request.amount().minor()));
    }
    if (transaction.paymentMethodId() != null && transaction.paymentMethodId() != paymentMethodId()) {
      differences.add("PaymentMethodID " + transaction.paymentMethodId() + " != " + paymentMethodId());
    }
    if (transaction.bankAccountId() != null && !transaction.bankAccountId().equals(target.bankAccountId())) {
      differences.add("BankAccountID " + transaction.bankAccountId() + " != " + target.bankAccountId());
    }
    return differences.isEmpty()
        ? new Verification(true, "transaction " + id + overpaymentNote + " matches charge " + target.chargeId()
            + ", reference and amount " + pounds(request.amount().minor()))
        : new Verification(false, String.join("; ", differences));
  }

  private static long credit(AcquaintTransaction transaction) {
    return transaction.creditMinor() == null ? 0 : transaction.creditMinor();
  }

  private static Instant parseInstant(String text) {
    if (text == null) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (java.time.format.DateTimeParseException notAnInstant) {
      return null;
    }
  }
}
