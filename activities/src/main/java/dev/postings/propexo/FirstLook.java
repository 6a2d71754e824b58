package dev.postings.propexo;

import dev.postings.workflow.propexo.PropexoActivities;
import dev.postings.workflow.propexo.PropexoJob;
import dev.postings.workflow.propexo.SettledJob;
import dev.postings.workflow.propexo.SubmittedJob;
import dev.postings.workflow.propexo.WriteStatus;
import java.time.Duration;

/**
 * One look at a job just written, inside the write's activity (docs/decisions/0027-first-look-at-the-job.md). The write
 * has been answered when this runs, so nothing here may fail the activity: a look that finds the job pending, or that
 * fails, returns the job alone and the workflow's poll follows it as before. The look is never retried here. It
waits on the activity's own thread, which is why it lives with the adapter and not beside the activity interface.
 */
public final class FirstLook {

  private FirstLook() {}

  public static SubmittedJob at(PropexoActivities propexo, PropexoJob job, Duration after, boolean readRecord) {
    try {
      if (after != null && !after.isZero() && !after.isNegative()) {
        Thread.sleep(after.toMillis());
      }
      WriteStatus status = propexo.awaitWriteStatus(job);
      return new SubmittedJob(job, readRecord ? SettledJob.readBack(propexo, status) : new SettledJob(status, null));
    } catch (InterruptedException shuttingDown) {
      Thread.currentThread().interrupt();
      return new SubmittedJob(job, null);
    } catch (RuntimeException pendingOrFailed) {
      // JOB_PENDING, a 429 from the pacing, a 5xx: none says anything about the write, which was accepted
      return new SubmittedJob(job, null);
    }
  }
}
