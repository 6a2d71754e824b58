package dev.postings.reversal;

import io.temporal.common.SearchAttributeKey;

/**
 * The reversal's own search attribute, beside the posting's ({@code PostingProvider} is shared): Temporal's UI and CLI,
 * the directory and the waiting gauge find reversals by it ({@code ReversalState="NEEDS_ATTENTION"}). Registered on the
 * server with the others, before any reversal upserts it: an unregistered attribute makes the workflow task fail with
 * BAD_SEARCH_ATTRIBUTES and retry forever.
 */
public final class ReversalSearchAttributes {

  public static final SearchAttributeKey<String> REVERSAL_STATE = SearchAttributeKey.forKeyword("ReversalState");

  private ReversalSearchAttributes() {}
}
