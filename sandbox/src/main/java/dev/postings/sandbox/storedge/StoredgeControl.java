package dev.postings.sandbox.storedge;

import dev.postings.sandbox.faults.FaultInjector;
import dev.postings.sandbox.faults.FaultKind;
import dev.postings.sandbox.faults.FaultScope;
import dev.postings.sandbox.storedge.StoredgeBook.Payment;
import dev.postings.sandbox.storedge.StoredgeSandboxProperties.Charge;
import dev.postings.sandbox.storedge.StoredgeSandboxProperties.Facility;
import dev.postings.sandbox.storedge.StoredgeSandboxProperties.LedgerFixture;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Sandbox-only controls for storEDGE (never part of the vendor's API, no OAuth): inspect what each ledger was paid and
 * what money moved, add ledgers and facilities, and make the next make_payment fail before or after it charges (a
 * shorthand for arming the sandbox-wide fault injector).
 */
@RestController
public class StoredgeControl {

  /** The faults this endpoint has always offered; the sandbox-wide {@code /sandbox/faults} offers more. */
  enum Fault {
    /** 500 before anything is charged. */
    ERROR_BEFORE_CHARGE(FaultKind.ERROR_BEFORE_APPLY),
    /** the payment is made, then the answer is a 500: the caller cannot know it landed. */
    ERROR_AFTER_CHARGE(FaultKind.ERROR_AFTER_APPLY);

    final FaultKind kind;

    Fault(FaultKind kind) {
      this.kind = kind;
    }
  }

  private final StoredgeBook book;
  private final FaultInjector faults;

  public StoredgeControl(StoredgeBook book, FaultInjector faults) {
    this.book = book;
    this.faults = faults;
  }

  /** Every payment on the ledger (not only the recent ones), with its idempotency key and what it moved. */
  @GetMapping("/sandbox/storedge/ledgers/{ledgerId}")
  ResponseEntity<?> ledger(@PathVariable String ledgerId) {
    synchronized (book) {
      return book.ledger(ledgerId).<ResponseEntity<?>>map(ledger -> {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ledger_id", ledger.id);
        out.put("facility_id", ledger.facilityId);
        out.put("balance", StoredgeBook.dollars(ledger.balanceCents()));
        out.put("paid_through", ledger.paidThrough.toString());
        List<Map<String, Object>> payments = ledger.payments().stream().map(StoredgeControl::payment).toList();
        out.put("payments", payments);
        out.put("charges", payments.stream().filter(p -> Boolean.TRUE.equals(p.get("moved_money"))).toList());
        return ResponseEntity.ok(out);
      }).orElseGet(() -> ResponseEntity.notFound().build());
    }
  }

  /** Adds a ledger whose balance is one open rent charge ({@code balance}); returns it as the control view. */
  @PostMapping("/sandbox/storedge/ledgers")
  ResponseEntity<?> addLedger(@RequestBody NewLedger request) {
    book.add(new LedgerFixture(request.id(), request.facilityId(), "Test", "Tenant", request.monthlyRent(),
        LocalDate.of(2024, 1, 9), List.of(new Charge("Rent", request.balance())),
        request.paymentMethodIds() == null ? List.of() : request.paymentMethodIds()));
    return ledger(request.id());
  }

  /** Someone deletes a payment from the ledger. */
  @DeleteMapping("/sandbox/storedge/ledgers/{ledgerId}/payments/{paymentId}")
  ResponseEntity<?> deleteByHand(@PathVariable String ledgerId, @PathVariable String paymentId) {
    return book.deleteByHand(ledgerId, paymentId) ? ResponseEntity.ok(Map.of("deleted", paymentId))
        : ResponseEntity.notFound().build();
  }

  /** Someone edits a payment's amount: {@code {"amount": 12.34}}. */
  @PatchMapping("/sandbox/storedge/ledgers/{ledgerId}/payments/{paymentId}")
  ResponseEntity<?> changeAmountByHand(@PathVariable String ledgerId, @PathVariable String paymentId,
      @RequestBody AmountByHand change) {
    if (change.amount() == null || change.amount().scale() > 2 || change.amount().signum() <= 0) {
      return ResponseEntity.badRequest().body(Map.of("field", "amount", "message", "a positive amount in dollars"));
    }
    return book.changeAmountByHand(ledgerId, paymentId, StoredgeBook.cents(change.amount()))
        .<ResponseEntity<?>>map(payment -> ResponseEntity.ok(payment(payment)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  /** Someone keys in a cash payment: {@code {"amount": 12.34, "description": "..."}}. */
  @PostMapping("/sandbox/storedge/ledgers/{ledgerId}/payments")
  ResponseEntity<?> addByHand(@PathVariable String ledgerId, @RequestBody AmountByHand added) {
    if (added.amount() == null || added.amount().scale() > 2 || added.amount().signum() <= 0) {
      return ResponseEntity.badRequest().body(Map.of("field", "amount", "message", "a positive amount in dollars"));
    }
    return book.addByHand(ledgerId, StoredgeBook.cents(added.amount()), added.description())
        .<ResponseEntity<?>>map(payment -> ResponseEntity.ok(payment(payment)))
        .orElseGet(() -> ResponseEntity.notFound().build());
  }

  record AmountByHand(BigDecimal amount, String description) {}

  @PostMapping("/sandbox/storedge/facilities")
  Map<String, Object> addFacility(@RequestBody Facility facility) {
    book.addFacility(facility);
    return Map.of("id", facility.id(), "partial_payments_disabled", facility.partialPaymentsDisabled());
  }

  @PostMapping("/sandbox/storedge/faults")
  Map<String, Object> fault(@RequestParam("next") Fault fault) {
    faults.arm(FaultScope.STOREDGE_WRITES, fault.kind, 1, null);
    return Map.of("next_make_payment", fault.name());
  }

  record NewLedger(String id, String facilityId, BigDecimal balance, BigDecimal monthlyRent,
      List<String> paymentMethodIds) {}

  private static Map<String, Object> payment(Payment payment) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", payment.id());
    out.put("kind", payment.kind());
    out.put("amount", StoredgeBook.dollars(payment.amountCents()));
    out.put("method_kind", payment.methodKind());
    out.put("description", payment.description());
    out.put("idempotency_key", payment.idempotencyKey());
    out.put("moved_money", payment.movedMoney());
    out.put("effective_on", payment.effectiveOn().toString());
    return out;
  }
}
