package dev.postings.propexo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.ProviderApi;
import dev.postings.providers.ConnectionExchanges;
import dev.postings.providers.ConnectionResolver;
import dev.postings.providers.ProviderAnswer;
import dev.postings.providers.ResolvedConnection;
import dev.postings.providers.SharedPacing;
import dev.postings.providers.ProviderExchange;
import dev.postings.providers.ProviderExchange.Call;
import dev.postings.providers.ProviderFailures;
import dev.postings.providers.Route;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.PropertywarePayment;
import dev.postings.workflow.propexo.PropertywareSubmit;
import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.ResidentCharge;
import dev.postings.workflow.propexo.ResidentChargeRecord;
import dev.postings.workflow.propexo.ResidentChargeSearch;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.ResidentPayment;
import dev.postings.workflow.propexo.ResidentPaymentLookup;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import dev.postings.workflow.propexo.ResidentPaymentSearch;
import dev.postings.workflow.propexo.ResmanPayment;
import dev.postings.workflow.propexo.ResmanSubmit;
import dev.postings.workflow.propexo.SubmittedJob;
import dev.postings.workflow.propexo.SyncedPaymentMatches;
import dev.postings.workflow.propexo.SyncedPaymentWatch;
import dev.postings.workflow.propexo.WriteStatus;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Propexo activities of Propertyware and ResMan: HTTP to Propexo, answers classified. */
public class PropexoAdapter implements PropexoActivities {

  private final ConnectionExchanges exchanges;
  private final PropexoSettings settings;

  /** One token for every posting: {@code settings.token()} (tests, tools). */
  public PropexoAdapter(PropexoSettings settings, ObjectMapper json) {
    this(settings, ConnectionResolver.fixed(fixed(settings)), null, null, json);
  }

  /**
   * Each posting's own connection, resolved when it calls (docs/decisions/0023-connections.md).
   *
   * @param fallbackConnectionId the connection of calls whose posting names none (older postings, notices, probes)
   * @param shared the rate limit shared by every worker, per token; null: paced in this process
   */
  public PropexoAdapter(PropexoSettings settings, ConnectionResolver connections, String fallbackConnectionId,
      SharedPacing shared, ObjectMapper json) {
    this.settings = settings;
    this.exchanges = new ConnectionExchanges(ProviderApi.PROPEXO, settings.connection(), connections,
        fallbackConnectionId, connection -> new PropexoProtocol(connection.credential("token")), json, shared);
  }

  private static ResolvedConnection fixed(PropexoSettings settings) {
    if (settings.token() == null || settings.token().isBlank()) {
      throw new IllegalArgumentException("Propexo token is required");
    }
    return new ResolvedConnection("configured", ProviderApi.PROPEXO, settings.connection().baseUrl(),
        Map.of("token", settings.token()), null, null, 0);
  }

  /** The exchange of the connection of the posting this call works for. */
  private ProviderExchange client() {
    return exchanges.current();
  }

  @Override
  public PropexoJob submitPropertywarePayment(PropertywarePayment payment) {
    return submit(Route.of("POST", "/v1/resident-payments/propertyware_rest/"), PropertywarePaymentBody.of(payment));
  }

  @Override
  public PropexoJob submitResmanPayment(ResmanPayment payment) {
    return submit(Route.of("POST", "/v1/resident-payments/resman/"), ResmanPaymentBody.of(payment));
  }

  @Override
  public SubmittedJob submitPropertywarePaymentAndLook(PropertywareSubmit submit) {
    return FirstLook.at(this, submitPropertywarePayment(submit.payment()), submit.firstLookAfter(), true);
  }

  @Override
  public SubmittedJob submitResmanPaymentAndLook(ResmanSubmit submit) {
    return FirstLook.at(this, submitResmanPayment(submit.payment()), submit.firstLookAfter(), false);
  }

  @Override
  public SyncedPaymentMatches awaitSyncedResidentPayment(SyncedPaymentWatch watch) {
    List<ResidentPayment> candidates = findResidentPayments(watch.search());
    List<String> matching = candidates.stream().filter(watch.match()::matches).map(ResidentPayment::id).toList();
    if (matching.isEmpty()) {
      // The retry policy of this activity is the watch loop, paced by the sync interval: a benign failure.
      throw ApplicationFailure.newBuilder()
          .setType(FailureKind.RECORD_NOT_SYNCED.name())
          .setMessage("none of " + candidates.size() + " synced resident payments of resident "
              + watch.search().residentId() + " matches " + watch.match().describe())
          .setCategory(ApplicationErrorCategory.BENIGN)
          .build();
    }
    return new SyncedPaymentMatches(matching, candidates.size());
  }

