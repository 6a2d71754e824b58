package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.sandbox.ledger.LedgerEntry;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Propexo's side of the world: write jobs, ResMan's partner-transaction queue, the sync schedule and the resident
 * payments in Propexo's cache. Everything that happens with time (a job settling, the stand-in PMC deciding, a sync)
 * is caught up on every look at the ledger, so a test that moves the clock sees the result at once; {@link
 * PropexoTicker} also catches up in the background, so that webhooks go out when nobody is asking.
 */
@Component
public class PropexoLedger {

  public static final String PROPERTYWARE = "PROPERTYWARE_REST";
  public static final String RESMAN = "RESMAN";
  /** Not a PMS: the job of a resident charge (POST /v1/resident-charges/), whatever PMS the integration is. */
  static final String RESIDENT_CHARGE = "RESIDENT_CHARGE";
  /** The PMS's own words for a batch id it has seen (Propexo's failure-webhook example). */
  static final String DUPLICATE_TRANSACTION = "Failed to write resident transaction: Duplicate transaction ID";

  private final Clock clock;
  private final PropexoSandboxProperties properties;
  private final PropexoWebhooks webhooks;
  private final Instant origin;
  private final Map<String, WriteJob> jobs = new LinkedHashMap<>();
  /**
   * The jobs not settled yet, oldest first: every look at the ledger settles the due ones, and scanning every job ever
   * accepted on each request (under the ledger's lock) would make the sandbox slower with every posting it has seen.
   */
  private final Map<String, WriteJob> pendingJobs = new LinkedHashMap<>();
  private final Map<String, StoredPayment> payments = new LinkedHashMap<>();
  private final Map<String, StoredCharge> charges = new LinkedHashMap<>();
  private final Map<String, PartnerTransaction> partnerTransactions = new LinkedHashMap<>();
  /** Per integration: when its next scheduled sync starts. */
  private final Map<String, Instant> nextSyncStart = new HashMap<>();
  private final AtomicLong syncsRun = new AtomicLong();

  public PropexoLedger(Clock clock, PropexoSandboxProperties properties, PropexoWebhooks webhooks) {
    this.clock = clock;
    this.properties = properties;
    this.webhooks = webhooks;
    this.origin = clock.instant();
  }

  /** Accepts a validated Propertyware payment body and returns its job. */
  synchronized WriteJob submitPropertywarePayment(JsonNode body) {
    return submit(PROPERTYWARE, body);
  }

  /** Accepts a validated ResMan payment body; its job delivers it to the Partner Transactions queue. */
  synchronized WriteJob submitResmanPayment(JsonNode body) {
    return submit(RESMAN, body);
  }

  /** Accepts a validated resident charge; its job creates the charge and names it as the created record. */
  synchronized WriteJob submitResidentCharge(JsonNode body) {
    catchUp();
    Instant now = clock.instant();
    WriteJob job = new WriteJob("job_" + shortId(), RESIDENT_CHARGE, now, now.plus(properties.jobPendingFor()), body,
        true, List.of());
    accepted(job);
    return job;
  }

  synchronized List<StoredCharge> findCharges(Predicate<StoredCharge> filter) {
    catchUp();
    return charges.values().stream().filter(filter)
        .sorted(Comparator.comparing(StoredCharge::createdAt).reversed()).toList();
  }

  private WriteJob submit(String vendor, JsonNode body) {
    catchUp();
    Instant now = clock.instant();
    String residentId = body.get("resident_id").asText();
    boolean refused = properties.refusedResidentIds().contains(residentId);
    List<String> errors = refused
        ? List.of("{\"ErrorCode\":\"ResidentNotActive\",\"Message\":\"Failed to create payment: resident "
            + residentId + " is not active" + (body.hasNonNull("lease_id") ? " on lease " + body.get("lease_id").asText()
            : "") + "\"}")
        : List.of();
    WriteJob job = new WriteJob("job_" + shortId(), vendor, now, now.plus(properties.jobPendingFor()), body, !refused,
        errors);
    accepted(job);
    return job;
  }

  synchronized Optional<WriteJob> job(String id) {
    catchUp();
    return Optional.ofNullable(jobs.get(id));
  }

  synchronized Optional<StoredPayment> payment(String id) {
    catchUp();
    return Optional.ofNullable(payments.get(id));
  }

