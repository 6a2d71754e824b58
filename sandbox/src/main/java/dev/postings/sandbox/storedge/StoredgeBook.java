package dev.postings.sandbox.storedge;

import dev.postings.sandbox.ledger.LedgerEntry;
import dev.postings.sandbox.storedge.StoredgeSandboxProperties.Facility;
import dev.postings.sandbox.storedge.StoredgeSandboxProperties.LedgerFixture;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.stereotype.Component;

/**
 * The simulated storEDGE books: facilities, tenant ledgers with open charges, the payments made on them and what each
 * moved, and the idempotency keys seen. Amounts are cents. Callers hold the book's lock for a whole make_payment, so an
 * idempotency key is checked and used atomically.
 */
@Component
public class StoredgeBook {

  private final StoredgeSandboxProperties properties;
  private final Clock clock;
  private final Map<String, Facility> facilities = new LinkedHashMap<>();
  private final Map<String, Ledger> ledgers = new LinkedHashMap<>();
  /** idempotency key -> the payment it made. */
  private final Map<String, Payment> byIdempotencyKey = new HashMap<>();

  public StoredgeBook(StoredgeSandboxProperties properties, Clock clock) {
    this.properties = properties;
    this.clock = clock;
    properties.facilities().forEach(facility -> facilities.put(facility.id(), facility));
    properties.ledgers().forEach(this::add);
  }

  /** Adds (or replaces) a ledger. */
  public synchronized Ledger add(LedgerFixture fixture) {
    Ledger ledger = new Ledger(fixture.id(), fixture.facilityId(),
        fixture.tenantFirstName() == null ? "Tenant" : fixture.tenantFirstName(),
        fixture.tenantLastName() == null ? fixture.id() : fixture.tenantLastName(),
        cents(fixture.monthlyRent() == null ? BigDecimal.ZERO : fixture.monthlyRent()),
        fixture.paidThrough() == null ? LocalDate.now(clock) : fixture.paidThrough(),
        new LinkedHashSet<>(fixture.paymentMethodIds() == null ? List.of() : fixture.paymentMethodIds()));
    if (fixture.openCharges() != null) {
      fixture.openCharges().forEach(charge -> ledger.charges.add(new Charge(UUID.randomUUID().toString(),
          charge.description(), cents(charge.amount()), cents(charge.amount()), now())));
    }
    ledgers.put(ledger.id, ledger);
    return ledger;
  }

  public synchronized Optional<Facility> facility(String id) {
    return Optional.ofNullable(facilities.get(id));
  }

  public synchronized void addFacility(Facility facility) {
    facilities.put(facility.id(), facility);
  }

  public synchronized Optional<Ledger> ledger(String facilityId, String ledgerId) {
    Ledger ledger = ledgers.get(ledgerId);
    return ledger != null && ledger.facilityId.equals(facilityId) ? Optional.of(ledger) : Optional.empty();
  }

  public synchronized Optional<Ledger> ledger(String ledgerId) {
    return Optional.ofNullable(ledgers.get(ledgerId));
  }

  public synchronized Optional<Payment> byIdempotencyKey(String key) {
    return Optional.ofNullable(byIdempotencyKey.get(key));
  }

  /**
   * Makes a payment of {@code amountCents}: it settles open charges oldest first; for a prepayment the rest becomes
   * prepaid rent and {@code paid_through} moves on by {@code prepaidMonths}.
   */
  synchronized Payment pay(Ledger ledger, String idempotencyKey, String kind, long amountCents, int prepaidMonths,
      String methodKind, String description) {
    long left = amountCents;
    for (Charge charge : ledger.charges) {
      long settled = Math.min(left, charge.leftoverCents);
      charge.leftoverCents -= settled;
      left -= settled;
    }
    ledger.prepaidCents += left;
    if (prepaidMonths > 0) {
      ledger.paidThrough = ledger.paidThrough.plusMonths(prepaidMonths);
    }
    Payment payment = new Payment(UUID.randomUUID().toString(), ledger.id, idempotencyKey, kind, amountCents,
        methodKind, description, now());
    ledger.payments.add(0, payment);
    byIdempotencyKey.put(idempotencyKey, payment);
    return payment;
  }

  // --- the operator's staff: what they do to a ledger by hand, for a reconciliation to find. The balance is left as
  // it was: storEDGE's own refund and adjustment flows are not simulated, only what the payment list then shows.

