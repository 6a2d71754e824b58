package dev.postings.workflow.propexo;

/** A resident charge as Propexo lists it (the fields a reversal checks). */
public record ResidentChargeRecord(String id, Long amountInCents, String referenceNumber) {}
