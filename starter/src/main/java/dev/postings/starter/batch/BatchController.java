package dev.postings.starter.batch;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.postings.batch.BatchFormat;
import dev.postings.batch.BatchRecord;
import dev.postings.batch.BatchStore;
import dev.postings.batch.InvalidRows;
import dev.postings.connections.Connection;
import dev.postings.connections.ConnectionStore;
import dev.postings.starter.bodylimit.BodyTooLarge;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.errors.ErrorResponse;
import io.swagger.v3.oas.annotations.Operation;
import jakarta.servlet.http.HttpServletRequest;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * Settlement batches: a day's postings as one file in, its progress and every row's outcome out
 * (docs/batches.md). A service sees its own batches only; another's answers like one that does not exist.
 */
@RestController
@RequestMapping("/api/batches")
public class BatchController {

  static final String CSV = "text/csv";
  static final String JSON_LINES = "application/x-ndjson";
  static final String JSONL = "application/jsonl";
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  private static final Pattern CONNECTION_ID = Pattern.compile("[a-z0-9][a-z0-9-]{1,62}");

  private final BatchIntake intake;
  private final BatchStore store;
  private final ObjectProvider<ConnectionStore> connections;
  private final int listedErrors;

  public BatchController(BatchIntake intake, BatchStore store, ObjectProvider<ConnectionStore> connections,
      BatchSettings settings) {
    this.intake = intake;
    this.store = store;
    this.connections = connections;
    this.listedErrors = settings.listedErrors();
  }

