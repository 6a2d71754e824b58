package dev.postings.workflow.acquaint;

/** An Acquaint transaction id, for {@code GET 17.0/database/transactions/{id}}. */
public record TransactionRef(long transactionId) {}
