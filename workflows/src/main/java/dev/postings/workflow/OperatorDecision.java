package dev.postings.workflow;

/**
 * An operator's decision about a waiting posting.
 *
 * @param reason why, in the operator's words (kept on the timeline)
 * @param operator who decided, when known
 */
public record OperatorDecision(String reason, String operator) {}
