package dev.postings.batch;

import java.util.Map;

/**
 * A batch's progress.
 *
 * @param waitingToStart valid rows not started yet
 * @param starts rows by what starting them did
 * @param postings the batch's postings by their state in the registry ({@code UNKNOWN}: no state recorded yet)
 * @param open postings that have neither ended nor wait for an operator
 */
public record BatchCounts(int waitingToStart, Map<String, Long> starts, Map<String, Long> postings, long open) {}
