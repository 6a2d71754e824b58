package dev.postings.workflow.acquaint;

/**
 * {@code reveivepaymentforcharge}'s answer {@code {transactionId, overpaymentTransactionId}}.
 *
 * @param overpaymentTransactionId the transaction holding the part above the outstanding balance, or null when none
 */
public record ChargePaymentReceipt(long transactionId, Long overpaymentTransactionId) {}
