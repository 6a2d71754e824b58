package dev.postings.starter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.reversal.ReversalStatus;
import dev.postings.starter.api.PostingService.StartOutcome;
import dev.postings.starter.reversal.PostingReversals;
import dev.postings.directory.PostingDirectory;
import dev.postings.directory.PostingQuery;
import dev.postings.model.FieldError;
import dev.postings.model.Provider;
import dev.postings.starter.timeline.TimelineService;
import dev.postings.workflow.PostingState;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Start a posting (idempotent), read its status and timeline (roles service and operator), and list postings by state,
 * provider, age and reference with counts per state.
 */
@RestController
@RequestMapping("/api/postings")
@Tag(name = "postings", description = "start, read and list postings")
public class PostingController {

  /** Longer than any provider's reference (the request allows postings.policy.limits.max-reference-length). */
  private static final int MAX_REFERENCE_LENGTH = 100;
  static final int DEFAULT_LIMIT = 50;
  static final int MAX_LIMIT = 200;

  private final PostingService postings;
  private final PostingDirectory directory;
  private final TimelineService timelines;
  private final int maxBodyBytes;
  private final ObjectProvider<PostingReversals> reversals;
  private final ObjectMapper json;

  public PostingController(PostingService postings, PostingDirectory directory, TimelineService timelines,
      @Value("${postings.api.max-body-bytes}") int maxBodyBytes, ObjectProvider<PostingReversals> reversals,
      ObjectMapper json) {
    this.postings = postings;
    this.directory = directory;
    this.timelines = timelines;
    this.maxBodyBytes = maxBodyBytes;
    this.reversals = reversals;
    this.json = json;
  }

  @Operation(summary = "list postings, newest first, with counts per state",
      description = "Filters combine (AND); a repeated state or provider means any of them. `counts` counts every"
          + " state under the provider, age and reference filters. `olderThan` is the posting's age since it"
          + " started (ISO-8601 like PT1H, or 90m, 2h, 3d).")
  @GetMapping
  ResponseEntity<?> list(
      @Parameter(description = "posting state, repeatable") @RequestParam(name = "state", required = false)
      List<String> states,
      @Parameter(description = "provider, repeatable") @RequestParam(name = "provider", required = false)
      List<String> providers,
      @Parameter(description = "started at least this long ago") @RequestParam(required = false) String olderThan,
      @Parameter(description = "exact reference number") @RequestParam(required = false) String reference,
      @Parameter(description = "page size, 1-" + MAX_LIMIT) @RequestParam(required = false) String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor) {
    List<FieldError> errors = new ArrayList<>();
    Set<PostingState> wantedStates = EnumSet.noneOf(PostingState.class);
    for (String state : split(states)) {
      try {
        wantedStates.add(PostingState.valueOf(state));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("state", "must be one of " + Arrays.toString(PostingState.values())));
      }
    }
    Set<Provider> wantedProviders = EnumSet.noneOf(Provider.class);
    for (String provider : split(providers)) {
      try {
        wantedProviders.add(Provider.valueOf(provider));
      } catch (IllegalArgumentException unknown) {
        errors.add(new FieldError("provider", "must be one of " + Arrays.toString(Provider.values())));
      }
    }
    Duration age = null;
    if (olderThan != null) {
      try {
        age = DurationStyle.detectAndParse(olderThan.trim());
        if (age.isNegative()) {
          errors.add(new FieldError("olderThan", "must not be negative"));
        }
      } catch (IllegalArgumentException malformed) {
        errors.add(new FieldError("olderThan", "must be a duration such as PT1H, 90m, 2h or 3d"));
      }
    }
    if (reference != null && (reference.isEmpty() || reference.length() > MAX_REFERENCE_LENGTH)) {
      errors.add(new FieldError("reference", "must be 1-" + MAX_REFERENCE_LENGTH + " characters"));
    }
    int pageSize = pageSize(limit, errors);
    if (!errors.isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(errors.stream().distinct().toList()));
    }
    try {
      return ResponseEntity.ok(directory.list(new PostingQuery(wantedStates, wantedProviders, age, reference,
          pageSize, cursor == null || cursor.isBlank() ? null : cursor)));
    } catch (PostingDirectory.InvalidCursor invalid) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("cursor", invalid.getMessage()));
    }
  }

  /** The {@code limit} parameter, {@link #DEFAULT_LIMIT} when absent; an error naming it when out of range. */
  static int pageSize(String limit, List<FieldError> errors) {
    if (limit == null) {
      return DEFAULT_LIMIT;
    }
    int pageSize;
    try {
      pageSize = Integer.parseInt(limit.trim());
    } catch (NumberFormatException notANumber) {
      pageSize = -1;
    }
    if (pageSize < 1 || pageSize > MAX_LIMIT) {
      errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
    }
    return pageSize;
  }

  /** {@code state=A&state=B} and {@code state=A,B} alike. */
  static List<String> split(List<String> values) {
    List<String> all = new ArrayList<>();
    if (values != null) {
      for (String value : values) {
        for (String part : value.split(",")) {
          if (!part.isBlank()) {
            all.add(part.trim().toUpperCase());
          }
        }
      }
    }
    return all;
  }

  @Operation(summary = "a posting's timeline: its steps and the Temporal history behind each, in words")
  @GetMapping("/{postingId}/timeline")
  ResponseEntity<?> timeline(@PathVariable String postingId) {
    return timelines.timeline(postingId)
        .<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.notFound(postingId)));
  }

  @Operation(summary = "start a posting (idempotent on postingId)",
      description = "202 for a new posting, 200 for the same request again, 409 for a different request under an"
          + " existing postingId, 400 naming every field at fault. Optional callbackUrl (http/https): a signed POST"
          + " on every terminal state.")
  // JSON only (consumes): another content type is a 415 (ApiFailures), never a body read as JSON anyway. The body is
  // taken as bytes and decoded strictly: JSON between systems is UTF-8 (RFC 8259 section 8.1), and a lenient decoding
  // would turn bytes that are not into U+FFFD and post that.
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> start(@RequestBody(required = false) byte[] bytes) {
    if (bytes != null && bytes.length > maxBodyBytes) {
      return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE)
          .body(ErrorResponse.of("body", "must be at most " + maxBodyBytes + " bytes"));
    }
    String body;
    try {
      body = bytes == null ? null : StandardCharsets.UTF_8.newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException notUtf8) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("body", "is not valid UTF-8"));
    }
    StartOutcome outcome = postings.start(body);
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
  ResponseEntity<?> status(@PathVariable String postingId) {
    return postings.status(postingId)
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
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.notFound(postingId)));
  }
}
