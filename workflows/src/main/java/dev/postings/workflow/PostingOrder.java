package dev.postings.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.postings.model.PostingRequest;

/**
 * The posting workflow's input: the request, the policy it runs under (null: {@link PostingPolicy#defaults()}), and
 * where to tell the caller about its end (null: nobody; inputs recorded before callbacks existed have none).
 */
public record PostingOrder(PostingRequest request, PostingPolicy policy, CompletionCallback callback) {

  /** Jackson must build the order with every field: it would otherwise pick the shorter constructor below. */
  @JsonCreator
  public PostingOrder {}

  public PostingOrder(PostingRequest request, PostingPolicy policy) {
    this(request, policy, null);
  }

  public PostingPolicy policyOrDefaults() {
    return policy != null ? policy.withDefaults() : PostingPolicy.defaults();
  }
}
