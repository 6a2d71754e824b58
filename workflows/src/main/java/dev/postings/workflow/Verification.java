package dev.postings.workflow;

/** The read-back of a record compared with the request: {@code detail} names every difference, or what matched. */
public record Verification(boolean matches, String detail) {}
