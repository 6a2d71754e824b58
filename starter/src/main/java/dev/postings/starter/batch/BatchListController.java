package dev.postings.starter.batch;

import dev.postings.batch.BatchListing;
import dev.postings.batch.BatchRecord;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.errors.ErrorResponse;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/batches}: the batches, newest first, a page at a time; operators see every service's, a service its
 * own. Each batch with what was read and its stored status; its counts by state are on its own page.
 */
@RestController
@RequestMapping("/api/batches")
public class BatchListController {

  static final int DEFAULT_LIMIT = 20;
  static final int MAX_LIMIT = 100;
  private static final Pattern LIMIT = Pattern.compile("[0-9]{1,4}");
  private static final Pattern BATCH_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

  /** A batch in a list: what was read, and whether its rows have all started. */
  public record BatchSummary(String batchId, String owner, String status, String format, String invalidRows,
      int rowsRead, int rowsValid, int rowsInvalid, Instant receivedAt, Instant startedAt, String url) {

    static BatchSummary of(BatchRecord batch) {
      return new BatchSummary(batch.batchId(), batch.owner(), batch.status().name(), batch.format().name(),
          batch.invalidRows().name(), batch.rowsRead(), batch.rowsValid(), batch.rowsInvalid(), batch.receivedAt(),
          batch.startedAt(), "/api/batches/" + batch.batchId());
    }
  }

  /** A page of batches; {@code nextCursor} is null on the last page. */
  public record BatchPage(List<BatchSummary> batches, String nextCursor) {}

  private final BatchListing listing;

  public BatchListController(BatchListing listing) {
    this.listing = listing;
  }

  @Operation(summary = "the batches, newest first (a service sees its own, operators every service's)")
  @GetMapping
  ResponseEntity<?> list(
      @Parameter(description = "page size, 1-" + MAX_LIMIT) @RequestParam(name = "limit", required = false)
      String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(name = "cursor", required = false)
      String cursor,
      @AuthenticationPrincipal ApiCaller caller) {
    int size = DEFAULT_LIMIT;
    if (limit != null) {
      if (!LIMIT.matcher(limit).matches() || Integer.parseInt(limit) < 1 || Integer.parseInt(limit) > MAX_LIMIT) {
        return ResponseEntity.badRequest().body(ErrorResponse.of("limit", "must be a whole number, 1-" + MAX_LIMIT));
      }
      size = Integer.parseInt(limit);
    }
    BatchListing.After after = null;
    if (cursor != null) {
      Optional<BatchListing.After> read = read(cursor);
      if (read.isEmpty()) {
        return ResponseEntity.badRequest().body(ErrorResponse.of("cursor",
            "is not a nextCursor of this list: start again without it"));
      }
      after = read.get();
    }
    BatchListing.Page page = listing.page(caller.seesEveryPosting() ? null : caller.service(), size, after);
    return ResponseEntity.ok(new BatchPage(page.batches().stream().map(BatchSummary::of).toList(),
        page.next() == null ? null : write(page.next())));
  }

  /** The cursor names where the page ended (the last batch's time and id); it tells nothing a page did not show. */
  static String write(BatchListing.After after) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("b|" + after.receivedAt() + "|"
        + after.batchId()).getBytes(StandardCharsets.UTF_8));
  }

  static Optional<BatchListing.After> read(String cursor) {
    try {
      String[] parts = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8).split("\\|", -1);
      if (parts.length != 3 || !parts[0].equals("b") || !BATCH_ID.matcher(parts[2]).matches()) {
        return Optional.empty();
      }
      return Optional.of(new BatchListing.After(Instant.parse(parts[1]), parts[2]));
    } catch (IllegalArgumentException | DateTimeException malformed) {
      return Optional.empty();
    }
  }
}
