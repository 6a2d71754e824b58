package dev.postings.registry;

import java.util.List;

/**
 * One page of a list, newest first.
 *
 * @param nextCursor where the next page starts, or {@code null} on the last page
 */
public record RegistryPage(List<PostingRecord> postings, String nextCursor) {

  public RegistryPage {
    postings = List.copyOf(postings);
  }
}
