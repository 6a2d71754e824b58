package dev.postings.webhook;

import dev.postings.workflow.propexo.ResidentPayment;
import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * The work of a Propexo notice that needs Temporal's directory of postings (on the {@code postings} queue; the Propexo
 * read itself is the Propexo queue's {@code readResidentPayment}, so that its rate limit counts it).
 */
@ActivityInterface
public interface PropexoNotices {

  /**
   * {@code DATA_NEW}: how many ResMan postings await approval on the notice's integration. None: the record is not
   * even read (a month-end flood of other payments costs no Propexo request).
   */
  @ActivityMethod(name = "CountPostingsAwaitingSync")
  int awaitingSync(PropexoNotice notice);

  /**
   * {@code DATA_NEW}: wakes the posting awaiting approval whose synced record this is (integration, resident,
   * transaction date, reference, amount: the rule the posting's own watch applies), and no other.
   */
  @ActivityMethod(name = "WakePostingOfSyncedRecord")
  NoticeOutcome wakeOwnerOf(PropexoNotice notice, ResidentPayment record);

  /** {@code WRITE_OPERATION_FAILURE}: ends the job wait of the posting awaiting exactly that job, and no other's. */
  @ActivityMethod(name = "EndWaitForFailedJob")
  NoticeOutcome endJobWait(PropexoNotice notice);
}