  /** Every resident payment, newest first: for sandbox inspection, not part of Propexo's API. */
  public synchronized List<Map<String, Object>> allPayments() {
    catchUp();
    return payments.values().stream()
        .sorted(Comparator.comparing(StoredPayment::createdAt).reversed())
        .map(StoredPayment::toJson)
        .toList();
  }

  synchronized List<StoredPayment> find(Predicate<StoredPayment> filter, Comparator<StoredPayment> order) {
    catchUp();
    return payments.values().stream().filter(filter).sorted(order).toList();
  }

  /** Propertyware's records, oldest first, keyed by reference (sandbox inspection). */
  public synchronized List<LedgerEntry> propertywareEntries() {
    catchUp();
    return payments.values().stream()
        .filter(p -> PROPERTYWARE.equals(p.vendor()))
        .sorted(Comparator.comparing(StoredPayment::createdAt))
        .map(p -> new LedgerEntry(p.id(), p.referenceNumber(), p.referenceNumber(), null, null,
            p.amountInCents(), "resident " + p.residentId(), "RECORDED", true, p.createdAt().toString()))
        .toList();
  }

  /** ResMan's partner transactions, whatever the PMC decided, oldest first, keyed by batch id (sandbox inspection). */
  public synchronized List<LedgerEntry> resmanEntries() {
    catchUp();
    return partnerTransactions.values().stream()
        .map(t -> new LedgerEntry(t.id, t.batchId(), t.request.get("reference_number").asText(),
            null, t.batchId(), t.request.get("amount_in_cents").asLong(),
            "resident " + t.request.get("resident_id").asText(), t.status.name(), true, t.deliveredAt.toString()))
        .toList();
  }

  /** Write jobs of {@code vendor} still PENDING: they may yet become payments (or fail). */
  public synchronized long pendingJobs(String vendor) {
    catchUp();
    return pendingJobs.values().stream().filter(job -> job.vendor.equals(vendor)).count();
  }

  private void accepted(WriteJob job) {
    jobs.put(job.id, job);
    if (job.isPending()) {
      pendingJobs.put(job.id, job);
    }
  }

  synchronized int jobCount() {
    return jobs.size();
  }

  /** ResMan's Partner Transactions tab, oldest first; {@code status} null: all of them. */
  synchronized List<Map<String, Object>> partnerTransactions(PartnerTransaction.Status status) {
    catchUp();
    return partnerTransactions.values().stream()
        .filter(t -> status == null || t.status == status)
        .map(PartnerTransaction::toJson)
        .toList();
  }

  /**
   * The PMC approves or rejects a waiting transaction (by its id or batch id). Empty when there is no such transaction;
   * a transaction already decided keeps its first decision.
   */
  synchronized Optional<Map<String, Object>> decide(String idOrBatchId, PartnerTransaction.Status decision) {
    catchUp();
    return partnerTransactions.values().stream()
        .filter(t -> t.id.equals(idOrBatchId) || t.batchId().equals(idOrBatchId))
        .findFirst()
        .map(t -> {
          if (t.status == PartnerTransaction.Status.PENDING_APPROVAL) {
            t.status = decision;
            t.decidedAt = clock.instant();
          }
          return t.toJson();
        });
  }

  /**
   * {@code POST /v1/admin/integrations/{id}/manual-sync}: a sync starts now, and the next scheduled one one interval
   * after it ends.
   */
  synchronized void manualSync(String integrationId) {
    catchUp();
    nextSyncStart.put(integrationId, clock.instant());
    catchUp();
  }

  synchronized long syncsRun() {
    return syncsRun.get();
  }

