package dev.postings.starter.schedules;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.temporal.client.WorkflowClient;
import io.temporal.client.schedules.ScheduleClient;
import io.temporal.client.schedules.ScheduleClientOptions;

/**
 * What the starter's scheduled work (the re-drive, the daily reconciliation) shares: a schedule client on the
 * starter's own namespace and data converter (so a schedule's arguments are sealed as every other payload), and how to
 * tell that the server has no Schedules at all (the embedded Java test server answers {@code CreateSchedule} with
 * UNIMPLEMENTED, docs/temporal-server.md#no-schedules), where each falls back to its loop workflow.
 */
public final class TemporalSchedules {

  private TemporalSchedules() {}

  public static ScheduleClient scheduleClient(WorkflowClient client) {
    return ScheduleClient.newInstance(client.getWorkflowServiceStubs(),
        ScheduleClientOptions.newBuilder()
            .setNamespace(client.getOptions().getNamespace())
            .setDataConverter(client.getOptions().getDataConverter())
            .build());
  }

  /** Whether the failure, or one of its causes, is the server's UNIMPLEMENTED. */
  public static boolean unimplemented(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StatusRuntimeException rpc && rpc.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        return true;
      }
    }
    return false;
  }
}
