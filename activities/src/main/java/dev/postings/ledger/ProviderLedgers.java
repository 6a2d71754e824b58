package dev.postings.ledger;

import dev.postings.acquaint.AcquaintAdapter;
import dev.postings.reconciliation.LedgerPayment;
import dev.postings.reconciliation.LedgerScope;
import dev.postings.reconciliation.PostingOnRecord;
import dev.postings.workflow.acquaint.AcquaintTransaction;
import dev.postings.workflow.acquaint.RentItem;
import dev.postings.workflow.acquaint.TransactionRef;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentSearch;
import dev.postings.workflow.storedge.StoredgeActivities;
import dev.postings.workflow.storedge.StoredgeLedgerPayment;
import dev.postings.workflow.storedge.StoredgeLedgerRef;
import dev.postings.workflow.FailureKind;
import io.temporal.failure.ApplicationFailure;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Reads what the provider's ledger holds for a connection's postings of one day, asking each provider narrowly: each
 * ledger a posting of the day landed on is read once, with the reads each provider documents.
 *
 * <ul>
 *   <li>Propexo (Propertyware, ResMan): the integration's resident payments whose {@code transaction_date} is the day,
 *       250 a page: about one read per 250 payments of the day.
 *   <li>Acquaint rent: {@code retrievesrentstopay} with received items, once per tenancy; a rent item that received
 *       something is a payment, its {@code Received} the amount and its {@code ReferenceChequeNo} the reference.
 *   <li>Acquaint charge: {@code GET 17.0/database/transactions/{id}} for each confirmed posting's transaction, the only
 *       read of a transaction Acquaint documents. No documented read lists a charge's transactions, so a receipt keyed
 *       against a charge by hand cannot be found (no UNEXPECTED for charges). {@code Credit} is the amount; the
 *       undocumented {@code Reference} is compared only when present.
 *   <li>storEDGE: {@code GET /v1/{facility}/ledgers/{ledger}} once per ledger; its {@code recent_payments} are the
 *       payments. storEDGE payments carry no reference of ours, so none is compared and no payment is UNEXPECTED.
 * </ul>
 *
 * Every read goes through the adapters, so through the connection's own exchange and rate limit: call this inside
 * {@code PostingConnection.with(connectionId, ...)}.
 */
public final class ProviderLedgers {

  private final PropexoActivities propexo;
  private final AcquaintAdapter acquaint;
  private final StoredgeActivities storedge;
  private final int maxRateLimitWaits;

  /**
   * @param maxRateLimitWaits how many times one read waits for the rate limit before the run fails (and Temporal
   *     retries it later)
   */
  public ProviderLedgers(PropexoActivities propexo, AcquaintAdapter acquaint, StoredgeActivities storedge,
      int maxRateLimitWaits) {
    this.propexo = propexo;
    this.acquaint = acquaint;
    this.storedge = storedge;
    this.maxRateLimitWaits = maxRateLimitWaits;
  }

  /** The ledgers' payments for {@code postings}, all of one connection and {@code day}. */
  public List<LedgerPayment> read(List<PostingOnRecord> postings, LocalDate day) {
    Set<LedgerScope> scopes = new LinkedHashSet<>();
    for (PostingOnRecord posting : postings) {
      LedgerScope scope = LedgerScope.parse(posting.ledgerScope());
      if (scope != null && scope.kind() != LedgerScope.Kind.ACQUAINT_CHARGE) {
        scopes.add(scope);
      }
    }
    List<LedgerPayment> payments = new ArrayList<>();
    for (LedgerScope scope : scopes) {
      switch (scope.kind()) {
        case PROPEXO_INTEGRATION -> payments.addAll(residentPayments(scope.id(), day));
        case ACQUAINT_TENANCY -> payments.addAll(rentReceipts(Long.parseLong(scope.id())));
        case STOREDGE_LEDGER -> payments.addAll(storedgePayments(scope));
        default -> throw new IllegalStateException("no ledger read for " + scope.kind());
      }
    }
    payments.addAll(chargeTransactions(postings));
    return payments;
  }

  /**
   * One read, waiting for the connection's rate limit: a posting's activity refused a slot (RATE_LIMITED, nothing
   * sent) is retried by Temporal, but a reconciliation reads hundreds of ledgers in one activity, so each read waits
   * for its slot here (or the provider's Retry-After after a 429) instead of failing the whole run.
   */
  private <T> T paced(Supplier<T> read) {
    for (int wait = 0; ; wait++) {
      try {
        return read.get();
      } catch (ApplicationFailure failure) {
        if (!FailureKind.RATE_LIMITED.name().equals(failure.getType()) || wait >= maxRateLimitWaits) {
          throw failure;
        }
        Duration delay = failure.getNextRetryDelay() == null || failure.getNextRetryDelay().isZero()
            ? Duration.ofSeconds(1) : failure.getNextRetryDelay();
        try {
          Thread.sleep(delay.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw failure;
        }
      }
    }
  }

  private List<LedgerPayment> residentPayments(String integrationId, LocalDate day) {
    // Propexo's window is inclusive at both ends: the day's first and last millisecond, in UTC as the registry keeps it
    ResidentPaymentSearch search = new ResidentPaymentSearch(integrationId, null, null,
        day.atStartOfDay(ZoneOffset.UTC).toInstant(),
        day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1));
    List<LedgerPayment> payments = new ArrayList<>();
    for (ResidentPayment payment : paced(() -> propexo.findResidentPayments(search))) {
      if (payment.id() != null && payment.amountInCents() != null) {
        payments.add(new LedgerPayment(payment.id(), payment.amountInCents(), payment.referenceNumber()));
      }
    }
    return payments;
  }

  private List<LedgerPayment> rentReceipts(long tenancyId) {
    List<LedgerPayment> payments = new ArrayList<>();
    for (RentItem item : paced(() -> acquaint.readRentItems(tenancyId))) {
      if (item.receivedMinor() != null && item.receivedMinor() > 0) {
        payments.add(new LedgerPayment(String.valueOf(item.id()), item.receivedMinor(), item.referenceChequeNo()));
      }
    }
    return payments;
  }

  private List<LedgerPayment> chargeTransactions(List<PostingOnRecord> postings) {
    List<LedgerPayment> payments = new ArrayList<>();
    for (PostingOnRecord posting : postings) {
      LedgerScope scope = LedgerScope.parse(posting.ledgerScope());
      if (scope == null || scope.kind() != LedgerScope.Kind.ACQUAINT_CHARGE || !"CONFIRMED".equals(posting.state())
          || posting.recordId() == null || !posting.recordId().matches("[0-9]{1,18}")) {
        continue;
      }
      TransactionRef ref = new TransactionRef(Long.parseLong(posting.recordId()));
      AcquaintTransaction transaction = paced(() -> acquaint.readTransaction(ref)).transaction();
      if (transaction != null && transaction.creditMinor() != null) {
        payments.add(new LedgerPayment(posting.recordId(), transaction.creditMinor(), transaction.reference()));
      }
    }
    return payments;
  }

  private List<LedgerPayment> storedgePayments(LedgerScope scope) {
    List<LedgerPayment> payments = new ArrayList<>();
    for (StoredgeLedgerPayment payment : paced(() -> storedge.readLedger(
        new StoredgeLedgerRef(scope.id(), scope.ledgerId()))).recentPayments()) {
      if (payment.id() != null) {
        payments.add(new LedgerPayment(payment.id(), payment.paidMinor(), null));
      }
    }
    return payments;
  }
}
