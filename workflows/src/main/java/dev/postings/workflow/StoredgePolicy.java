package dev.postings.workflow;

import java.time.Duration;

/**
 * How postings talk to storEDGE. All durations are data: production waits minutes, local mode seconds.
 *
 * @param taskQueue the activity task queue of the storEDGE adapter (its own, so a slow storEDGE starves no one else)
 * @param callTimeout start-to-close of one activity attempt (longer than the adapter's HTTP timeout, so the adapter
 *     reports an unclear outcome itself rather than being cut off)
 * @param readRetry back-off between attempts of a ledger read, and of a re-send with the same idempotency key
 * @param readAttempts attempts of a read (or such a re-send) before the posting parks (or goes to an operator)
 * @param submitRetry back-off between writes that provably did not land (not sent, 429, credentials refused)
 * @param submitAttempts writes tried before the posting is PARKED
 */
public record StoredgePolicy(
    String taskQueue,
    Duration callTimeout,
    RetrySchedule readRetry,
    int readAttempts,
    RetrySchedule submitRetry,
    int submitAttempts) {}
