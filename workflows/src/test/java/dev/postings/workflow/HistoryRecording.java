package dev.postings.workflow;

import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * With {@code -Dhistories.record=<dir>}, keeps a test's posting history as {@code <dir>/<name>.json} for {@link
 * PostingWorkflowReplayTest}: histories recorded before a workflow change prove that the change replays. Without the
 * property it does nothing, so the normal test run writes no files.
 */
public final class HistoryRecording {

  private HistoryRecording() {}

  public static void keep(WorkflowClient client, String workflowId, String name) {
    String directory = System.getProperty("histories.record");
    if (directory == null || directory.isBlank() || workflowId == null) {
      return;
    }
    try {
      Files.writeString(Path.of(directory, name + ".json"), client.fetchHistory(workflowId).toJson(true));
    } catch (IOException e) {
      throw new IllegalStateException("could not record the history of " + workflowId, e);
    }
  }

  /** Keeps one run's history (a posting that continued as new has several). */
  public static void keep(io.temporal.common.WorkflowExecutionHistory history, String name) {
    String directory = System.getProperty("histories.record");
    if (directory == null || directory.isBlank()) {
      return;
    }
    try {
      Files.writeString(Path.of(directory, name + ".json"), history.toJson(true));
    } catch (IOException e) {
      throw new IllegalStateException("could not record " + name, e);
    }
  }

  /** {@code aStoredMethodPaymentIsConfirmed} becomes {@code a-stored-method-payment-is-confirmed}. */
  public static String fileName(String provider, String testMethod) {
    return provider + "-" + testMethod.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase();
  }
}