  /** Someone deletes a payment from a ledger. */
  public synchronized boolean deleteByHand(String ledgerId, String paymentId) {
    Ledger ledger = ledgers.get(ledgerId);
    return ledger != null && ledger.payments.removeIf(payment -> payment.id().equals(paymentId));
  }

  /** Someone edits a payment's amount. */
  public synchronized Optional<Payment> changeAmountByHand(String ledgerId, String paymentId, long amountCents) {
    Ledger ledger = ledgers.get(ledgerId);
    if (ledger == null) {
      return Optional.empty();
    }
    for (int i = 0; i < ledger.payments.size(); i++) {
      Payment old = ledger.payments.get(i);
      if (old.id().equals(paymentId)) {
        Payment changed = new Payment(old.id(), old.ledgerId(), old.idempotencyKey(), old.kind(), amountCents,
            old.methodKind(), old.description(), old.effectiveOn());
        ledger.payments.set(i, changed);
        return Optional.of(changed);
      }
    }
    return Optional.empty();
  }

  /** Someone takes a cash payment at the counter and keys it in: no idempotency key of ours. */
  public synchronized Optional<Payment> addByHand(String ledgerId, long amountCents, String description) {
    Ledger ledger = ledgers.get(ledgerId);
    if (ledger == null) {
      return Optional.empty();
    }
    Payment payment = new Payment(UUID.randomUUID().toString(), ledgerId, "counter-" + UUID.randomUUID(), "custom",
        amountCents, "cash", description == null ? "Cash" : description, now());
    ledger.payments.add(0, payment);
    return Optional.of(payment);
  }

  /** Every payment on every ledger, keyed by idempotency key (sandbox inspection). */
  public synchronized List<LedgerEntry> entries() {
    List<LedgerEntry> entries = new ArrayList<>();
    for (Ledger ledger : ledgers.values()) {
      for (Payment payment : ledger.payments) {
        entries.add(new LedgerEntry(payment.id(), payment.idempotencyKey(), null,
            payment.idempotencyKey(), null, payment.amountCents(), "ledger " + ledger.id,
            payment.movedMoney() ? "CHARGED" : "RECORDED", true, payment.effectiveOn().toString()));
      }
    }
    entries.sort(Comparator.comparing(LedgerEntry::appliedAt));
    return entries;
  }

  OffsetDateTime now() {
    return OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC);
  }

  static long cents(BigDecimal amount) {
    return amount.movePointRight(2).longValueExact();
  }

  static BigDecimal dollars(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }

  /** One tenant ledger. Mutated only under the book's lock. */
  public static final class Ledger {
    final String id;
    final String facilityId;
    final String tenantFirstName;
    final String tenantLastName;
    final long rateCents;
    final Set<String> paymentMethodIds;
    final List<Charge> charges = new ArrayList<>();
    final List<Payment> payments = new ArrayList<>();
    LocalDate paidThrough;
    long prepaidCents;

    Ledger(String id, String facilityId, String tenantFirstName, String tenantLastName, long rateCents,
        LocalDate paidThrough, Set<String> paymentMethodIds) {
      this.id = id;
      this.facilityId = facilityId;
      this.tenantFirstName = tenantFirstName;
      this.tenantLastName = tenantLastName;
      this.rateCents = rateCents;
      this.paidThrough = paidThrough;
      this.paymentMethodIds = paymentMethodIds;
    }

    public long balanceCents() {
      return charges.stream().mapToLong(charge -> charge.leftoverCents).sum();
    }

    public List<Payment> payments() {
      return List.copyOf(payments);
    }
  }

  static final class Charge {
    final String id;
    final String description;
    final long amountCents;
    long leftoverCents;
    final OffsetDateTime effectiveOn;

    Charge(String id, String description, long amountCents, long leftoverCents, OffsetDateTime effectiveOn) {
      this.id = id;
      this.description = description;
      this.amountCents = amountCents;
      this.leftoverCents = leftoverCents;
      this.effectiveOn = effectiveOn;
    }
  }

  /**
   * One payment and what it moved.
   *
   * @param methodKind {@code stored}, {@code credit_card}, {@code card_swipe}, {@code ach}, {@code check} or
   *     {@code cash}
   * @param description as storEDGE shows it, e.g. {@code Visa ****1111}: never more than the last 4 digits
   */
  public record Payment(String id, String ledgerId, String idempotencyKey, String kind, long amountCents,
      String methodKind, String description, OffsetDateTime effectiveOn) {

    /** Money taken from a card or bank account (a stored method is one of those too). */
    public boolean movedMoney() {
      return !methodKind.equals("check") && !methodKind.equals("cash");
    }
  }
}
