package dev.postings.workflow.acquaint;

/** Every transaction recorded against one charge. */
public record ChargeTransactionSearch(long chargeId) {}
