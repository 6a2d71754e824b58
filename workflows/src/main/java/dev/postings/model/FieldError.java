package dev.postings.model;

/** One reason a request is invalid, naming the field in the request's own JSON path (e.g. {@code target.leaseId}). */
public record FieldError(String field, String message) {}
