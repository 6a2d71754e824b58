package dev.postings.client;

import java.util.List;

/**
 * A posting as {@code GET /api/postings/{id}} and every action answer it: where it stands, what the provider gave it,
 * what happened, and the last error. States and steps stay strings: a client must not break when the API adds one.
 */
public record PostingView(String postingId, String provider, String state, String step, String providerJobId,
    String providerRecordId, List<TimelineEntry> timeline, String lastError) {

  public PostingView {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** One entry of the posting's timeline. */
  public record TimelineEntry(String state, String step, String at, String detail) {}

  /** The latest entry's detail, or "" when there is none. */
  public String latestDetail() {
    return timeline.isEmpty() ? "" : String.valueOf(timeline.get(timeline.size() - 1).detail());
  }
}
