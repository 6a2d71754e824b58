package dev.postings.workflow;

import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.StoredgeTarget;
import dev.postings.workflow.propexo.PropertywarePath;
import dev.postings.workflow.storedge.StoredgePath;

/** Chooses the provider path for a validated request. */
final class PostingPaths {

  private PostingPaths() {}

  static PostingPath forRequest(PostingRequest request, PostingPolicy policy) {
    if (request.target() instanceof PropertywareTarget target) {
      return new PropertywarePath(request, target, policy.propexo());
    }
    if (request.target() instanceof StoredgeTarget target) {
      return new StoredgePath(request, target, policy.storedge());
    }
    throw new IllegalArgumentException("no posting path for target " + request.target());
  }
}
