package dev.postings.workflow;

import java.time.Instant;

/** One step transition, with the workflow's own time (deterministic, so the same on replay). */
public record TimelineEntry(PostingState state, PostingStep step, Instant at, String detail) {}
