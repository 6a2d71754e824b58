package dev.postings.sandbox.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Predicate;
import org.springframework.stereotype.Component;

/**
 * Propexo's side of the world: write jobs and the resident payments they create. Jobs settle lazily, on the next look
 * at the ledger after their time: the result is the same as a background worker, and tests need no clock thread.
 */
@Component
public class PropexoLedger {

  private final Clock clock;
  private final PropexoSandboxProperties properties;
  private final Map<String, WriteJob> jobs = new LinkedHashMap<>();
  private final Map<String, StoredPayment> payments = new LinkedHashMap<>();

  public PropexoLedger(Clock clock, PropexoSandboxProperties properties) {
    this.clock = clock;
    this.properties = properties;
  }

  /** Accepts a validated Propertyware payment body and returns its job. */
  synchronized WriteJob submitPropertywarePayment(JsonNode body) {
    Instant now = clock.instant();
    String residentId = body.get("resident_id").asText();
    boolean refused = properties.refusedResidentIds().contains(residentId);
    List<String> errors = refused
        ? List.of("{\"ErrorCode\":\"ResidentNotActive\",\"Message\":\"Failed to create payment: resident "
            + residentId + " is not active on lease " + body.get("lease_id").asText() + "\"}")
        : List.of();
    WriteJob job = new WriteJob("job_" + shortId(), now, now.plus(properties.jobPendingFor()), body, !refused, errors);
    jobs.put(job.id, job);
    return job;
  }

  synchronized Optional<WriteJob> job(String id) {
    settleDueJobs();
    return Optional.ofNullable(jobs.get(id));
  }

  synchronized Optional<StoredPayment> payment(String id) {
    settleDueJobs();
    return Optional.ofNullable(payments.get(id));
  }

  /** Every resident payment, newest first: for sandbox inspection, not part of Propexo's API. */
  public synchronized List<Map<String, Object>> allPayments() {
    settleDueJobs();
    return payments.values().stream()
        .sorted(Comparator.comparing(StoredPayment::createdAt).reversed())
        .map(StoredPayment::toJson)
        .toList();
  }

  synchronized List<StoredPayment> find(Predicate<StoredPayment> filter, Comparator<StoredPayment> order) {
    settleDueJobs();
    return payments.values().stream().filter(filter).sorted(order).toList();
  }

  synchronized int jobCount() {
    return jobs.size();
  }

  private void settleDueJobs() {
    Instant now = clock.instant();
    for (WriteJob job : jobs.values()) {
      if (job.isPending() && !now.isBefore(job.settlesAt)) {
        settle(job, now);
      }
    }
  }

  private void settle(WriteJob job, Instant now) {
    if (!job.plannedToSucceed) {
      job.status = "FAILURE";
      job.errors = job.plannedErrors;
      return;
    }
    JsonNode body = job.request;
    String reference = body.get("reference_number").asText();
    long amount = body.get("amount_in_cents").asLong();
    if (reference.startsWith(properties.mismatchedReferencePrefix())) {
      amount = amount / 10; // the PMS keeps a wrong amount: what a read-back must catch
    }
    String transactionDate = body.get("transaction_date").asText();
    StoredPayment payment = new StoredPayment(
        "rp_" + shortId(),
        String.valueOf(100_000 + payments.size()),
        now,
        now,
        now,
        body.get("integration_id").asText(),
        null,
        body.get("resident_id").asText(),
        body.get("lease_id").asText(),
        body.get("financial_account_id").asText(),
        amount,
        reference,
        transactionDate,
        instantOf(transactionDate, false),
        body.hasNonNull("description") ? body.get("description").asText() : null,
        body.get("payment_type").asText());
    payments.put(payment.id(), payment);
    job.status = "SUCCESS";
    job.createdRecordId = reference.startsWith(properties.noRecordIdReferencePrefix()) ? null : payment.id();
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
