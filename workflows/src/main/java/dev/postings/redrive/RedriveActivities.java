package dev.postings.redrive;

import io.temporal.activity.ActivityInterface;

@ActivityInterface
public interface RedriveActivities {

  /** Finds the provider's PARKED postings and asks each, at the batch's pace, to try again now. */
  ProviderRedrive redriveParked(RedriveBatch batch);
}
