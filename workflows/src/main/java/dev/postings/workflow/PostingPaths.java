package dev.postings.workflow;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.AcquaintRentTarget;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.ResmanTarget;
import dev.postings.workflow.acquaint.AcquaintPath;
import dev.postings.workflow.propexo.PropertywarePath;
import dev.postings.workflow.propexo.ResmanPath;
import dev.postings.model.StoredgeTarget;
import dev.postings.workflow.storedge.StoredgePath;

/** Chooses the provider path for a validated request. */
public final class PostingPaths {

  private PostingPaths() {}

  public static PostingPath forRequest(PostingRequest request, PostingPolicy policy) {
    if (request.target() instanceof PropertywareTarget target) {
      return new PropertywarePath(request, target, policy.propexo());
    }
    if (request.target() instanceof ResmanTarget target) {
      return new ResmanPath(request, target, policy.propexo(), policy.resman());
    }
    if (request.target() instanceof AcquaintRentTarget || request.target() instanceof AcquaintChargeTarget) {
      return AcquaintPath.forRequest(request, policy.acquaint());
    }
    if (request.target() instanceof StoredgeTarget target) {
      return new StoredgePath(request, target, policy.storedge());
    }
    throw new IllegalArgumentException("no posting path for target " + request.target());
  }
}
