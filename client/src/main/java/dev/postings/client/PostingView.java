package dev.postings.client;

import java.util.List;

/**
 * A posting as {@code GET /api/postings/{id}} and every action answer it: where it stands, what the provider gave it,
 * what happened, the last error, and while it waits for a person why (a stable code) with its runbook page. States,
 * steps and codes stay strings: a client must not break when the API adds one.
 */
public record PostingView(String postingId, String provider, String state, String step, String providerJobId,
    String providerRecordId, List<TimelineEntry> timeline, String lastError, Attention attention) {

  public PostingView {
    timeline = timeline == null ? List.of() : List.copyOf(timeline);
  }

  /** Why the posting waits for a person: the code scripts read, and the runbook page people follow. */
  public record Attention(String code, String runbook) {}

  /** One entry of the posting's timeline. */
  public record TimelineEntry(String state, String step, String at, String detail) {}

  /** The latest entry's detail, or "" when there is none. */
  public String latestDetail() {
    return timeline.isEmpty() ? "" : String.valueOf(timeline.get(timeline.size() - 1).detail());
  }
}
