package dev.postings.starter.timeline;

import dev.postings.workflow.PostingStatus;
import java.util.Optional;

/**
 * Where the timeline finds a posting's current status (the API's posting service answers it). An interface here, so
 * that the timeline, which only reads, does not depend on the package that starts and steers postings.
 */
@FunctionalInterface
public interface PostingStatuses {

  /** The posting's status, or empty when there is no such posting. */
  Optional<PostingStatus> status(String postingId);
}
