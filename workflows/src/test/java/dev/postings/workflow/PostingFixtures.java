package dev.postings.workflow;

import dev.postings.model.Money;
import dev.postings.model.PostingLimits;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.model.ResmanTarget;
import dev.postings.workflow.propexo.ResidentPayment;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Requests and policies shared by the workflow tests. */
final class PostingFixtures {

  static final String PROPEXO_QUEUE = "test-propexo";
  static final String ACQUAINT_QUEUE = "test-acquaint";
  static final String STOREDGE_QUEUE = "test-storedge";

  private PostingFixtures() {}

  static PostingRequest propertywareRequest(String postingId) {
    return new PostingRequest(
        postingId,
        Provider.PROPERTYWARE,
        new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"),
        "CHECK",
        "CHK20240115001",
        "January rent",
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  static ResidentPayment recordOf(String id, long amountInCents, String reference) {
    return new ResidentPayment(id, "intg_1", "res_1", "lease_1", amountInCents, reference,
        "2024-01-15T09:30:00.000Z", "January rent", null);
  }

  static PostingPolicy policy() {
    return new PostingPolicy(
        new PostingLimits(100_000_000L, Duration.ofDays(36500), 2000, 64, 50, 255),
        new PropexoPolicy(
            PROPEXO_QUEUE,
            Duration.ofSeconds(30),
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)),
            3,
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1)),
            3,
            new RetrySchedule(Duration.ofSeconds(5), 1.5, Duration.ofMinutes(10)),
            Duration.ofDays(2),
            Duration.ofMinutes(5),
            Duration.ofDays(3),
            Duration.ofMinutes(10)),
        new ParkingPolicy(Duration.ofHours(1), 2.0, Duration.ofDays(1)),
        new ResmanPolicy(Duration.ofDays(2), Duration.ofDays(7), Duration.ofHours(12), Map.of()),
        new AcquaintPolicy(
            ACQUAINT_QUEUE,
            Duration.ofSeconds(30),
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)),
            3,
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1)),
            3,
            Duration.ofMinutes(2),
            Duration.ofMinutes(10)),
        new StoredgePolicy(
            STOREDGE_QUEUE,
            Duration.ofSeconds(30),
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)),
            3,
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1)),
            3));
  }

  /** The fixtures' policy, looking at a Propexo job as soon as the write is answered (the production default looks). */
  static PostingPolicy policyLookingFirst() {
    PostingPolicy policy = policy();
    PropexoPolicy p = policy.propexo();
    return new PostingPolicy(policy.limits(), new PropexoPolicy(p.taskQueue(), p.callTimeout(), p.readRetry(),
        p.readAttempts(), p.submitRetry(), p.submitAttempts(), p.jobPoll(), p.jobDeadline(), p.unknownOutcomeSettle(),
        p.lookupWindow(), p.clockSkew(), p.unclearSearch(), Duration.ZERO), policy.parking(), policy.resman(),
        policy.acquaint(), policy.storedge(), policy.reversal(), policy.historyBudget());
  }

  static PostingRequest resmanRequest(String postingId) {
    return new PostingRequest(
        postingId,
        Provider.RESMAN,
        new Money(125_000, "USD"),
        Instant.parse("2024-06-15T14:45:00Z"),
        "Check",
        "RM20240615001",
        "June rent",
        new ResmanTarget("intg_rm", "res_rm", "posted by payments"));
  }

  /** A synced ResMan record of {@link #resmanRequest}. */
  static ResidentPayment resmanRecordOf(String id, long amountInCents, String reference) {
    return new ResidentPayment(id, "intg_rm", "res_rm", null, amountInCents, reference,
        "2024-06-15T14:45:00.000Z", "June rent", null);
  }
}
