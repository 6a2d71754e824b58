package dev.postings.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.postings.model.PostingRequest;

/**
 * The posting workflow's input: the request, the policy it runs under (null: {@link PostingPolicy#defaults()}), and
 * where to tell the caller about its end (null: nobody), and what an earlier run of the same posting carried into this
 * one when it continued as new (null: the first run).
 *
 * @param judgedValid true when the starter checked the request against the same rules before it started the posting
 *     (it starts nothing else): the verdict then travels in the input, already in the history, and the workflow does
 *     not judge it again (a side effect, one history event). False or absent (a start by other means, e.g. the Temporal
 *     CLI): the workflow judges the request itself, once.
 * @param registered true when the starter registered the posting in the registry before it started it: the registry
 *     then holds the posting's end, and a posting that ends without ever having waited leaves its {@code PostingState}
 *     search attribute at RECEIVED instead of upserting its end state (one history event fewer; decision 0028). False
 *     or absent (a start by other means, and every run started before this field existed): the end is published there
 *     as always.
 */
public record PostingOrder(PostingRequest request, PostingPolicy policy, CompletionCallback callback,
    PostingCarry carried, Boolean judgedValid, Boolean registered) {

  /** Jackson must build the order with every field: it would otherwise pick a shorter constructor below. */
  @JsonCreator
  public PostingOrder {}

  /** A posting's first run, judged by the workflow itself. */
  public PostingOrder(PostingRequest request, PostingPolicy policy, CompletionCallback callback) {
    this(request, policy, callback, null, null, null);
  }

  public PostingOrder(PostingRequest request, PostingPolicy policy) {
    this(request, policy, null, null, null, null);
  }

  /** A first run the starter has judged valid with the same rules (the API refuses what is not). */
  public static PostingOrder judgedValid(PostingRequest request, PostingPolicy policy, CompletionCallback callback) {
    return new PostingOrder(request, policy, callback, null, true, null);
  }

  /**
   * A first run as the starter begins one: judged valid with the same rules, and registered in the registry first (which
   * then records its end).
   */
  public static PostingOrder registeredAndJudged(PostingRequest request, PostingPolicy policy,
      CompletionCallback callback) {
    return new PostingOrder(request, policy, callback, null, true, true);
  }

  /** A later run of the same posting (continued as new), carrying what the run before knew. */
  public PostingOrder continued(PostingCarry carry) {
    return new PostingOrder(request, policy, callback, carry, judgedValid, registered);
  }

  /** Whether the request still needs the workflow's own verdict. */
  public boolean needsJudging() {
    return !Boolean.TRUE.equals(judgedValid);
  }

  /** Whether the registry holds this posting's end (see {@code registered}). */
  public boolean endIsRegistered() {
    return Boolean.TRUE.equals(registered);
  }

  public PostingPolicy policyOrDefaults() {
    return policy != null ? policy.withDefaults() : PostingPolicy.defaults();
  }
}
