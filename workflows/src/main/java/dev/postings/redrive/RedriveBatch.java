package dev.postings.redrive;

import dev.postings.model.Provider;

/**
 * @param maxPostings at most this many postings per run: the rest wait for the next run
 * @param perSecond re-drives per second, well under what the provider bears (each re-driven posting calls it at once)
 * @param requestedBy who asked ({@link RedriveOrder#requestedBy()}): each re-driven posting's timeline names it
 */
public record RedriveBatch(Provider provider, int maxPostings, double perSecond, String requestedBy) {}
