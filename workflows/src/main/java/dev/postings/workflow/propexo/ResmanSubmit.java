package dev.postings.workflow.propexo;

import java.time.Duration;

/**
 * A ResMan payment to send, and when to take the first look at its job.
 *
 * @param payment the payment
 * @param firstLookAfter how long after the write's answer to look at the job (zero: at once)
 */
public record ResmanSubmit(ResmanPayment payment, Duration firstLookAfter) {}
