package dev.postings.worker.bench;

import io.temporal.worker.WorkerFactory;
import io.temporal.worker.WorkerOptions;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;

/**
 * With the {@code bench} profile ({@code ./postings bench}), this worker also hosts the benchmark's floor: a trivial
 * workflow on {@value #WORKFLOW_QUEUE} and its no-op activity on {@value #ACTIVITY_QUEUE}, with the same worker options
 * as the posting queues (the defaults: the bench sets the provider queues' activity slots back to the SDK's 200 and
 * lifts every rate limit and pacing) and no rate limit. Same process, same server, same settings: the difference to a
 * posting is the posting's own work. Registered before the factory starts (the starter
 * starts it on ApplicationReadyEvent).
 */
@Configuration
@Profile("bench")
public class FloorWiring {

  public static final String WORKFLOW_QUEUE = "bench-floor";
  public static final String ACTIVITY_QUEUE = "bench-floor-activities";

  FloorWiring(WorkerFactory factory) {
    factory.newWorker(WORKFLOW_QUEUE, WorkerOptions.newBuilder().build())
        .registerWorkflowImplementationTypes(FloorWorkflowImpl.class);
    factory.newWorker(ACTIVITY_QUEUE, WorkerOptions.newBuilder().build())
        .registerActivitiesImplementations(new NoOp());
  }

  /** The no-op activity. */
  static final class NoOp implements FloorActivities {
    @Override
    public String echo(String id) {
      return id;
    }
  }
}
