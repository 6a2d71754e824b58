package dev.postings.workflow;

import java.time.Duration;

/**
 * Where and how a posting tells the service that started it about its end: a signed POST to {@code url} on every
 * terminal state. Carried in the workflow input, so a running posting keeps the settings it started with.
 *
 * @param url the caller's http(s) URL (validated by the starter)
 * @param retry the back-off between delivery attempts
 * @param budget how long delivery is tried in all; after that the posting notes on its timeline that it gave up (a
 *     callback that cannot be delivered never changes the posting's outcome)
 * @param callTimeout the longest one attempt may take
 */
public record CompletionCallback(String url, RetrySchedule retry, Duration budget, Duration callTimeout) {}
