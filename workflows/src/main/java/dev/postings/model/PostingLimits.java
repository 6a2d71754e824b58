package dev.postings.model;

import java.time.Duration;

/**
 * Bounds on what a request may contain, checked before anything starts.
 *
 * @param maxAmountMinor largest amount accepted, in minor units (a guard against unit mistakes, not a business rule)
 * @param maxFutureDate how far past "now" a transaction date may lie
 * @param earliestYear transaction dates before this year are treated as impossible
 * @param maxIdLength longest posting id and provider id
 * @param maxReferenceLength longest reference number
 * @param maxDescriptionLength longest description
 */
public record PostingLimits(
    long maxAmountMinor,
    Duration maxFutureDate,
    int earliestYear,
    int maxIdLength,
    int maxReferenceLength,
    int maxDescriptionLength) {

  public static PostingLimits defaults() {
    return new PostingLimits(100_000_000L, Duration.ofDays(31), 2000, 64, 50, 255);
  }
}
