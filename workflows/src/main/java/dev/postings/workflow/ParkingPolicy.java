package dev.postings.workflow;

import java.time.Duration;

/** @param retryAfter how long a PARKED posting waits before it tries again by itself (a re-drive cuts it short) */
public record ParkingPolicy(Duration retryAfter) {}
