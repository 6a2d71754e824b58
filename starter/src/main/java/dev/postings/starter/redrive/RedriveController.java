package dev.postings.starter.redrive;

import dev.postings.model.Provider;
import dev.postings.redrive.RedriveOrder;
import dev.postings.redrive.RedriveReport;
import dev.postings.redrive.RedriveWorkflow;
import dev.postings.starter.errors.ErrorResponse;
import dev.postings.starter.caller.ApiCaller;
import io.temporal.api.enums.v1.WorkflowExecutionStatus;
import io.temporal.client.WorkflowClient;
import io.temporal.client.WorkflowNotFoundException;
import io.temporal.client.WorkflowOptions;
import io.temporal.client.WorkflowStub;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Operators (role operator only): re-drive the PARKED postings of one provider (or of all) now, instead of waiting for the scheduled run.
 * Starts the same {@link RedriveWorkflow} the schedule starts; the answer names it, and {@code GET} reads its report.
 * One posting alone is re-driven with {@code POST /api/postings/{id}/retry}. Each re-driven posting's timeline names
 * the operator's key (and the log says who asked).
 */
@RestController
public class RedriveController {

  private static final Logger log = LoggerFactory.getLogger(RedriveController.class);

  static final String ID_PREFIX = "postings-redrive-now-";
  /** The ids this starter and its schedule give re-drives: a prefix, then a UUID or a timestamp. */
  private static final Pattern REDRIVE_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

  private final WorkflowClient client;
  private final RedriveScheduling scheduling;
  private final String taskQueue;

  public RedriveController(WorkflowClient client, RedriveScheduling scheduling,
      @org.springframework.beans.factory.annotation.Value("${postings.task-queue}") String taskQueue) {
    this.client = client;
    this.scheduling = scheduling;
    this.taskQueue = taskQueue;
  }

  /** The re-drive as started. */
  public record RedriveStarted(String redriveId, List<Provider> providers, String statusUrl) {}

  /** A re-drive's state, and its report once done. */
  public record RedriveStatus(String redriveId, String state, RedriveReport report) {}

  @PostMapping("/api/redrive")
  public ResponseEntity<?> redriveNow(@RequestParam(name = "provider", required = false) String provider,
      @AuthenticationPrincipal ApiCaller caller) {
    List<Provider> providers;
    if (provider == null || provider.isBlank()) {
      providers = List.of(Provider.values());
    } else {
      try {
        providers = List.of(Provider.valueOf(provider.trim().toUpperCase()));
      } catch (IllegalArgumentException unknown) {
        return ResponseEntity.badRequest().body(ErrorResponse.of("provider",
            "must be one of " + Arrays.toString(Provider.values())));
      }
    }
    RedriveOrder order = new RedriveOrder(providers, caller.name(), scheduling.scheduledOrder().policy());
    String redriveId = ID_PREFIX + UUID.randomUUID();
    RedriveWorkflow redrive = client.newWorkflowStub(RedriveWorkflow.class,
        WorkflowOptions.newBuilder().setWorkflowId(redriveId).setTaskQueue(taskQueue).build());
    WorkflowClient.start(redrive::redrive, order);
    log.info("re-drive {} of {} asked by {}", redriveId, providers, caller.name());
    return ResponseEntity.status(HttpStatus.ACCEPTED)
        .body(new RedriveStarted(redriveId, providers, "/api/redrive/" + redriveId));
  }

  @GetMapping("/api/redrive/{redriveId}")
  public ResponseEntity<?> status(@PathVariable String redriveId) {
    if (!REDRIVE_ID.matcher(redriveId).matches()
        || !(redriveId.startsWith(ID_PREFIX) || redriveId.startsWith(RedriveScheduling.SCHEDULE_ID))) {
      // not one of ours (and never sent to Temporal, which would refuse an overlong or odd id with an error)
      return noSuchRedrive();
    }
    WorkflowStub stub = client.newUntypedWorkflowStub(redriveId);
    try {
      WorkflowExecutionStatus status = stub.describe().getStatus();
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_RUNNING) {
        return ResponseEntity.ok(new RedriveStatus(redriveId, "RUNNING", null));
      }
      if (status == WorkflowExecutionStatus.WORKFLOW_EXECUTION_STATUS_COMPLETED) {
        return ResponseEntity.ok(new RedriveStatus(redriveId, "COMPLETED", stub.getResult(RedriveReport.class)));
      }
      return ResponseEntity.ok(new RedriveStatus(redriveId, status.name().replace("WORKFLOW_EXECUTION_STATUS_", ""),
          null));
    } catch (WorkflowNotFoundException unknown) {
      return noSuchRedrive();
    }
  }

  private static ResponseEntity<?> noSuchRedrive() {
    return ResponseEntity.status(HttpStatus.NOT_FOUND)
        .body(ErrorResponse.of("not_found", "redriveId", "no such re-drive"));
  }
}
