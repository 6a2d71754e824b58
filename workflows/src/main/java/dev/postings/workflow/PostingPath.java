package dev.postings.workflow;

/**
 * One provider's way through the fixed steps. The workflow owns the states, the timeline, failures, parking and operator
 * waits; a path only calls its provider's activities and interprets their answers. Methods run in workflow code and
 * must be deterministic.
 */
public interface PostingPath {

  /**
   * SUBMIT: one write attempt, never retried by Temporal itself (a retried write after a timeout could post twice).
   * Throws the {@link io.temporal.failure.ActivityFailure} of the attempt; the workflow decides from its {@link
   * FailureKind} whether a re-submit is safe.
   */
  Submission submit();

  /**
   * AWAIT_JOB: waits until the provider's asynchronous job has finished. Only called when {@link Submission#jobId()} is
   * set.
   */
  JobResult awaitJob(Submission submission);

  /** DISCOVER_RECORD: finds the provider record this posting created. */
  Discovery discoverRecord(Submission submission, JobResult job);

  /**
   * After a write whose outcome is unknown: looks for the payment on the ledger, so that the workflow never re-posts
   * blindly. Not found is not proof of absence (the write may still be in flight).
   */
  Discovery lookUpAfterUnclearSubmit();

  /** CONFIRM: reads the record back and compares it with the request. */
  Verification confirm(String recordId);

  /** The wait between writes that provably did not land (this provider's policy). */
  RetrySchedule resubmitSchedule();

  /** How many such writes are tried before the posting is PARKED. */
  int resubmitAttempts();

  /**
   * Whether the same write may be sent again after an unclear outcome, because the provider recognises a second copy
   * (ResMan refuses a batch id it has seen). When false, an unclear write is looked up and never re-sent.
   */
  default boolean resendIsSafe() {
    return false;
  }

  /**
   * After a write was re-sent following an unclear attempt: whether this failed job proves that the earlier attempt
   * landed (ResMan answers a known batch id with "Duplicate transaction ID").
   */
  default boolean jobFailureProvesEarlierWrite(JobResult job) {
    return false;
  }

  /**
   * Non-null when a successful job is not yet a ledger record: a person must approve it first (ResMan's Partner
   * Transactions), and the record shows up only after the provider's next sync.
   */
  default ApprovalWait approvalWait(Submission submission) {
    return null;
  }

  /**
   * How a landed payment of this path is undone through the provider's API; null when the provider offers none (an
   * operator reverses it by hand). Registered before the first write, so compensation knows what it can do.
   */
  default Reversal reversal() {
    return null;
  }
}
