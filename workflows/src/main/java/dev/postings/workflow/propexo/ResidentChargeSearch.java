package dev.postings.workflow.propexo;

public record ResidentChargeSearch(String integrationId, String residentId) {}