  @Operation(summary = "send a batch of postings (CSV with the documented header, or JSON Lines)",
      description = "The file is read whole and every row checked before any starts; the valid rows then start in the"
          + " background, at a pace. batchId is the idempotency key: the same file again answers 200, another file"
          + " 409. invalidRows=REFUSE (default) refuses the file when a row is invalid (422, every row listed, nothing"
          + " stored); LEAVE_OUT stores the valid rows and lists the others (202). connectionId: the connection the"
          + " batch is for; a row naming none is posted on it, a row naming another is invalid.")
  // the body is read here, as a stream: consumes names the two formats, anything else is a 415 (ApiFailures)
  @PostMapping(path = "/{batchId}", consumes = {CSV, JSON_LINES, JSONL})
  ResponseEntity<?> receive(@PathVariable String batchId,
      @RequestParam(name = "invalidRows", required = false) String invalidRows,
      @RequestParam(name = "connectionId", required = false) String connectionId, HttpServletRequest request,
      @AuthenticationPrincipal ApiCaller caller) {
    if (!BATCH_ID.matcher(batchId).matches()) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("batchId",
          "must be 1-100 letters, digits, '.', '_', ':' or '-', starting with a letter or digit"));
    }
    Optional<InvalidRows> policy = policy(invalidRows);
    if (policy.isEmpty()) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("invalidRows", "must be REFUSE or LEAVE_OUT"));
    }
    Optional<String> connectionRefusal = connectionRefusal(connectionId);
    if (connectionRefusal.isPresent()) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("connectionId", connectionRefusal.get()));
    }
    BatchFormat format = MediaType.parseMediaType(request.getContentType()).isCompatibleWith(MediaType.valueOf(CSV))
        ? BatchFormat.CSV : BatchFormat.JSON_LINES;
    BatchIntake.Intake outcome;
    try {
      outcome = intake.receive(batchId, caller.service(), format, policy.get(), connectionId, request.getInputStream());
    } catch (BatchFileRefused refused) {
      return ResponseEntity.badRequest().body(ErrorResponse.of(refused.field(), refused.getMessage()));
    } catch (IOException | UncheckedIOException failure) {
      BodyTooLarge tooLarge = BodyTooLarge.in(failure);
      if (tooLarge != null) {
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).body(tooLarge.answer());
      }
      throw failure instanceof UncheckedIOException unchecked ? unchecked
          : new UncheckedIOException((IOException) failure);
    }
    if (outcome instanceof BatchIntake.Intake.Stored stored) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(BatchView.of(stored.batch(),
          store.counts(batchId), stored.invalid(), stored.invalidNotListed()));
    }
    if (outcome instanceof BatchIntake.Intake.SameFile same) {
      return ResponseEntity.ok(BatchView.of(same.batch(), store.counts(batchId), null, null));
    }
    if (outcome instanceof BatchIntake.Intake.Conflict) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.of("batchId",
          "batch " + batchId + " already exists with another file"));
    }
    BatchIntake.Intake.Refused refused = (BatchIntake.Intake.Refused) outcome;
    return ResponseEntity.unprocessableEntity().body(new RefusedBatch("invalid_rows", batchId, refused.rowsRead(),
        refused.invalid(), refused.invalidNotListed()));
  }

  /**
   * Why the batch's connection cannot take its rows, or empty (none given, or one that exists and is active). Checked
   * before the file is read: a batch for a connection that does not exist would only fill up with refused starts.
   */
  private Optional<String> connectionRefusal(String connectionId) {
    if (connectionId == null) {
      return Optional.empty();
    }
    if (!CONNECTION_ID.matcher(connectionId).matches()) {
      return Optional.of("must be 2-63 lower-case letters, digits and dashes");
    }
    ConnectionStore stored = connections.getIfAvailable();
    if (stored == null) {
      return Optional.empty();
    }
    Optional<Connection> connection = stored.find(connectionId);
    if (connection.isEmpty()) {
      return Optional.of("names no connection " + connectionId + " (GET /api/connections)");
    }
    return connection.get().active() ? Optional.empty() : Optional.of("connection " + connectionId + " is disabled");
  }

  /** The answer to a file refused for its invalid rows: nothing stored, the id still free. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  record RefusedBatch(String error, String batchId, int rowsRead, List<InvalidRow> invalid, int invalidNotListed) {}

  @Operation(summary = "a batch's progress: rows read, valid, started; its postings by state; the rows left out as"
      + " invalid (leftOut: line, postingId, fields)")
  @GetMapping("/{batchId}")
  ResponseEntity<?> batch(@PathVariable String batchId, @AuthenticationPrincipal ApiCaller caller) {
    return visible(batchId, caller)
        .<ResponseEntity<?>>map(batch -> ResponseEntity.ok(BatchView.of(batch, store.counts(batchId), null, null,
            store.invalidRows(batchId, listedErrors))))
        .orElseGet(() -> notFound(batchId));
  }

  @Operation(summary = "every row's outcome as CSV: line, postingId, start, state, recordId, attentionCode,"
      + " invalidFields (one line per row of the file; a row left out as invalid has start INVALID and its fields)")
  @GetMapping(path = "/{batchId}/results", produces = CSV)
  ResponseEntity<StreamingResponseBody> results(@PathVariable String batchId,
      @AuthenticationPrincipal ApiCaller caller) {
    if (visible(batchId, caller).isEmpty()) {
      throw new NoBatch(batchId);
    }
    StreamingResponseBody body = out -> {
      BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
      writer.write("line,postingId,start,state,recordId,attentionCode,invalidFields\r\n");
      store.results(batchId, result -> {
        try {
          writer.write(result.line() + "," + cell(result.postingId()) + "," + cell(result.startOutcome()) + ","
              + cell(result.state()) + "," + cell(result.recordId()) + "," + cell(result.attentionCode()) + ","
              + cell(result.invalidFields()) + "\r\n");
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
      writer.flush();
    };
    return ResponseEntity.ok().contentType(MediaType.valueOf(CSV + ";charset=UTF-8"))
        .header("Content-Disposition", "attachment; filename=\"" + batchId + "-results.csv\"").body(body);
  }

  /** A batch this caller may not see, or none: the same 404 either way, in the API's JSON. */
  static final class NoBatch extends RuntimeException {
    NoBatch(String batchId) {
      super(batchId, null, false, false);
    }
  }

  @ExceptionHandler(NoBatch.class)
  ResponseEntity<ErrorResponse> noBatch(NoBatch missing) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
        .body(ErrorResponse.of("batchId", "no batch " + (BATCH_ID.matcher(missing.getMessage()).matches()
            ? missing.getMessage() : "with this id")));
  }

  private Optional<BatchRecord> visible(String batchId, ApiCaller caller) {
    if (!BATCH_ID.matcher(batchId).matches()) {
      return Optional.empty();
    }
    return store.find(batchId).filter(batch -> caller.seesEveryPosting() || batch.owner().equals(caller.service()));
  }

  private static ResponseEntity<?> notFound(String batchId) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.of("batchId",
        "no batch " + (BATCH_ID.matcher(batchId).matches() ? batchId : "with this id")));
  }

  private static Optional<InvalidRows> policy(String given) {
    if (given == null || given.isBlank()) {
      return Optional.of(InvalidRows.REFUSE);
    }
    try {
      return Optional.of(InvalidRows.valueOf(given.trim().toUpperCase(Locale.ROOT)));
    } catch (IllegalArgumentException unknown) {
      return Optional.empty();
    }
  }

  /** A CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break; a formula is defused. */
  static String cell(String value) {
    if (value == null) {
      return "";
    }
    String text = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 ? "'" + value : value;
    return text.matches("[^,\"\r\n]*") ? text : "\"" + text.replace("\"", "\"\"") + "\"";
  }
}
