package dev.postings.workflow.acquaint;

/** A rent-due item, with the tenancy whose list holds it ({@code retrievesrentstopay} is filtered by tenancy). */
public record RentItemRef(long tenancyId, long rentItemId) {}
