package dev.postings.workflow;

import io.temporal.common.SearchAttributeKey;

/**
 * Custom search attributes, so Temporal's own UI and CLI can find postings ({@code PostingState="NEEDS_ATTENTION"}).
 * All must be registered on the server before any workflow sets them: an unregistered attribute makes a start fail, or
 * a workflow task fail with BAD_SEARCH_ATTRIBUTES and retry forever.
 */
public final class PostingSearchAttributes {

  public static final SearchAttributeKey<String> POSTING_STATE = SearchAttributeKey.forKeyword("PostingState");
  public static final SearchAttributeKey<String> POSTING_PROVIDER = SearchAttributeKey.forKeyword("PostingProvider");
  /**
   * The service whose API key started the posting (set by the starter at start, never changed): a service reads only
   * its own postings. A service name, not payment data, so it may be stored in clear.
   */
  public static final SearchAttributeKey<String> POSTING_OWNER = SearchAttributeKey.forKeyword("PostingOwner");

  private PostingSearchAttributes() {}
}
