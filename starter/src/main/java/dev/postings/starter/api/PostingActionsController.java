package dev.postings.starter.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.postings.model.FieldError;
import dev.postings.model.PostingRequest;
import dev.postings.starter.caller.ApiCaller;
import dev.postings.starter.errors.ErrorResponse;
import dev.postings.starter.reversal.PostingReversals;
import dev.postings.starter.reversal.ReversalAccepted;
import dev.postings.starter.reversal.ReversalRefused;
import dev.postings.starter.contract.RequestContract;
import dev.postings.starter.contract.RequestContract.ActionSchema;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingStep;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.RecordResolution;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' actions on a posting (role operator), each a validated Temporal update: the posting itself refuses an
 * action that does not fit its state (409 {@code {"error":"refused","message":<its reason>}}), and nothing changes then.
 * The API key's name is recorded as who asked, on the posting's timeline and in the log. Role operator only (the
 * security chain refuses every other caller before anything here runs).
 */
@RestController
// JSON bodies only: another declared content type is a 415 (found by BadInputEndToEndTest); an action without a body
// needs none (Spring's consumes condition lets a bodiless request through where the body is optional)
@RequestMapping(path = "/api/postings/{postingId}", consumes = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "actions", description = "operators act on a posting (role operator)")
public class PostingActionsController {

  private static final Logger log = LoggerFactory.getLogger(PostingActionsController.class);
  private final WorkflowClient client;
  private final PostingService postings;
  private final ObjectProvider<PostingReversals> reversals;
  private final ObjectMapper json;
  private final RequestContract contract;

  public PostingActionsController(WorkflowClient client, PostingService postings,
      ObjectProvider<PostingReversals> reversals, ObjectMapper json, RequestContract contract) {
    this.client = client;
    this.postings = postings;
    this.reversals = reversals;
    this.json = json;
    this.contract = contract;
  }

  /** The fields of an action's body, checked: unknown fields and wrong types are errors naming the field. */
  record ActionBody(JsonNode node, List<FieldError> errors) {

    String text(String name) {
      JsonNode value = node.get(name);
      return value == null || value.isNull() || !value.isTextual() || value.asText().isBlank() ? null
          : value.asText().trim();
    }

    ActionBody require(String name) {
      if (text(name) == null && errors.stream().noneMatch(error -> error.field().equals(name))) {
        errors.add(new FieldError(name, "is required"));
      }
      return this;
    }
  }

  private ActionBody body(String raw, ActionSchema schema) {
    return body(json, contract, raw, schema);
  }

  /**
   * An action's body (none is an empty object), checked against its schema in the request contract: unknown fields,
   * wrong types and missing required fields are errors naming the field.
   */
  static ActionBody body(ObjectMapper json, RequestContract contract, String raw, ActionSchema schema) {
    List<FieldError> errors = new ArrayList<>();
    JsonNode node;
    try {
      node = raw == null || raw.isBlank() ? json.createObjectNode() : json.readTree(raw);
    } catch (IOException malformed) {
      errors.add(new FieldError("body", "is not valid JSON"));
      return new ActionBody(json.createObjectNode(), errors);
    }
    if (node == null || !node.isObject()) {
      errors.add(new FieldError("body", "must be a JSON object"));
      return new ActionBody(json.createObjectNode(), errors);
    }
    errors.addAll(contract.checkAction(schema, node));
    return new ActionBody(node, errors);
  }

