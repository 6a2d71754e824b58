package dev.postings.workflow;

import dev.postings.model.PostingRequest;

/** The posting workflow's input: the request and the policy it runs under (null: {@link PostingPolicy#defaults()}). */
public record PostingOrder(PostingRequest request, PostingPolicy policy) {

  public PostingPolicy policyOrDefaults() {
    return policy != null ? policy.withDefaults() : PostingPolicy.defaults();
  }
}
