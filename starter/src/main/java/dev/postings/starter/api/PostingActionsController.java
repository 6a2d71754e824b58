package dev.postings.starter.api;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.OperatorDecision;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.RecordResolution;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowUpdateException;
import io.temporal.failure.ApplicationFailure;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators' actions on a waiting posting, each a validated Temporal update: the posting itself refuses an action that
 * does not fit its state (409 with its reason), and nothing changes then.
 */
@RestController
@RequestMapping("/api/postings/{postingId}")
public class PostingActionsController {

  private final WorkflowClient client;
  private final PostingService postings;

  public PostingActionsController(WorkflowClient client, PostingService postings) {
    this.client = client;
    this.postings = postings;
  }

  /** The payment is on the ledger as this record (NEEDS_ATTENTION or AWAITING_APPROVAL): read back, then confirmed. */
  @PostMapping("/resolve")
  ResponseEntity<?> resolve(@PathVariable String postingId, @RequestBody(required = false) RecordResolution body) {
    if (body == null || body.recordId() == null || body.recordId().isBlank()) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("recordId", "is required"));
    }
    return act(postingId, posting -> posting.resolve(body));
  }

  /** The PMC rejected the payment in its approval queue: the posting ends REJECTED, nothing posted. */
  @PostMapping("/rejected-by-pmc")
  ResponseEntity<?> rejectedByPmc(@PathVariable String postingId,
      @RequestBody(required = false) OperatorDecision body) {
    return act(postingId, posting -> posting.rejectedByPmc(body == null ? new OperatorDecision(null, null) : body));
  }

  /** Stop waiting for approval: the posting ends CANCELLED. */
  @PostMapping("/cancel-waiting")
  ResponseEntity<?> cancelWaiting(@PathVariable String postingId,
      @RequestBody(required = false) OperatorDecision body) {
    return act(postingId, posting -> posting.cancelWaiting(body == null ? new OperatorDecision(null, null) : body));
  }

  private ResponseEntity<?> act(String postingId, Function<PostingWorkflow, PostingStatus> action) {
    PostingWorkflow posting = client.newWorkflowStub(PostingWorkflow.class, PostingRequest.workflowIdOf(postingId));
    try {
      return ResponseEntity.ok(action.apply(posting));
    } catch (WorkflowUpdateException refused) {
      Throwable cause = refused.getCause();
      String reason = cause instanceof ApplicationFailure application ? application.getOriginalMessage()
          : refused.getMessage();
      boolean badInput = cause instanceof ApplicationFailure application
          && IllegalArgumentException.class.getName().equals(application.getType());
      return ResponseEntity.status(badInput ? HttpStatus.BAD_REQUEST : HttpStatus.CONFLICT)
          .body(ErrorResponse.of("state", reason));
    } catch (WorkflowNotFoundException notFound) {
      return notFound(postingId);
    } catch (StatusRuntimeException rpc) {
      if (rpc.getStatus().getCode() == Status.Code.NOT_FOUND) {
        return notFound(postingId);
      }
      throw rpc;
    }
  }

  /** An update cannot reach a posting that has ended: say so (409) rather than "not found" when it exists. */
  private ResponseEntity<?> notFound(String postingId) {
    return postings.status(postingId)
        .<ResponseEntity<?>>map(status -> ResponseEntity.status(HttpStatus.CONFLICT).body(ErrorResponse.of("state",
            "posting is " + status.state() + " and has ended: there is nothing to act on")))
        .orElseGet(() -> ResponseEntity.status(HttpStatus.NOT_FOUND)
            .body(ErrorResponse.of("postingId", "no posting " + postingId)));
  }
}
