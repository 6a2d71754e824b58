package dev.postings.workflow;

/**
 * What a write returned.
 *
 * @param jobId the provider's job id when the write is asynchronous (Propexo), else null
 * @param recordId the record id when the provider returns one at once, else null
 * @param settledJob how the job ended, when the write's own activity saw it settle (null: follow the job)
 */
public record Submission(String jobId, String recordId, JobResult settledJob) {

  public Submission(String jobId, String recordId) {
    this(jobId, recordId, null);
  }
}
