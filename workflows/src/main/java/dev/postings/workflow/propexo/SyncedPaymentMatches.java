package dev.postings.workflow.propexo;

import java.util.List;

/**
 * The records of one list query that match a posting.
 *
 * @param recordIds the matching records' ids (more than one: a possible duplicate, for an operator to decide)
 * @param searched how many records the query returned in all
 */
public record SyncedPaymentMatches(List<String> recordIds, int searched) {}