  @Operation(summary = "the payment is on the ledger as this record",
      description = "NEEDS_ATTENTION or AWAITING_APPROVAL: the record is read back and compared before CONFIRMED."
          + " Body {\"recordId\",\"note\"}.")
  @PostMapping("/resolve")
  ResponseEntity<?> resolve(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.RECORD_IDENTIFICATION).require("recordId");
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    String note = withRequester(body.text("note"), caller);
    return act("resolve", postingId, caller,
        posting -> posting.resolve(new RecordResolution(body.text("recordId"), note)));
  }

  @Operation(summary = "the PMC approved the payment (ResMan, AWAITING_APPROVAL): this is its record",
      description = "Same as resolve, for a posting awaiting approval (or in NEEDS_ATTENTION after that wait)."
          + " Body {\"recordId\"}.")
  @PostMapping("/approve")
  ResponseEntity<?> approve(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.RECORD_IDENTIFICATION).require("recordId");
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    Optional<PostingStatus> status = postings.status(postingId);
    if (status.isEmpty()) {
      return notFound(postingId);
    }
    PostingStatus now = status.get();
    boolean awaitingApproval = now.state() == PostingState.AWAITING_APPROVAL
        || (now.state() == PostingState.NEEDS_ATTENTION && now.step() == PostingStep.AWAIT_APPROVAL);
    if (!awaitingApproval) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.refused("posting is " + now.state()
          + " at " + now.step() + ": approve only applies to a posting awaiting approval (use resolve to name a"
          + " record)"));
    }
    String note = withRequester("approved in the PMC's approval queue"
        + (body.text("note") == null ? "" : ": " + body.text("note")), caller);
    return act("approve", postingId, caller,
        posting -> posting.resolve(new RecordResolution(body.text("recordId"), note)));
  }

  @Operation(summary = "the PMC rejected the payment: ends REJECTED, nothing posted", description = "Body {\"reason\"}.")
  @PostMapping("/reject")
  ResponseEntity<?> reject(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.REASON).require("reason");
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    OperatorDecision decision = new OperatorDecision(body.text("reason"), caller.name());
    return act("reject", postingId, caller, posting -> posting.rejectedByPmc(decision));
  }

  @Operation(summary = "a PARKED posting tries again now instead of at the end of its back-off")
  @PostMapping("/retry")
  ResponseEntity<?> retry(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.EMPTY);
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    OperatorDecision decision = new OperatorDecision(null, caller.name());
    return act("retry", postingId, caller, posting -> posting.retryNow(decision));
  }

  @Operation(summary = "stop the posting: ends CANCELLED", description = "Body {\"reason\"}.")
  @PostMapping("/cancel")
  ResponseEntity<?> cancel(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.REASON).require("reason");
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    OperatorDecision decision = new OperatorDecision(body.text("reason"), caller.name());
    return act("cancel", postingId, caller, posting -> posting.cancelWaiting(decision));
  }

  @Operation(summary = "reverse a CONFIRMED posting (its own workflow, reversal-<postingId>)",
      description = "Body {\"reason\"}. 200 with the posting's status and the reversal; 501 while no reversal is"
          + " deployed.")
  @PostMapping("/reverse")
  ResponseEntity<?> reverse(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.REASON).require("reason");
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    PostingReversals reversal = reversals.getIfAvailable();
    if (reversal == null) {
      return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).body(ErrorResponse.withoutFields("not_implemented",
          "reversals are not available in this deployment"));
    }
    Optional<PostingStatus> status = postings.status(postingId);
    if (status.isEmpty()) {
      return notFound(postingId);
    }
    ReversalAccepted accepted;
    log.info("posting {}: reverse asked by {}", postingId, caller.name());
    try {
      accepted = reversal.request(postingId, body.text("reason"), caller.name());
    } catch (ReversalRefused refused) {
      return ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.refused(refused.getMessage()));
    }
    ObjectNode answer = json.valueToTree(postings.status(postingId).orElse(status.get()));
    answer.set("reversal", json.valueToTree(accepted));
    return ResponseEntity.ok(answer);
  }

  /** Alias of {@code /reject} kept for existing callers: {"reason","operator"}, both optional. */
  @Operation(summary = "alias of /reject (body {\"reason\",\"operator\"}, both optional)")
  @PostMapping("/rejected-by-pmc")
  ResponseEntity<?> rejectedByPmc(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.OPTIONAL_REASON);
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    OperatorDecision decision = new OperatorDecision(body.text("reason"),
        operator(body.text("operator"), caller));
    return act("rejected-by-pmc", postingId, caller, posting -> posting.rejectedByPmc(decision));
  }

  /** Alias of {@code /cancel} kept for existing callers: {"reason","operator"}, both optional. */
  @Operation(summary = "alias of /cancel (body {\"reason\",\"operator\"}, both optional)")
  @PostMapping("/cancel-waiting")
  ResponseEntity<?> cancelWaiting(@PathVariable String postingId, @RequestBody(required = false) String raw,
      @AuthenticationPrincipal ApiCaller caller) {
    ActionBody body = body(raw, ActionSchema.OPTIONAL_REASON);
    if (!body.errors().isEmpty()) {
      return ResponseEntity.badRequest().body(new ErrorResponse(body.errors()));
    }
    OperatorDecision decision = new OperatorDecision(body.text("reason"),
        operator(body.text("operator"), caller));
    return act("cancel-waiting", postingId, caller, posting -> posting.cancelWaiting(decision));
  }

  /** The key's name is who asked; a person named in the body is kept beside it. */
  private static String operator(String named, ApiCaller caller) {
    return named == null ? caller.name() : named + " via " + caller.name();
  }

  private static String withRequester(String note, ApiCaller caller) {
    return note == null ? "by " + caller.name() : note + " (by " + caller.name() + ")";
  }

  private ResponseEntity<?> act(String action, String postingId, ApiCaller caller,
      Function<PostingWorkflow, PostingStatus> update) {
    if (!PostingService.isPostingId(postingId)) {
      return notFound(postingId); // no posting has such an id; Temporal is not asked
    }
    log.info("posting {}: {} asked by {}", postingId, action, caller.name());
    PostingWorkflow posting = client.newWorkflowStub(PostingWorkflow.class, PostingRequest.workflowIdOf(postingId));
    try {
      return ResponseEntity.ok(update.apply(posting));
    } catch (WorkflowUpdateException refused) {
      Throwable cause = refused.getCause();
      String reason = cause instanceof ApplicationFailure application ? application.getOriginalMessage()
          : refused.getMessage();
      boolean badInput = cause instanceof ApplicationFailure application
          && IllegalArgumentException.class.getName().equals(application.getType());
      return badInput ? ResponseEntity.badRequest().body(ErrorResponse.of("body", reason))
          : ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.refused(reason));
    } catch (WorkflowNotFoundException notFound) {
      return endedOrUnknown(postingId);
    } catch (StatusRuntimeException rpc) {
      if (rpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return endedOrUnknown(postingId);
      }
      throw rpc;
    }
  }

  /** An update cannot reach a posting that has ended: say so (409) rather than "not found" when it exists. */
  private ResponseEntity<?> endedOrUnknown(String postingId) {
    return postings.status(postingId)
        .<ResponseEntity<?>>map(status -> ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.refused(
            "posting is " + status.state() + " and has ended: there is nothing to act on")))
        .orElseGet(() -> notFound(postingId));
  }

  private static ResponseEntity<?> notFound(String postingId) {
    return ResponseEntity.status(HttpStatus.NOT_FOUND).body(ErrorResponse.notFound(postingId));
  }
}
