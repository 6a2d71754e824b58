package dev.postings.starter.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.directory.PostingDirectory;
import dev.postings.directory.ReversalTasks;
import dev.postings.starter.api.PostingActionsController.ActionBody;
import dev.postings.starter.contract.RequestContract;
import dev.postings.starter.contract.RequestContract.ActionSchema;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.errors.ErrorResponse;
import dev.postings.starter.reversal.PostingReversals;
import dev.postings.starter.reversal.ReversalRefused;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
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
 * Reversals for operators (role operator): the list of reversals by state and provider (the ones waiting for a person
 * are NEEDS_ATTENTION and ESCALATED), one reversal with what to check and reverse by hand, and "reversed by hand",
 * recorded with the API key's name.
 */
@RestController
@RequestMapping("/api/reversals")
@Tag(name = "reversals", description = "reversals of postings, and operator tasks to reverse by hand (role operator)")
public class ReversalController {

  private final ReversalTasks directory;
  private final ObjectProvider<PostingReversals> reversals;
  private final ObjectMapper json;
  private final RequestContract contract;

  public ReversalController(ReversalTasks directory, ObjectProvider<PostingReversals> reversals, ObjectMapper json,
      RequestContract contract) {
    this.directory = directory;
    this.reversals = reversals;
    this.json = json;
    this.contract = contract;
  }

  @Operation(summary = "list reversals, newest first, with counts per state",
      description = "Operator tasks to reverse by hand are NEEDS_ATTENTION (ESCALATED past their deadline). A repeated"
          + " state or provider means any of them; `counts` ignores the state filter.")
  @GetMapping
  ResponseEntity<?> list(
      @Parameter(description = "reversal state, repeatable") @RequestParam(name = "state", required = false)
      List<String> states,
      @Parameter(description = "provider, repeatable") @RequestParam(name = "provider", required = false)
      List<String> providers,
      @Parameter(description = "page size, 1-" + PostingListRequest.MAX_LIMIT) @RequestParam(required = false)
      String limit,
      @Parameter(description = "nextCursor of the previous page") @RequestParam(required = false) String cursor,
      @Parameter(hidden = true) HttpServletRequest http) {
    // declared above for the OpenAPI document; read as sent, so that a repeated one is an error
    ReversalListRequest request = ReversalListRequest.of(http.getParameterMap());
    if (!request.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(request.errors()));
    }
    try {
      return ResponseEntity.ok(directory.list(request.query()));
    } catch (PostingDirectory.InvalidCursor invalid) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("cursor", "is not the nextCursor of a previous page"));
    }
  }

  @Operation(summary = "a posting's reversal: its state, what to check and reverse by hand, deadlines, timeline")
  @GetMapping("/{postingId}")
  ResponseEntity<?> reversal(@PathVariable String postingId) {
    PostingReversals reversal = reversals.getIfAvailable();
    if (reversal == null) {
      return notImplemented();
    }
    return reversal.status(postingId).<ResponseEntity<?>>map(ResponseEntity::ok)
        .orElseGet(() -> noReversal(postingId));
  }

  @Operation(summary = "the posting was reversed by hand: ends its reversal's operator task REVERSED",
      description = "NEEDS_ATTENTION or ESCALATED only (409 otherwise, with the reversal's reason). Body {\"note\"}:"
          + " how it was reversed (the entry's id in the provider's system). The API key's name is recorded as who"
          + " did it.")
  @PostMapping(path = "/{postingId}/done", consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<?> done(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = PostingActionsController.body(json, contract, raw, ActionSchema.REVERSED_BY_HAND).require("note");
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    PostingReversals reversal = reversals.getIfAvailable();
    if (reversal == null) {
      return notImplemented();
    }
    try {
      return reversal.reversedByHand(postingId, body.text("note"), caller.name())
          .<ResponseEntity<?>>map(ResponseEntity::ok)
          .orElseGet(() -> noReversal(postingId));
    } catch (ReversalRefused refused) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.refused(refused.getMessage()));
    }
  }

  private static ResponseEntity<?> noReversal(String postingId) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.of("not_found", "postingId",
        "no reversal of posting " + postingId));
  }

  private static ResponseEntity<?> notImplemented() {
    return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(ErrorResponse.withoutFields("not_implemented",
        "reversals are not available in this deployment"));
  }
}
