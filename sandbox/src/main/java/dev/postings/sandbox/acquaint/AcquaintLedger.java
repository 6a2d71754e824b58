package dev.postings.sandbox.acquaint;

import dev.postings.sandbox.ledger.LedgerEntry;
import dev.postings.sandbox.acquaint.AcquaintSandboxProperties.ChargeFixture;
import dev.postings.sandbox.acquaint.AcquaintSandboxProperties.RentItemFixture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One agency's Acquaint database: rent-due items, charges with outstanding balances, and the transactions payments
 * create. Acquaint gives each agency its own database, so each site prefix has its own ledger ({@link AcquaintSites}),
 * with ids of its own. Starts from the site's configured fixtures; tests and the demo can add more through the sandbox
 * control endpoints.
 */
public class AcquaintLedger {

  private final Clock clock;
  private final Map<Long, RentItem> rentItems = new LinkedHashMap<>();
  private final Map<Long, Charge> charges = new LinkedHashMap<>();
  private final Map<Long, Transaction> transactions = new LinkedHashMap<>();
  private long nextRentItemId = 6001;
  private long nextChargeId = 8001;
  private long nextTransactionId = 9001;

  AcquaintLedger(Clock clock, List<RentItemFixture> rentItemFixtures, List<ChargeFixture> chargeFixtures) {
    this.clock = clock;
    for (RentItemFixture fixture : rentItemFixtures) {
      RentItem item = new RentItem(fixture.id(), fixture.tenancyId(), fixture.contactId(),
          fixture.dueDate() == null ? null : ModelBinding.parseDate(fixture.dueDate()), fixture.due().setScale(2),
          fixture.description());
      item.received = fixture.received() == null ? BigDecimal.ZERO.setScale(2) : fixture.received().setScale(2);
      rentItems.put(item.id, item);
      nextRentItemId = Math.max(nextRentItemId, item.id + 1);
    }
    for (ChargeFixture fixture : chargeFixtures) {
      Charge charge = new Charge(fixture.id(), fixture.tenancyId(), fixture.description(), fixture.amount().setScale(2));
      charge.outstanding = (fixture.outstanding() == null ? fixture.amount() : fixture.outstanding()).setScale(2);
      charges.put(charge.id, charge);
      nextChargeId = Math.max(nextChargeId, charge.id + 1);
    }
  }

  static final class RentItem {
    final long id;
    final long tenancyId;
    final Long contactId;
    final LocalDateTime dueDate;
    final BigDecimal due;
    final String description;
    BigDecimal received;
    LocalDateTime receivedDate;
    String referenceChequeNo;

    RentItem(long id, long tenancyId, Long contactId, LocalDateTime dueDate, BigDecimal due, String description) {
      this.id = id;
      this.tenancyId = tenancyId;
      this.contactId = contactId;
      this.dueDate = dueDate;
      this.due = due;
      this.description = description;
    }

    BigDecimal outstanding() {
      return due.subtract(received);
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("Id", id);
      json.put("TenancyId", tenancyId);
      json.put("ContactId", contactId);
      json.put("Description", description);
      json.put("DueDate", dueDate == null ? null : AcquaintApi.format(dueDate));
      json.put("Due", due);
      json.put("Received", received);
      json.put("Outstanding", outstanding());
      json.put("ReceivedDate", receivedDate == null ? null : AcquaintApi.format(receivedDate));
      json.put("ReferenceChequeNo", referenceChequeNo);
      return json;
    }
  }

  static final class Charge {
    final long id;
    final long tenancyId;
    final String description;
    final BigDecimal amount;
    BigDecimal outstanding;

