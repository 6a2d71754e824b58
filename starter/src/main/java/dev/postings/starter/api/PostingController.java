package dev.postings.starter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.directory.PostingDirectory;
import dev.postings.reversal.ReversalStatus;
import dev.postings.starter.api.PostingService.StartOutcome;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.errors.ErrorResponse;
import dev.postings.starter.reversal.PostingReversals;
import dev.postings.starter.timeline.TimelineService;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Start a posting (idempotent), read its status and timeline, and list postings by state, provider, age and reference
 * with counts per state. Roles service and operator; a service sees only its own service's postings (another's answers
 * 404, like one that does not exist), an operator sees all.
 */
@RestController
@RequestMapping("/api/postings")
@Tag(name = "postings", description = "start, read and list postings")
public class PostingController {

  private final PostingService postings;
  private final PostingDirectory directory;
  private final TimelineService timelines;
  private final ObjectProvider<PostingReversals> reversals;
  private final ObjectMapper json;

  public PostingController(PostingService postings, PostingDirectory directory, TimelineService timelines,
      ObjectProvider<PostingReversals> reversals, ObjectMapper json) {
    this.postings = postings;
    this.directory = directory;
    this.timelines = timelines;
    this.reversals = reversals;
    this.json = json;
  }

  @Operation(summary = "list postings, newest first, with counts per state",
      description = "Filters combine (AND); a repeated state or provider means any of them. `counts` counts every"
          + " state under the provider, age and reference filters. `olderThan` is the posting's age since it"
          + " started (ISO-8601 like PT1H, or 90m, 2h, 3d; at most 3660d). `connection`, `amount` and the"
          + " transaction dates narrow the list from the registry. A service's key lists its own service's"
          + " postings only.")
  @GetMapping
  ResponseEntity<?> list(
      @Parameter(description = "posting state, repeatable") @RequestParam(name = "state", required = false)
      List<String> states,
      @Parameter(description = "provider, repeatable") @RequestParam(name = "provider", required = false)
      List<String> providers,
      @Parameter(description = "started at least this long ago") @RequestParam(required = false) String olderThan,
      @Parameter(description = "exact reference number") @RequestParam(required = false) String reference,
      @Parameter(description = "page size, 1-" + PostingListRequest.MAX_LIMIT) @RequestParam(required = false)
      String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
      @Parameter(description = "only postings to this connection (customer account)")
      @RequestParam(required = false) String connection,
      @Parameter(description = "exact amount in minor units (cents, pence)") @RequestParam(required = false)
      String amount,
      @Parameter(description = "transaction date on or after, YYYY-MM-DD") @RequestParam(required = false)
      String transactionDateFrom,
      @Parameter(description = "transaction date on or before, YYYY-MM-DD") @RequestParam(required = false)
      String transactionDateTo,
      @Parameter(hidden = true) HttpServletRequest http, @AuthenticationPrincipal ApiCaller caller) {
    // The parameters above are declared for the OpenAPI document; they are read as sent, from the request's map, so
    // that a repeated one is an error rather than two values joined with a comma.
    PostingListRequest request = PostingListRequest.of(http.getParameterMap(),
        caller.seesEveryPosting() ? null : caller.service());
    if (!request.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(request.errors()));
    }
    try {
      return ResponseEntity.ok(directory.list(request.query()));
    } catch (PostingDirectory.InvalidCursor invalid) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("cursor", "is not the nextCursor of a previous page"));
    }
  }

  @Operation(summary = "a posting's timeline: its steps and the Temporal history behind each, in words")
  @GetMapping("/{postingId}/timeline")
  ResponseEntity<?> timeline(@PathVariable String postingId, @AuthenticationPrincipal ApiCaller caller) {
    if (!postings.isVisible(postingId, caller)) {
      return notFound(postingId);
    }
    return timelines.timeline(postingId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> notFound(postingId));
  }

  @Operation(summary = "start a posting (idempotent on postingId)",
      description = "202 for a new posting, 200 for the same request again, 409 for a different request under an"
          + " existing postingId (or one another service used), 400 naming every field at fault, 413 for a body over"
          + " 64 KiB. Optional callbackUrl (http/https): a signed POST on every terminal state.")
  // JSON only (consumes): another content type is a 415 (ApiFailures), never a body read as JSON anyway. The body is
  // taken as bytes and decoded strictly: JSON between systems is UTF-8 (RFC 8259 section 8.1), and a lenient decoding
  // would turn bytes that are not into U+FFFD and post that. Its size is bounded before it is read (BodyLimitFilter).
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> start(@RequestBody(required = false) byte[] bytes, @AuthenticationPrincipal ApiCaller caller) {
    String body;
    try {
      body = bytes == null ? null : StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("body", "is not valid UTF-8"));
    }
    StartOutcome outcome = postings.start(body, caller.service());
    if (outcome instanceof StartOutcome.Started started) {
      return ResponseEntity.status(HttpStatus.ACCEPTED).body(started.posting());
    }
    if (outcome instanceof StartOutcome.AlreadyExists existing) {
      return ResponseEntity.ok(existing.posting());
    }
    if (outcome instanceof StartOutcome.Conflict conflict) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.of("postingId",
          "posting " + conflict.postingId() + " already exists with a different request"));
    }
    return ResponseEntity.badRequest().body(new ErrorResponse(((StartOutcome.Invalid) outcome).errors()));
  }

  @Operation(summary = "a posting's status: state, step, ids, timeline",
      description = "With `reversal` when the posting has one (reversal-<postingId>): its state and, for an operator"
          + " task, what to check and reverse by hand.")
  @GetMapping("/{postingId}")
  ResponseEntity<?> status(@PathVariable String postingId, @AuthenticationPrincipal ApiCaller caller) {
    return postings.status(postingId, caller)
        .<ResponseEntity<?>>map(status -> {
          PostingReversals reversal = reversals.getIfAvailable();
          Optional<ReversalStatus> reversed = reversal == null ? Optional.empty() : reversal.status(postingId);
          if (reversed.isEmpty()) {
            return ResponseEntity.ok(status);
          }
          ObjectNode answer = json.valueToTree(status);
          answer.set("reversal", json.valueToTree(reversed.get()));
          return ResponseEntity.ok(answer);
        })
        .orElseGet(() -> notFound(postingId));
  }

  private static ResponseEntity<?> notFound(String postingId) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.notFound(postingId));
  }
}
