package dev.postings.workflow;

import io.temporal.common.SearchAttributeKey;

/**
 * Custom search attributes, so Temporal's own UI and CLI can find postings ({@code PostingState="NEEDS_ATTENTION"}).
 * Both must be registered on the server before any workflow upserts them: an unregistered attribute makes the workflow
 * task fail with BAD_SEARCH_ATTRIBUTES and retry forever (TEMPORAL-NOTES.md).
 */
public final class PostingSearchAttributes {

  public static final SearchAttributeKey<String> POSTING_STATE = SearchAttributeKey.forKeyword("PostingState");
  public static final SearchAttributeKey<String> POSTING_PROVIDER = SearchAttributeKey.forKeyword("PostingProvider");
  /**
   * The posting's reference number, so operators can find a payment by its check or processor reference. Set once by
   * the starter in the start options (never upserted by the workflow, so adding it changed no running posting).
   */
  public static final SearchAttributeKey<String> POSTING_REFERENCE = SearchAttributeKey.forKeyword("PostingReference");

  private PostingSearchAttributes() {}
}