  @Override
  public PropexoJob submitResidentCharge(ResidentCharge charge) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("integration_id", charge.integrationId());
    if (charge.leaseId() != null) {
      body.put("lease_id", charge.leaseId());
    }
    body.put("resident_id", charge.residentId());
    body.put("amount_in_cents", charge.amountInCents());
    body.put("transaction_date", charge.transactionDate().toString());
    body.put("description", charge.description());
    body.put("reference_number", charge.referenceNumber());
    body.put("batch_id", charge.batchId());
    ProviderAnswer answer = client().send(Call.WRITE, Route.of("POST", "/v1/resident-charges/"), body);
    // resident charges answer {"job_id", "data"} (openapi excerpt), resident payments {"meta": {"job_id"}}
    String jobId = answer.body().path("job_id").asText(null);
    if (jobId == null || jobId.isBlank()) {
      throw ProviderFailures.failure(FailureKind.UNKNOWN_OUTCOME,
          "Propexo accepted the resident charge but returned no job_id", null, null);
    }
    return new PropexoJob(jobId);
  }

  @Override
  public List<ResidentChargeRecord> findResidentCharges(ResidentChargeSearch search) {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("integration_id", search.integrationId());
    filters.put("resident_id", search.residentId());
    filters.put("limit", String.valueOf(settings.pageSize()));
    List<ResidentChargeRecord> found = new ArrayList<>();
    int offset = 0;
    for (int page = 0; page < settings.maxPages(); page++) {
      filters.put("offset", String.valueOf(offset));
      ProviderAnswer answer = client().send(Call.READ, Route.of("GET", "/v1/resident-charges/").withQuery(filters),
          null);
      JsonNode results = answer.body().path("results");
      results.forEach(result -> found.add(new ResidentChargeRecord(textOrNull(result, "id"),
          result.hasNonNull("amount_in_cents") ? result.get("amount_in_cents").asLong() : null,
          textOrNull(result, "reference_number"))));
      offset += results.size();
      if (!answer.body().path("meta").path("hasMore").asBoolean(false) || results.isEmpty()) {
        return found;
      }
    }
    return found;
  }

  private PropexoJob submit(Route route, Object body) {
    ProviderAnswer answer = client().send(Call.WRITE, route, body);
    String jobId = answer.body().path("meta").path("job_id").asText(null);
    if (jobId == null || jobId.isBlank()) {
      // A 200 without a job id: something was accepted, but we cannot follow it.
      throw ProviderFailures.failure(FailureKind.UNKNOWN_OUTCOME,
          "Propexo accepted the payment but returned no meta.job_id", null, null);
    }
    return new PropexoJob(jobId);
  }

  @Override
  public WriteStatus awaitWriteStatus(PropexoJob job) {
    ProviderAnswer answer = client().send(Call.READ, Route.of("GET", "/v1/admin/write-status/{id}", job.jobId()),
        null);
    JsonNode body = answer.body();
    String status = body.path("write_status").asText("");
    if (WriteStatus.PENDING.equals(status)) {
      // The retry policy of this activity is the poll loop: a benign failure, not an error.
      throw ApplicationFailure.newBuilder()
          .setType(FailureKind.JOB_PENDING.name())
          .setMessage("Propexo job " + job.jobId() + " is still PENDING")
          .setCategory(ApplicationErrorCategory.BENIGN)
          .build();
    }
    if (!List.of(WriteStatus.SUCCESS, WriteStatus.PARTIAL_SUCCESS, WriteStatus.FAILURE).contains(status)) {
      throw ProviderFailures.failure(FailureKind.PROVIDER_UNAVAILABLE,
          "Propexo write-status of " + job.jobId() + " has an unknown write_status '" + status + "'", null, null);
    }
    List<String> errors = new ArrayList<>();
    body.path("errors").forEach(error -> errors.add(error.isTextual() ? error.asText() : error.toString()));
    JsonNode created = body.path("created_record_id");
    return new WriteStatus(status, errors, created.isTextual() ? created.asText() : null);
  }

  @Override
  public ResidentPaymentLookup readResidentPayment(ResidentPaymentRef ref) {
    return client().sendAllowingNotFound(Call.READ, Route.of("GET", "/v1/resident-payments/{id}", ref.id()))
        .map(answer -> new ResidentPaymentLookup(ref.id(), toPayment(answer.body().path("results"))))
        .orElseGet(() -> new ResidentPaymentLookup(ref.id(), null));
  }

  @Override
  public List<ResidentPayment> findResidentPayments(ResidentPaymentSearch search) {
    Map<String, String> filters = new LinkedHashMap<>();
    filters.put("integration_id", search.integrationId());
    filters.put("resident_id", search.residentId());
    filters.put("lease_id", search.leaseId());
    filters.put("transaction_date_start", search.transactionDateStart().toString());
    filters.put("transaction_date_end", search.transactionDateEnd().toString());
    filters.put("limit", String.valueOf(settings.pageSize()));
    List<ResidentPayment> found = new ArrayList<>();
    int offset = 0;
    for (int page = 0; page < settings.maxPages(); page++) {
      filters.put("offset", String.valueOf(offset));
      ProviderAnswer answer = client().send(Call.READ, Route.of("GET", "/v1/resident-payments/").withQuery(filters),
          null);
      JsonNode results = answer.body().path("results");
      results.forEach(result -> found.add(toPayment(result)));
      offset += results.size();
      if (!answer.body().path("meta").path("hasMore").asBoolean(false) || results.isEmpty()) {
        return found;
      }
    }
    throw ProviderFailures.failure(FailureKind.PROVIDER_UNAVAILABLE, "Propexo search for resident "
        + search.residentId() + " has more than " + settings.maxPages() + " pages; narrow the window", null, null);
  }

  private static ResidentPayment toPayment(JsonNode record) {
    JsonNode amount = record.path("amount_in_cents");
    return new ResidentPayment(
        record.path("id").asText(null),
        textOrNull(record, "integration_id"),
        textOrNull(record, "resident_id"),
        textOrNull(record, "lease_id"),
        amount.isIntegralNumber() ? amount.asLong() : null,
        textOrNull(record, "reference_number"),
        textOrNull(record, "transaction_date"),
        textOrNull(record, "description"),
        textOrNull(record, "created_at"));
  }

  private static String textOrNull(JsonNode record, String field) {
    JsonNode value = record.path(field);
    return value.isTextual() ? value.asText() : null;
  }
}
