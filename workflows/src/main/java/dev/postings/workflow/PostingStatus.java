package dev.postings.workflow;

import dev.postings.model.Provider;
import java.util.List;

/**
 * What the status query (and the workflow's result) tells about a posting.
 *
 * @param providerJobId the provider's job id when the write is asynchronous (Propexo), else null
 * @param providerRecordId the id of the record on the provider's ledger once known
 * @param lastError the last reason the posting could not move on (rejection, unclear outcome, mismatch), or null
 * @param attention while the posting waits for a person (PARKED, NEEDS_ATTENTION): the code saying why and its runbook
 *     page; null otherwise (absent in results of postings that ended before codes existed)
 */
public record PostingStatus(
    String postingId,
    Provider provider,
    PostingState state,
    PostingStep step,
    String providerJobId,
    String providerRecordId,
    List<TimelineEntry> timeline,
    String lastError,
    Attention attention) {}
