package dev.postings.workflow;

import io.temporal.workflow.Promise;
import java.time.Duration;

/**
 * AWAIT_APPROVAL for a provider that holds a delivered payment for a person's approval and reports it only through
 * synced records (ResMan via Propexo). Methods run in workflow code.
 */
public interface ApprovalWait {

  /** Where the payment waits, in words an operator can act on. */
  String where();

  /** The provider integration whose sync notices concern this posting. */
  String integrationId();

  /** How often the synced records can change, so how often they are read. */
  Duration syncInterval();

  Duration reminderAfter();

  Duration deadline();

  /**
   * Starts watching the synced records: one read now, then one per sync interval, until this posting's record appears
   * (found, or not found with the evidence when several match) or {@code budget} runs out (the promise fails). The
   * reads are one activity whose retry policy is the loop, so a wait of days adds no history.
   */
  Promise<Discovery> watch(Duration budget);

  /** One read now: a webhook says new records were synced. */
  Discovery lookNow();
}