  /** Brings the ledger up to the clock: jobs settle, the stand-in PMC decides, due syncs run. */
  synchronized void catchUp() {
    Instant now = clock.instant();
    for (Iterator<WriteJob> pending = pendingJobs.values().iterator(); pending.hasNext(); ) {
      WriteJob job = pending.next();
      if (!now.isBefore(job.settlesAt)) {
        settle(job, job.settlesAt);
        pending.remove();
      }
    }
    for (PartnerTransaction transaction : partnerTransactions.values()) {
      if (transaction.status == PartnerTransaction.Status.PENDING_APPROVAL && transaction.autoDecisionAt != null
          && !now.isBefore(transaction.autoDecisionAt)) {
        transaction.status = transaction.autoDecision;
        transaction.decidedAt = transaction.autoDecisionAt;
      }
    }
    Set<String> integrations = new HashSet<>();
    partnerTransactions.values().forEach(t -> integrations.add(t.integrationId()));
    integrations.addAll(nextSyncStart.keySet());
    Duration duration = properties.resman().syncDuration();
    for (String integration : integrations) {
      Instant start = nextSyncStart.computeIfAbsent(integration, i -> origin.plus(properties.resman().syncInterval()));
      while (!now.isBefore(start.plus(duration))) {
        sync(integration, start, start.plus(duration));
        start = start.plus(duration).plus(properties.resman().syncInterval());
        nextSyncStart.put(integration, start);
      }
    }
  }

  /** One sync of an integration: transactions approved before it started become records when it ends. */
  private void sync(String integrationId, Instant start, Instant end) {
    syncsRun.incrementAndGet();
    for (PartnerTransaction transaction : partnerTransactions.values()) {
      if (transaction.status == PartnerTransaction.Status.APPROVED && transaction.recordId == null
          && transaction.integrationId().equals(integrationId) && transaction.decidedAt.isBefore(start)) {
        StoredPayment payment = record(RESMAN, transaction.request, transaction.request.get("amount_in_cents").asLong(),
            end);
        transaction.recordId = payment.id();
        webhooks.dataNew(integrationId, RESMAN, payment.id(), "sync_" + shortId());
      }
    }
  }

  private void settle(WriteJob job, Instant at) {
    if (!job.plannedToSucceed) {
      fail(job, job.plannedErrors);
      return;
    }
    JsonNode body = job.request;
    if (RESIDENT_CHARGE.equals(job.vendor)) {
      StoredCharge charge = new StoredCharge("rc_" + shortId(), at, body.get("integration_id").asText(),
          text(body, "resident_id"), text(body, "lease_id"), body.get("amount_in_cents").asLong(),
          text(body, "reference_number"), text(body, "batch_id"), text(body, "transaction_date"),
          text(body, "description"));
      charges.put(charge.id(), charge);
      job.status = "SUCCESS";
      job.createdRecordId = charge.id();
      return;
    }
    if (RESMAN.equals(job.vendor)) {
      deliverToPartnerTransactions(job, at);
      return;
    }
    String reference = body.get("reference_number").asText();
    long amount = body.get("amount_in_cents").asLong();
    if (reference.startsWith(properties.mismatchedReferencePrefix())) {
      amount = amount / 10; // the PMS keeps a wrong amount: what a read-back must catch
    }
    StoredPayment payment = record(PROPERTYWARE, body, amount, at);
    job.status = "SUCCESS";
    job.createdRecordId = reference.startsWith(properties.noRecordIdReferencePrefix()) ? null : payment.id();
  }

  /**
   * ResMan: write-status SUCCESS only means the transaction reached the Partner Transactions tab; no record id is ever
   * returned (it is found on the next data sync: docs/providers/propexo.md#approval-and-the-next-sync). A batch id
   * ResMan has seen is refused.
   */
  private void deliverToPartnerTransactions(WriteJob job, Instant at) {
    JsonNode body = job.request;
    String integrationId = body.get("integration_id").asText();
    String batchId = body.get("batch_id").asText();
    boolean duplicate = partnerTransactions.values().stream()
        .anyMatch(t -> t.integrationId().equals(integrationId) && t.batchId().equals(batchId));
    if (duplicate) {
      fail(job, List.of(DUPLICATE_TRANSACTION));
      return;
    }
    PropexoSandboxProperties.Resman resman = properties.resman();
    String reference = body.get("reference_number").asText();
    Instant autoDecisionAt = null;
    PartnerTransaction.Status autoDecision = null;
    if (!reference.startsWith(resman.holdReferencePrefix()) && !resman.autoApproveAfter().isZero()) {
      autoDecisionAt = at.plus(resman.autoApproveAfter());
      autoDecision = reference.startsWith(resman.autoRejectReferencePrefix())
          ? PartnerTransaction.Status.REJECTED : PartnerTransaction.Status.APPROVED;
    }
    PartnerTransaction transaction = new PartnerTransaction("pt_" + shortId(), job.id, body, at, autoDecisionAt,
        autoDecision);
    partnerTransactions.put(transaction.id, transaction);
    job.status = "SUCCESS";
    job.createdRecordId = null;
  }

