package dev.postings.starter.reconciliation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.connections.Connection;
import dev.postings.connections.ConnectionStore;
import dev.postings.model.FieldError;
import dev.postings.reconciliation.ReconciliationItem;
import dev.postings.reconciliation.ReconciliationReports;
import dev.postings.reconciliation.ReconciliationReports.StoredReport;
import dev.postings.reconciliation.ReconciliationStore;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.contract.RequestContract;
import dev.postings.starter.contract.RequestContract.ActionSchema;
import dev.postings.starter.errors.ErrorResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * {@code /api/reconciliations} (docs/reconciliation.md#the-api), role operator: start or join the reconciliation of a
 * connection's ledger for a day, list and read the reports (JSON, or the items as CSV with {@code Accept: text/csv}),
 * and resolve a report's operator task. Who starts or resolves is the API key's name, never a field of the body.
 */
@RestController
@RequestMapping(ReconciliationController.PATH)
@Tag(name = "reconciliations", description = "a connection's PMS ledger for a day against the registry (role operator)")
public class ReconciliationController {

  static final String PATH = "/api/reconciliations";
  static final String CSV = "text/csv";

  private final ReconciliationStarts starts;
  private final ReconciliationStore store;
  private final ReconciliationReports reports;
  private final ObjectProvider<ConnectionStore> connections;
  private final RequestContract contract;
  private final ObjectMapper json;
  private final Clock clock = Clock.systemUTC();

  public ReconciliationController(ReconciliationStarts starts, ReconciliationStore store,
      ReconciliationReports reports, ObjectProvider<ConnectionStore> connections, RequestContract contract,
      ObjectMapper json) {
    this.starts = starts;
    this.store = store;
    this.reports = reports;
    this.connections = connections;
    this.contract = contract;
    this.json = json;
  }

  @Operation(summary = "reconcile a connection's ledger for a day (or join the run already going)",
      description = "Body {\"connectionId\",\"day\"}: a connection of /api/connections, an ISO day not in the future and"
          + " within postings.reconciliation.max-age. 202 with the run's workflow id (reconciliation-<connection>-<day>)"
          + " and status STARTED, or JOINED when a run for that connection and day is already going; Location lists"
          + " that day's reports, where the run's report appears when it ends.")
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> start(@RequestBody(required = false) String raw, @AuthenticationPrincipal ApiCaller caller) {
    Optional<JsonNode> body = body(raw, ActionSchema.RECONCILIATION_START);
    if (body.isEmpty()) {
      return invalid(errors(raw, ActionSchema.RECONCILIATION_START));
    }
    String connectionId = body.get().get("connectionId").asText();
    Optional<Connection> connection = connectionStore().find(connectionId);
    if (connection.isEmpty()) {
      return invalid(List.of(new FieldError("connectionId", "is not a connection (see /api/connections)")));
    }
    if (!connection.get().active()) {
      return invalid(List.of(new FieldError("connectionId", "is disabled: its ledger cannot be read")));
    }
    ReconciliationStarts.DayCheck day = starts.check(body.get().get("day").asText());
    if (day.day().isEmpty()) {
      return invalid(List.of(new FieldError("day", day.refusal())));
    }
    ReconciliationStarts.Run run = starts.start(connectionId, day.day().get(), caller.name());
    String reportsUrl = PATH + "?connection=" + connectionId + "&day=" + day.day().get();
    return ResponseEntity.accepted().location(URI.create(reportsUrl)).body(new ReconciliationView.Started(
        run.workflowId(), connectionId, day.day().get(), run.joined() ? "JOINED" : "STARTED", run.startedAt(),
        reportsUrl));
  }

  @Operation(summary = "reconciliation reports, newest first, with their counts by outcome",
      description = "openTasks counts every report whose operator task is open (a MISSING, CHANGED or UNEXPECTED item"
          + " not yet resolved).")
  @GetMapping
  ResponseEntity<?> list(
      @Parameter(description = "connection id") @RequestParam(name = "connection", required = false) String connection,
      @Parameter(description = "transaction day, yyyy-mm-dd") @RequestParam(name = "day", required = false) String day,
      @Parameter(description = "true: only reports whose operator task is open")
      @RequestParam(name = "open", required = false) String open,
      @Parameter(description = "page size, 1-" + ReconciliationListRequest.MAX_LIMIT)
      @RequestParam(name = "limit", required = false) String limit) {
    ReconciliationListRequest request = ReconciliationListRequest.of(connection, day, open, limit);
    if (!request.errors().isEmpty()) {
      return invalid(request.errors());
    }
    List<ReconciliationView> page = reports.list(request.filter()).stream()
        .map(report -> ReconciliationView.of(report, null)).toList();
    return ResponseEntity.ok(new ReconciliationView.Page(page, reports.openCount()));
  }

  @Operation(summary = "a report with its items (JSON); with Accept: text/csv its items as CSV",
      description = "CSV columns: outcome,postingId,recordId,expectedAmountMinor,ledgerAmountMinor,detail. Amounts"
          + " and ids only, never a reference.")
  @GetMapping("/{reconciliationId}")
  ResponseEntity<?> report(@PathVariable String reconciliationId) {
    StoredReport report = find(reconciliationId);
    List<ReconciliationItem> items = new ArrayList<>();
    store.items(report.reconciliationId(), items::add);
    return ResponseEntity.ok(ReconciliationView.of(report, items));
  }

  // the same route asked for CSV (Spring prefers this one only when the caller accepts text/csv explicitly): items
  // streamed from the registry's cursor, so a report of any length is never held in memory
  @GetMapping(path = "/{reconciliationId}", produces = CSV)
  ResponseEntity<StreamingResponseBody> csv(@PathVariable String reconciliationId) {
    StoredReport report = find(reconciliationId);
    StreamingResponseBody body = out -> {
      BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      writer.write(ReconciliationCsv.HEADER);
      store.items(report.reconciliationId(), item -> ReconciliationCsv.line(writer, item));
      writer.flush();
    };
    return ResponseEntity.ok().contentType(MediaType.valueOf(CSV + ";charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"reconciliation-" + report.reconciliationId() + "-"
            + report.connectionId() + "-" + report.day() + ".csv\"").body(body);
  }

  @Operation(summary = "close a report's operator task: what was done about the disagreement",
      description = "Body {\"note\"}. 200 with the report; 409 when it has no open task (nothing for an operator, or"
          + " already resolved by someone or by a later run that found the ledger as the postings say).")
  @PostMapping(path = "/{reconciliationId}/resolve", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> resolve(@PathVariable String reconciliationId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    StoredReport report = find(reconciliationId);
    Optional<JsonNode> body = body(raw, ActionSchema.RECONCILIATION_RESOLUTION);
    if (body.isEmpty()) {
      return invalid(errors(raw, ActionSchema.RECONCILIATION_RESOLUTION));
    }
    if (!report.open() || !store.resolve(report.reconciliationId(), caller.name(),
        body.get().get("note").asText().trim(), clock.instant())) {
      StoredReport now = reports.find(report.reconciliationId()).orElse(report);
      String why = !now.needsOperator() ? "found nothing for an operator: there is no task to resolve"
          : "is already resolved by " + now.resolvedBy() + " at " + now.resolvedAt();
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.of("refused", "reconciliationId",
          "reconciliation " + report.reconciliationId() + " " + why));
    }
    return ResponseEntity.ok(ReconciliationView.of(reports.find(report.reconciliationId()).orElseThrow(), null));
  }

  // ------------------------------------------------------------------------------------------------ reading

  /** A report by the id the API gave it: a positive whole number; anything else is no report. */
  private StoredReport find(String reconciliationId) {
    long id;
    try {
      id = reconciliationId.length() > 19 ? -1 : Long.parseLong(reconciliationId);
    } catch (NumberFormatException notANumber) {
      id = -1;
    }
    if (id < 1) {
      throw new NoReconciliation(null);
    }
    long known = id;
    return reports.find(id).orElseThrow(() -> new NoReconciliation(known));
  }

  /** The body when it keeps its contract; empty otherwise ({@link #errors} says why). */
  private Optional<JsonNode> body(String raw, ActionSchema schema) {
    return errors(raw, schema).isEmpty() ? Optional.of(parse(raw)) : Optional.empty();
  }

  private List<FieldError> errors(String raw, ActionSchema schema) {
    JsonNode node;
    try {
      node = parse(raw);
    } catch (IllegalArgumentException malformed) {
      return List.of(new FieldError("body", malformed.getMessage()));
    }
    return contract.checkAction(schema, node);
  }

  private JsonNode parse(String raw) {
    JsonNode node;
    try {
      node = raw == null || raw.isBlank() ? json.createObjectNode() : json.readTree(raw);
    } catch (IOException malformed) {
      // Jackson's message is not passed on: it quotes the text around the fault
      throw new IllegalArgumentException("is not valid JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    return node;
  }

  private ConnectionStore connectionStore() {
    ConnectionStore store = connections.getIfAvailable();
    if (store == null) {
      throw new IllegalStateException("this starter has no registry database: connections cannot be read");
    }
    return store;
  }

  private static ResponseEntity<ErrorResponse> invalid(List<FieldError> errors) {
    return ResponseEntity.badRequest().body(new ErrorResponse(errors));
  }

  /** No report with this id (or an id the API never gives): JSON, whatever the caller accepts. */
  static final class NoReconciliation extends RuntimeException {
    final Long id;

    NoReconciliation(Long id) {
      super(null, null, false, false);
      this.id = id;
    }
  }

  @ExceptionHandler(NoReconciliation.class)
  ResponseEntity<ErrorResponse> noReconciliation(NoReconciliation missing) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
        .body(ErrorResponse.of("not_found", "reconciliationId", "no reconciliation "
            + (missing.id == null ? "with this id" : String.valueOf(missing.id))));
  }
}
