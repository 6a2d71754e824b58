package dev.postings.workflow.propexo;

/** A Propexo resident payment id, for example a job's {@code created_record_id}. */
public record ResidentPaymentRef(String id) {}
