package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.workflow.propexo.PropertywarePath;

/** Chooses the provider path for a validated request. */
final class PostingPaths {

  private PostingPaths() {}

  static PostingPath forRequest(PostingRequest request, PostingPolicy policy) {
    if (request.target() instanceof PropertywareTarget target) {
      return new PropertywarePath(request, target, policy.propexo());
    }
    throw new IllegalArgumentException("no posting path for target " + request.target());
  }
}
