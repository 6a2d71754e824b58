package dev.postings.workflow;

import java.time.Duration;

/**
 * How postings talk to Propexo (Propertyware and ResMan). All durations are data: production waits minutes to days,
 * local mode seconds.
 *
 * @param taskQueue the activity task queue of the Propexo adapter; its rate limit is Propexo's per-token limit
 * @param callTimeout start-to-close of one activity attempt (longer than the adapter's HTTP timeout, so the adapter
 *     reports an unclear outcome itself rather than being cut off)
 * @param readRetry back-off between attempts of a read (write-status excepted)
 * @param readAttempts attempts of a read before the posting is PARKED
 * @param submitRetry back-off between writes that provably did not land (not sent, 429, credentials refused)
 * @param submitAttempts writes tried before the posting is PARKED
 * @param jobPoll the write-status poll schedule; it is the activity retry policy, so waiting adds no history
 * @param jobDeadline a job still PENDING after this long goes to NEEDS_ATTENTION
 * @param unknownOutcomeSettle after a write with an unclear outcome, wait this long (for any job it started to
 *     finish) before looking the payment up
 * @param lookupWindow transaction-date window either side of the posting's date when searching resident payments
 * @param clockSkew how much earlier than the posting's start a record may say it was created and still be ours
 *     (Propexo's clock and Temporal's differ); a record created before that cannot be this posting's
 * @param unclearSearch after an unclear Propertyware write whose record a search did not find, when to search again
 *     (null: {@link #unclearSearchOrDefault()}); the searches go on until {@code jobDeadline} after the write
 * @param firstLookAfter how long after a write its own activity takes one look at the job (and, when it settled naming a
 *     record, reads the record): a job that settles by then costs no poll activity, no workflow task and no
 *     AWAITING_JOB (docs/decisions/0027-first-look-at-the-job.md); zero: at once; null: no first look, the poll follows
 *     the write
 */
public record PropexoPolicy(
    String taskQueue,
    Duration callTimeout,
    RetrySchedule readRetry,
    int readAttempts,
    RetrySchedule submitRetry,
    int submitAttempts,
    RetrySchedule jobPoll,
    Duration jobDeadline,
    Duration unknownOutcomeSettle,
    Duration lookupWindow,
    Duration clockSkew,
    RetrySchedule unclearSearch,
    Duration firstLookAfter) {

  /** Jackson must build the policy with every field: it would otherwise pick the shorter constructor below. */
  @com.fasterxml.jackson.annotation.JsonCreator
  public PropexoPolicy {}

  /** A policy of the shape recorded before the unclear-write search schedule existed: its default applies. */
  public PropexoPolicy(String taskQueue, Duration callTimeout, RetrySchedule readRetry, int readAttempts,
      RetrySchedule submitRetry, int submitAttempts, RetrySchedule jobPoll, Duration jobDeadline,
      Duration unknownOutcomeSettle, Duration lookupWindow, Duration clockSkew) {
    this(taskQueue, callTimeout, readRetry, readAttempts, submitRetry, submitAttempts, jobPoll, jobDeadline,
        unknownOutcomeSettle, lookupWindow, clockSkew, null, null);
  }

  /** A policy of the shape recorded before the first look existed: the poll follows every write. */
  public PropexoPolicy(String taskQueue, Duration callTimeout, RetrySchedule readRetry, int readAttempts,
      RetrySchedule submitRetry, int submitAttempts, RetrySchedule jobPoll, Duration jobDeadline,
      Duration unknownOutcomeSettle, Duration lookupWindow, Duration clockSkew, RetrySchedule unclearSearch) {
    this(taskQueue, callTimeout, readRetry, readAttempts, submitRetry, submitAttempts, jobPoll, jobDeadline,
        unknownOutcomeSettle, lookupWindow, clockSkew, unclearSearch, null);
  }

  /** This policy with another first look ({@code null}: none). */
  public PropexoPolicy withFirstLookAfter(Duration after) {
    return new PropexoPolicy(taskQueue, callTimeout, readRetry, readAttempts, submitRetry, submitAttempts, jobPoll,
        jobDeadline, unknownOutcomeSettle, lookupWindow, clockSkew, unclearSearch, after);
  }

  /** Whether a write's own activity looks at its job (zero: at once, as soon as the write was answered). */
  public boolean looksFirst() {
    return firstLookAfter != null && !firstLookAfter.isNegative();
  }

  /** After a search that found nothing, the next one after: the settle time, doubling, at most an hour. */
  public RetrySchedule unclearSearchOrDefault() {
    return unclearSearch != null ? unclearSearch
        : new RetrySchedule(unknownOutcomeSettle, 2.0, Duration.ofHours(1));
  }
}
