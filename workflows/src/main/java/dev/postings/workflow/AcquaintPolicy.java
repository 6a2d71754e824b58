package dev.postings.workflow;

import java.time.Duration;

/**
 * How postings talk to Acquaint (UK lettings). Acquaint answers synchronously (no job to wait for) and has no
 * idempotency key, so the policy is about reads, re-sends that provably did not land, and the read-back after an
 * unclear write.
 *
 * @param taskQueue the activity task queue of the Acquaint adapter; its rate limit keeps every worker together under
 *     Acquaint's 100 requests/minute per endpoint per key
 * @param callTimeout start-to-close of one activity attempt (longer than the adapter's HTTP timeout plus one token
 *     refresh, so the adapter reports an unclear outcome itself rather than being cut off)
 * @param readRetry back-off between attempts of a read
 * @param readAttempts attempts of a read before the posting is PARKED
 * @param submitRetry back-off between writes that provably did not land (not sent, 429, credentials refused)
 * @param submitAttempts writes tried before the posting is PARKED
 * @param unknownOutcomeSettle after a write with an unclear outcome, wait this long (for a request still being
 *     processed by Acquaint to finish) before reading the ledger back
 * @param clockSkew how much earlier than the posting's start a transaction may say it was created and still be ours
 */
public record AcquaintPolicy(
    String taskQueue,
    Duration callTimeout,
    RetrySchedule readRetry,
    int readAttempts,
    RetrySchedule submitRetry,
    int submitAttempts,
    Duration unknownOutcomeSettle,
    Duration clockSkew) {}