    Charge(long id, long tenancyId, String description, BigDecimal amount) {
      this.id = id;
      this.tenancyId = tenancyId;
      this.description = description;
      this.amount = amount;
    }

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("Id", id);
      json.put("TenancyID", tenancyId);
      json.put("Description", description);
      json.put("Amount", amount);
      json.put("Outstanding", outstanding);
      return json;
    }
  }

  /** A payment received; {@code type} Receipt (rent or charge) or Overpayment. */
  record Transaction(long id, String type, LocalDateTime transactionDate, BigDecimal credit, long paymentMethodId,
      String reference, String notes, String statementNotes, long bankAccountId, long tenancyId, Long chargeId,
      Long rentItemId, Long contactId, Instant createdAt) {

    Map<String, Object> toJson() {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("Id", id);
      json.put("Type", type);
      json.put("TransactionDate", AcquaintApi.format(transactionDate));
      json.put("Debit", BigDecimal.ZERO.setScale(2));
      json.put("Credit", credit);
      json.put("PaymentMethodID", paymentMethodId);
      json.put("Reference", reference);
      json.put("Notes", notes);
      json.put("StatementNotes", statementNotes);
      json.put("BankAccountID", bankAccountId);
      json.put("TenancyID", tenancyId);
      json.put("ChargeID", chargeId);
      json.put("RentItemID", rentItemId);
      json.put("ContactID", contactId);
      json.put("Status", "Posted");
      json.put("DateCreated", createdAt.toString());
      return json;
    }
  }

  /** One payment of a {@code tenantpayments} request, bound and validated. */
  record RentPaymentLine(long rentItemId, LocalDateTime receivedDate, BigDecimal amount, Long landlordId,
      String referenceChequeNo, Long receivedFromContactId) {}

  /** {@code reveivepaymentforcharge}, bound and validated. */
  record ChargePaymentOrder(long chargeId, LocalDateTime dateReceived, long paymentMethodId, BigDecimal amount,
      String paymentReference, Long receivedFromContactId, String landlordStatementNotes, long bankAccount) {}

  /** The answer of a charge payment: the transaction and, for the part above the balance, the overpayment. */
  record ChargeReceipt(long transactionId, long overpaymentTransactionId) {}

  synchronized List<Map<String, Object>> rentsToPay(Long tenancyId, Long contactId, boolean includeReceived) {
    return rentItems.values().stream()
        .filter(item -> tenancyId == null || item.tenancyId == tenancyId)
        .filter(item -> contactId == null || contactId.equals(item.contactId))
        .filter(item -> includeReceived || item.outstanding().signum() > 0)
        .map(RentItem::toJson)
        .toList();
  }

  /**
   * Applies every line, or none: {@code false} when any line names an unknown item, a fully paid one, or more than its
   * outstanding amount (Acquaint only documents "true if the payment was processed successfully").
   */
  synchronized boolean payRent(LocalDateTime receivedDate, long paymentMethodId, long bankAccountId,
      List<RentPaymentLine> lines) {
    Map<Long, BigDecimal> taken = new LinkedHashMap<>();
    for (RentPaymentLine line : lines) {
      RentItem item = rentItems.get(line.rentItemId());
      if (item == null) {
        return false;
      }
      BigDecimal already = taken.getOrDefault(item.id, BigDecimal.ZERO);
      if (item.outstanding().subtract(already).compareTo(line.amount()) < 0) {
        return false;
      }
      taken.put(item.id, already.add(line.amount()));
    }
    for (RentPaymentLine line : lines) {
      RentItem item = rentItems.get(line.rentItemId());
      item.received = item.received.add(line.amount());
      item.receivedDate = line.receivedDate() != null ? line.receivedDate() : receivedDate;
      item.referenceChequeNo = line.referenceChequeNo();
      record(new Transaction(nextTransactionId++, "Receipt", item.receivedDate, line.amount(), paymentMethodId,
          line.referenceChequeNo(), "Rent received for item " + item.id, null, bankAccountId, item.tenancyId, null,
          item.id, line.receivedFromContactId(), clock.instant()));
    }
    return true;
  }

  /** The charge payment, or empty when the charge is unknown or has nothing outstanding (a 400 for the API). */
  synchronized Optional<ChargeReceipt> payCharge(ChargePaymentOrder order) {
    Charge charge = charges.get(order.chargeId());
    if (charge == null || charge.outstanding.signum() <= 0) {
      return Optional.empty();
    }
    BigDecimal applied = order.amount().min(charge.outstanding);
    BigDecimal over = order.amount().subtract(applied);
    charge.outstanding = charge.outstanding.subtract(applied);
    long transactionId = nextTransactionId++;
    record(new Transaction(transactionId, "Receipt", order.dateReceived(), applied, order.paymentMethodId(),
        order.paymentReference(), "Payment for charge " + charge.id, order.landlordStatementNotes(),
        order.bankAccount(), charge.tenancyId, charge.id, null, order.receivedFromContactId(), clock.instant()));
    long overpaymentId = 0;
    if (over.signum() > 0) {
      overpaymentId = nextTransactionId++;
      record(new Transaction(overpaymentId, "Overpayment", order.dateReceived(), over, order.paymentMethodId(),
          order.paymentReference(), "Overpayment on charge " + charge.id, order.landlordStatementNotes(),
          order.bankAccount(), charge.tenancyId, charge.id, null, order.receivedFromContactId(), clock.instant()));
    }
    return Optional.of(new ChargeReceipt(transactionId, overpaymentId));
  }

  synchronized Optional<String> whyChargeCannotBePaid(long chargeId) {
    Charge charge = charges.get(chargeId);
    if (charge == null) {
      return Optional.of("Charge " + chargeId + " does not exist.");
    }
    if (charge.outstanding.signum() <= 0) {
      return Optional.of("Charge " + chargeId + " has no outstanding balance.");
    }
    return Optional.empty();
  }

  private void record(Transaction transaction) {
    transactions.put(transaction.id(), transaction);
  }

  synchronized Optional<Map<String, Object>> transaction(long id) {
    return Optional.ofNullable(transactions.get(id)).map(Transaction::toJson);
  }

  synchronized List<Map<String, Object>> transactionsOfCharge(long chargeId) {
    return transactions.values().stream()
        .filter(t -> t.chargeId() != null && t.chargeId() == chargeId)
        .map(Transaction::toJson)
        .toList();
  }

  // --- the agency's people: what staff do to the ledger by hand, for a reconciliation to find

  /**
   * Someone deletes a receipt: the transaction goes, and what it paid is owed again (the rent item's received amount,
   * or the charge's outstanding balance, goes back).
   */
  public synchronized boolean deleteByHand(long transactionId) {
    Transaction removed = transactions.remove(transactionId);
    if (removed == null) {
      return false;
    }
    unapply(removed, removed.credit());
    return true;
  }

  /** Someone edits a receipt's amount: the transaction and what it paid change by the difference. */
  public synchronized Optional<Map<String, Object>> changeAmountByHand(long transactionId, BigDecimal credit) {
    Transaction old = transactions.get(transactionId);
    if (old == null) {
      return Optional.empty();
    }
    Transaction changed = new Transaction(old.id(), old.type(), old.transactionDate(), credit.setScale(2),
        old.paymentMethodId(), old.reference(), old.notes(), old.statementNotes(), old.bankAccountId(),
        old.tenancyId(), old.chargeId(), old.rentItemId(), old.contactId(), old.createdAt());
    transactions.put(transactionId, changed);
    unapply(old, old.credit().subtract(changed.credit()));
    return Optional.of(changed.toJson());
  }

  /**
   * Someone keys a receipt in by hand on a tenancy (and a charge, which it then pays down, or a rent item of the
   * tenancy, whose received amount and reference it then shows): returns it, or empty when the rent item is not the
   * tenancy's.
   */
  public synchronized Optional<Map<String, Object>> addByHand(long tenancyId, Long chargeId, Long rentItemId,
      BigDecimal credit, String reference) {
    RentItem item = rentItemId == null ? null : rentItems.get(rentItemId);
    if (rentItemId != null && (item == null || item.tenancyId != tenancyId)) {
      return Optional.empty();
    }
    LocalDateTime now = LocalDateTime.now(clock);
    Transaction receipt = new Transaction(nextTransactionId++, "Receipt", now, credit.setScale(2),
        1, reference, "Keyed in by hand", null, 0, tenancyId, chargeId, rentItemId, null, clock.instant());
    record(receipt);
    unapply(receipt, receipt.credit().negate());
    if (item != null) {
      item.receivedDate = now;
      item.referenceChequeNo = reference;
    }
    return Optional.of(receipt.toJson());
  }

  /** Takes {@code amount} of what a receipt paid back off its rent item or charge (a negative amount pays more). */
  private void unapply(Transaction receipt, BigDecimal amount) {
    if (receipt.rentItemId() != null && rentItems.containsKey(receipt.rentItemId())) {
      RentItem item = rentItems.get(receipt.rentItemId());
      item.received = item.received.subtract(amount).max(BigDecimal.ZERO.setScale(2));
    }
    if (receipt.chargeId() != null && charges.containsKey(receipt.chargeId())) {
      Charge charge = charges.get(receipt.chargeId());
      charge.outstanding = charge.outstanding.add(amount).max(BigDecimal.ZERO.setScale(2)).min(charge.amount);
    }
  }

  /** Sandbox control: a new rent-due item; returns its id. */
  public synchronized long addRentItem(long tenancyId, Long contactId, BigDecimal due, String dueDate) {
    RentItem item = new RentItem(nextRentItemId++, tenancyId, contactId,
        dueDate == null ? null : ModelBinding.parseDate(dueDate), due.setScale(2), "Rent");
    item.received = BigDecimal.ZERO.setScale(2);
    rentItems.put(item.id, item);
    return item.id;
  }

  /** Sandbox control: a new charge with its whole amount outstanding; returns its id. */
  public synchronized long addCharge(long tenancyId, BigDecimal amount, String description) {
    Charge charge = new Charge(nextChargeId++, tenancyId, description, amount.setScale(2));
    charge.outstanding = charge.amount;
    charges.put(charge.id, charge);
    return charge.id;
  }

  /**
   * Every transaction, keyed by reference (sandbox inspection). An overpayment is part of its charge payment, so it
   * does not count as a payment of its own.
   */
  public synchronized List<LedgerEntry> entries() {
    return transactions.values().stream()
        .map(t -> new LedgerEntry(String.valueOf(t.id()), t.reference(), t.reference(), null, null,
            t.credit().movePointRight(2).longValueExact(),
            t.chargeId() != null ? "charge " + t.chargeId() : "rent item " + t.rentItemId(), t.type(),
            !"Overpayment".equals(t.type()), t.createdAt().toString()))
        .toList();
  }

  /** Everything, for sandbox inspection (tests and the demo): not part of Acquaint's API. */
  public synchronized Map<String, Object> snapshot() {
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("rentItems", rentItems.values().stream().map(RentItem::toJson).toList());
    snapshot.put("charges", charges.values().stream().map(Charge::toJson).toList());
    snapshot.put("transactions", new ArrayList<>(transactions.values().stream().map(Transaction::toJson).toList()));
    return snapshot;
  }
}
