package dev.postings.starter.webhook;

import dev.postings.directory.WaitingPostings;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.model.Provider;
import dev.postings.starter.api.ErrorResponse;
import dev.postings.workflow.JobFailureNotice;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingWorkflow;
import dev.postings.workflow.SyncNotice;
import io.temporal.client.WorkflowClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Propexo's webhooks (PROVIDERS.md 1): {@code DATA_NEW} for new resident payments wakes the ResMan postings awaiting
 * approval on that integration, so they look at once instead of at their next scheduled read;
 * {@code WRITE_OPERATION_FAILURE} ends the wait of the posting whose job failed. Only a webhook whose {@code
 * propexo-signature} matches its body gets here: the security chain checked it ({@link PropexoSignatureFilter}, 401
 * otherwise) and hands on the body it read. A webhook is only a hint: each posting checks it (its update validator
 * refuses what does not concern it) and polling stays the fallback.
 */
@RestController
public class PropexoWebhookController {

  private static final Logger log = LoggerFactory.getLogger(PropexoWebhookController.class);

  private final WorkflowClient client;
  private final WaitingPostings waiting;
  private final ObjectMapper json;

  public PropexoWebhookController(WorkflowClient client, WaitingPostings waiting, ObjectMapper json) {
    this.client = client;
    this.waiting = waiting;
    this.json = json;
  }

  @PostMapping("/webhooks/propexo")
  ResponseEntity<?> receive(@RequestBody(required = false) byte[] body) {
    if (body == null) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("body", "is required"));
    }
    JsonNode webhook;
    try {
      webhook = json.readTree(body);
    } catch (Exception malformed) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("body", "is not valid JSON"));
    }
    String trigger = webhook.path("trigger").asText("");
    JsonNode data = webhook.path("data");
    return switch (trigger) {
      case "DATA_NEW" -> ResponseEntity.ok(dataNew(data));
      case "WRITE_OPERATION_FAILURE" -> ResponseEntity.ok(writeOperationFailure(data));
      default -> ResponseEntity.ok(Map.of("trigger", trigger, "woken", List.of()));
    };
  }

  private Map<String, Object> dataNew(JsonNode data) {
    String object = data.path("object").asText("");
    if (!object.equals("resident-payments") && !object.equals("resident_payments")) {
      return Map.of("trigger", "DATA_NEW", "woken", List.of());
    }
    SyncNotice notice = new SyncNotice(data.path("integration_id").asText(null), data.path("record_id").asText(null));
    List<String> woken = wake(PostingState.AWAITING_APPROVAL, List.of(Provider.RESMAN),
        posting -> posting.noticeSyncedRecords(notice));
    log.info("DATA_NEW for record {} of integration {}: {} waiting posting(s) looked", notice.recordId(),
        notice.integrationId(), woken.size());
    return Map.of("trigger", "DATA_NEW", "woken", woken);
  }

  private Map<String, Object> writeOperationFailure(JsonNode data) {
    List<String> errors = new ArrayList<>();
    data.path("errors").forEach(error -> errors.add(error.isTextual() ? error.asText() : error.toString()));
    JobFailureNotice notice = new JobFailureNotice(data.path("root_job_id").asText(null),
        data.path("write_status").asText("FAILURE"), errors);
    List<String> woken = wake(PostingState.AWAITING_JOB, List.of(Provider.RESMAN, Provider.PROPERTYWARE),
        posting -> posting.noticeJobFailure(notice));
    log.info("WRITE_OPERATION_FAILURE for job {}: {} posting(s) ended their wait", notice.rootJobId(), woken.size());
    return Map.of("trigger", "WRITE_OPERATION_FAILURE", "woken", woken);
  }

  /** Offers the notice to every candidate; a posting it does not concern refuses it in its validator. */
  private List<String> wake(PostingState state, List<Provider> providers, Consumer<PostingWorkflow> notice) {
    List<String> woken = new ArrayList<>();
    for (Provider provider : providers) {
      for (String workflowId : waiting.find(state, provider)) {
        try {
          notice.accept(client.newWorkflowStub(PostingWorkflow.class, workflowId));
          woken.add(workflowId);
        } catch (RuntimeException refused) {
          // not this posting's integration or job, or it moved on meanwhile: nothing to do
        }
      }
    }
    return woken;
  }
}
