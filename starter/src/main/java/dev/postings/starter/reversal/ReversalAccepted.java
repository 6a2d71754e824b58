package dev.postings.starter.reversal;

/**
 * A reversal that was started (or had been already).
 *
 * @param reversalWorkflowId {@code reversal-<postingId>}
 * @param state the reversal's state as its workflow reports it
 */
public record ReversalAccepted(String postingId, String reversalWorkflowId, String state) {}