  private static String text(JsonNode body, String field) {
    return body.hasNonNull(field) ? body.get(field).asText() : null;
  }

  private void fail(WriteJob job, List<String> errors) {
    job.status = "FAILURE";
    job.errors = errors;
    webhooks.writeOperationFailure(job.request.get("integration_id").asText(), job.vendor, job.id, errors);
  }

  // --- the PMS's people: what staff do to the ledger by hand, for a reconciliation to find

  /** Someone deletes a payment in the PMS. */
  public synchronized boolean deleteByHand(String id) {
    catchUp();
    return payments.remove(id) != null;
  }

  /** Someone edits a payment's amount in the PMS (its {@code updated_at} moves, as any edit's does). */
  public synchronized Optional<Map<String, Object>> changeAmountByHand(String id, long amountInCents) {
    catchUp();
    StoredPayment old = payments.get(id);
    if (old == null) {
      return Optional.empty();
    }
    Instant now = clock.instant();
    StoredPayment changed = new StoredPayment(old.id(), old.vendor(), old.xId(), old.createdAt(), now, now,
        old.integrationId(), old.propertyId(), old.residentId(), old.leaseId(), old.financialAccountId(), amountInCents,
        old.referenceNumber(), old.transactionDate(), old.transactionInstant(), old.description(), old.paymentType());
    payments.put(id, changed);
    return Optional.of(changed.toJson());
  }

  /**
   * Someone keys a payment into the PMS by hand ({@code vendor}, {@code integration_id}, {@code resident_id},
   * {@code lease_id}, {@code amount_in_cents}, {@code reference_number}, {@code transaction_date}, {@code payment_type},
   * {@code description}): no job, no webhook, just a record.
   */
  public synchronized Map<String, Object> addByHand(String vendor, JsonNode body) {
    catchUp();
    return record(vendor, body, body.get("amount_in_cents").asLong(), clock.instant()).toJson();
  }

  private StoredPayment record(String vendor, JsonNode body, long amount, Instant at) {
    String transactionDate = body.get("transaction_date").asText();
    StoredPayment payment = new StoredPayment(
        "rp_" + shortId(),
        vendor,
        String.valueOf(100_000 + payments.size()),
        at,
        at,
        at,
        body.get("integration_id").asText(),
        null,
        body.get("resident_id").asText(),
        body.hasNonNull("lease_id") ? body.get("lease_id").asText() : null,
        body.hasNonNull("financial_account_id") ? body.get("financial_account_id").asText() : null,
        amount,
        body.get("reference_number").asText(),
        transactionDate,
        instantOf(transactionDate, false),
        body.hasNonNull("description") ? body.get("description").asText() : null,
        body.get("payment_type").asText());
    payments.put(payment.id(), payment);
    return payment;
  }

  /** A date-time as given, or a plain date as the start (or, for an inclusive end bound, the end) of that UTC day. */
  static Instant instantOf(String text, boolean endOfDay) {
    if (text.length() == 10) {
      LocalDate date = LocalDate.parse(text);
      return endOfDay
          ? date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().minusMillis(1)
          : date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }
    return OffsetDateTime.parse(text).toInstant();
  }

  /** The fields {@code order-by} accepts. */
  static final List<String> SORTABLE =
      List.of("created_at", "updated_at", "transaction_date", "amount_in_cents", "last_seen");

  static Comparator<StoredPayment> order(String field, boolean descending) {
    Comparator<StoredPayment> ascending = switch (field) {
      case "updated_at" -> Comparator.comparing(StoredPayment::updatedAt);
      case "transaction_date" -> Comparator.comparing(StoredPayment::transactionInstant);
      case "amount_in_cents" -> Comparator.comparingLong(StoredPayment::amountInCents);
      case "last_seen" -> Comparator.comparing(StoredPayment::lastSeen);
      default -> Comparator.comparing(StoredPayment::createdAt);
    };
    ascending = ascending.thenComparing(StoredPayment::id);
    return descending ? ascending.reversed() : ascending;
  }

  private static String shortId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 20);
  }
}
