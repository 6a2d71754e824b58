package dev.postings.worker.bench;

import io.temporal.workflow.WorkflowInterface;
import io.temporal.workflow.WorkflowMethod;

/**
 * The benchmark's "Temporal floor": the least a workflow can do on this server and these worker settings (one no-op
 * activity on its own task queue, like a posting's provider call). {@code ./postings bench} compares postings with it.
 * Registered only with the {@code bench} profile.
 */
@WorkflowInterface
public interface FloorWorkflow {

  /** Workflow type the bench client starts by name (it has no compile-time dependency on the worker). */
  String TYPE = "BenchFloor";

  @WorkflowMethod(name = TYPE)
  String run(String id);
}
