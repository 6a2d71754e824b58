package dev.postings.reversal;

import dev.postings.model.PostingRequest;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.ReversalPolicy;

/**
 * What to reverse: the posting as it was requested, the record it became (null when an unclear write may or may not
 * have landed: the operator must look), how much landed, why, and who asked. The policy is the posting's (its
 * {@link PostingPolicy#reversal()} says how the reversal waits; missing parts come from the defaults).
 */
public record ReversalOrder(PostingRequest posting, String recordId, long amountMinor, String reason,
    String requestedBy, PostingPolicy policy) {

  public static String workflowIdOf(String postingId) {
    return "reversal-" + postingId;
  }

  public PostingPolicy policyOrDefaults() {
    return policy == null ? PostingPolicy.defaults() : policy.withDefaults();
  }

  public ReversalPolicy reversalPolicy() {
    return policyOrDefaults().reversal();
  }
}
