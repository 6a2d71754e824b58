package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import io.temporal.workflow.CancellationScope;

/**
 * One run of a posting: what its steps read and change. The journal (state, step, ids, timeline) and the facts
 * (evidence and flags) are all the posting knows; the inbox holds what operators and notices asked of it.
 *
 * @param order what the posting was started with (and, in a continued run, what the earlier run carried)
 * @param policy the provider paths' timings and limits
 * @param carried what the earlier run carried into this one (null: the first run)
 * @param journal state, step, ids, last error and timeline
 * @param facts the evidence and flags that decide what a later decision means
 * @param inbox operators' decisions and notices accepted and not yet acted on
 * @param compensation how what landed is undone
 * @param cancellation the workflow's own scope: a cancel requested there is honoured only while nothing can have landed
 */
record PostingRun(PostingOrder order, PostingPolicy policy, PostingCarry carried, PostingJournal journal,
    PostingFacts facts, OperatorInbox inbox, Compensation compensation, CancellationScope cancellation) {

  PostingRequest request() {
    return order == null ? null : order.request();
  }

  /** This run continues an earlier one that stopped at {@code resume}. */
  boolean resumesIn(PostingCarry.Resume resume) {
    return carried != null && carried.resume() == resume;
  }
}
