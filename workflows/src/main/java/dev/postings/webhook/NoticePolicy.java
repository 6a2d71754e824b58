package dev.postings.webhook;

import dev.postings.workflow.RetrySchedule;
import java.time.Duration;

/**
 * How a Propexo notice is handled ({@code postings.webhooks.propexo.*} on the starter); carried in the workflow input.
 *
 * @param remember how long after receipt the same body is still "already seen" (the notice workflow stays open that
 *     long, so its id stays taken whatever the namespace's retention)
 * @param retry the back-off between attempts of the slow work (the Propexo read, finding the posting, the update); it
 *     is retried until {@code remember} is spent
 * @param callTimeout the longest one attempt may take
 * @param propexoTaskQueue where the Propexo read runs (the Propexo queue: its rate limit counts the read)
 */
public record NoticePolicy(Duration remember, RetrySchedule retry, Duration callTimeout, String propexoTaskQueue) {}
