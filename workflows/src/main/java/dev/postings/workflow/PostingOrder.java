package dev.postings.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.postings.model.PostingRequest;

/**
 * The posting workflow's input: the request, the policy it runs under (null: {@link PostingPolicy#defaults()}), and
 * where to tell the caller about its end (null: nobody; inputs recorded before callbacks existed have none), and what
 * an earlier run of the same posting carried into this one when it continued as new (null: the first run).
 */
public record PostingOrder(PostingRequest request, PostingPolicy policy, CompletionCallback callback,
    PostingCarry carried) {

  /** Jackson must build the order with every field: it would otherwise pick the shorter constructor below. */
  @JsonCreator
  public PostingOrder {}

  /** A posting's first run (and inputs recorded before postings continued as new). */
  public PostingOrder(PostingRequest request, PostingPolicy policy, CompletionCallback callback) {
    this(request, policy, callback, null);
  }

  public PostingOrder(PostingRequest request, PostingPolicy policy) {
    this(request, policy, null, null);
  }

  public PostingPolicy policyOrDefaults() {
    return policy != null ? policy.withDefaults() : PostingPolicy.defaults();
  }
}
