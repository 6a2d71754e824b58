package dev.postings.starter.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.starter.errors.ErrorResponse;
import dev.postings.webhook.NoticeOrder;
import dev.postings.webhook.NoticePolicy;
import dev.postings.webhook.PropexoNotice;
import dev.postings.webhook.PropexoNoticeWorkflow;
import io.temporal.api.enums.v1.WorkflowIdReusePolicy;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowExecutionAlreadyStarted;
import io.temporal.client.WorkflowOptions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Propexo's webhooks: {@code DATA_NEW} for a new resident payment wakes the ResMan posting awaiting approval whose
 * record it is, so it looks at once instead of at its next scheduled read; {@code WRITE_OPERATION_FAILURE} ends the
 * wait of the posting whose job failed. Only a webhook whose HMAC-SHA256 {@code propexo-signature} matches its body
 * gets here: the security chain checked it ({@link PropexoSignatureFilter}, 401 otherwise) and hands on the body it
 * read.
 *
 * <p>The answer comes before the work: a verified webhook is handed to Temporal as a notice workflow whose id is the
 * body's SHA-256 ({@link PropexoNotice#workflowId()}), and answered 200 as soon as Temporal holds it. The Propexo read,
 * finding the posting and its update happen after, in that workflow, retried until done, even if this process dies
 * right after answering. The same body again (a replay, or Propexo delivering twice) finds that workflow: 200, and
 * nothing changes. Polling stays the fallback when no webhook comes.
 */
@RestController
public class PropexoWebhookController {

  private static final Logger log = LoggerFactory.getLogger(PropexoWebhookController.class);

  private final WorkflowClient client;
  private final ObjectMapper json;
  private final NoticePolicy policy;
  private final String taskQueue;
  private final Clock clock;

  /**
   * @param taskQueue the queue of the notice workflow (the posting workflow's, {@code postings.task-queue})
   */
  public PropexoWebhookController(WorkflowClient client, ObjectMapper json, NoticePolicy policy,
      @Value("${postings.task-queue}") String taskQueue) {
    this.client = client;
    this.json = json;
    this.policy = policy;
    this.taskQueue = taskQueue;
    this.clock = Clock.systemUTC();
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
    if (webhook == null || !webhook.isObject()) {
      return ResponseEntity.badRequest().body(ErrorResponse.of("body", "must be a JSON object"));
    }
    // Propexo's API reference gives every webhook the envelope {trigger, data:{event, integration_id, ...}}, while its
    // DATA_NEW guide shows a flat body (event, integration_id, object, record_id at the top): both are read
    // (docs/providers/propexo.md#webhooks)
    JsonNode data = webhook.path("data").isObject() ? webhook.path("data") : webhook;
    String trigger = webhook.path("trigger").asText(data.path("event").asText(""));
    PropexoNotice notice = notice(trigger, data, HexFormat.of().formatHex(sha256(body)));
    if (notice == null) {
      return ResponseEntity.ok(Map.of("trigger", trigger, "notice", "ignored"));
    }
    PropexoNoticeWorkflow workflow = client.newWorkflowStub(PropexoNoticeWorkflow.class, WorkflowOptions.newBuilder()
        .setWorkflowId(notice.workflowId())
        .setTaskQueue(taskQueue)
        // The open run keeps the id taken for `remember`; after that, a closed run still refuses it for as long as the
        // namespace keeps it.
        .setWorkflowIdReusePolicy(WorkflowIdReusePolicy.WORKFLOW_ID_REUSE_POLICY_REJECT_DUPLICATE)
        .build());
    try {
      WorkflowClient.start(workflow::handle, new NoticeOrder(notice, policy));
    } catch (WorkflowExecutionAlreadyStarted seen) {
      log.info("Propexo {} webhook {} already seen: nothing changes", trigger, notice.digest());
      return ResponseEntity.ok(Map.of("trigger", trigger, "notice", "already seen"));
    }
    log.info("Propexo {} webhook {} accepted", trigger, notice.digest());
    return ResponseEntity.ok(Map.of("trigger", trigger, "notice", "accepted"));
  }

  /** The notice a webhook gives, or null for one no posting acts on (another object, another trigger). */
  private PropexoNotice notice(String trigger, JsonNode data, String digest) {
    String integrationId = data.path("integration_id").asText(null);
    return switch (trigger) {
      case "DATA_NEW" -> {
        String object = data.path("object").asText("");
        boolean payments = object.equals("resident-payments") || object.equals("resident_payments");
        yield payments ? new PropexoNotice(digest, PropexoNotice.Kind.DATA_NEW, integrationId,
            data.path("record_id").asText(null), null, null, List.of(), clock.instant()) : null;
      }
      case "WRITE_OPERATION_FAILURE" -> {
        List<String> errors = new ArrayList<>();
        data.path("errors").forEach(error -> errors.add(error.isTextual() ? error.asText() : error.toString()));
        yield new PropexoNotice(digest, PropexoNotice.Kind.WRITE_OPERATION_FAILURE, integrationId, null,
            data.path("root_job_id").asText(null), data.path("write_status").asText("FAILURE"), errors,
            clock.instant());
      }
      default -> null;
    };
  }

  private static byte[] sha256(byte[] body) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(body);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}
