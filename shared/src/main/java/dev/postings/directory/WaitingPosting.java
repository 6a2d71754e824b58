package dev.postings.directory;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import java.time.Instant;

/**
 * An open posting in a state that waits (for a re-drive, a person or an approval), as the directory lists it: no status
 * query behind it, so listing many costs one pass over Temporal.
 *
 * @param startedAt when its workflow started; the posting cannot have entered its state before that (null if unknown)
 */
public record WaitingPosting(String workflowId, PostingState state, Provider provider, Instant startedAt) {}
