package dev.postings.worker.bench;

import io.temporal.activity.ActivityInterface;

/** The floor's one activity: does nothing, so what is measured is Temporal's own cost. */
@ActivityInterface
public interface FloorActivities {

  String echo(String id);
}
