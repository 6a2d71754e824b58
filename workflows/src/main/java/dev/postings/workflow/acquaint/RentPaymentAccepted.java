package dev.postings.workflow.acquaint;

/** {@code tenantpayments} answered {@code true} for this item; Acquaint returns no record id. */
public record RentPaymentAccepted(long rentItemId) {}
