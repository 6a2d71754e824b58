package dev.postings.reversal;

import dev.postings.model.AcquaintChargeTarget;
import dev.postings.model.Money;
import dev.postings.model.PostingRequest;
import dev.postings.model.PropertywareTarget;
import dev.postings.model.Provider;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.PostingPolicy;
import dev.postings.workflow.PropexoPolicy;
import dev.postings.workflow.RetrySchedule;
import dev.postings.workflow.ReversalPolicy;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.failure.ApplicationFailure;
import io.temporal.testing.TestWorkflowExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Requests, the policy and the Temporal test extension the reversal tests share. */
final class ReversalFixtures {

  static final Duration SETTLE = Duration.ofDays(3);
  static final Duration REMINDER = Duration.ofDays(1);
  static final Duration ESCALATION = Duration.ofDays(3);
  static final int MAX_SENDS = 3;

  private ReversalFixtures() {}

  /** Every search attribute the posting and the reversal upsert, registered as on a real server. */
  static TestWorkflowExtension.Builder temporal() {
    return TestWorkflowExtension.newBuilder()
        .registerSearchAttribute("PostingState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("PostingProvider", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .registerSearchAttribute("ReversalState", IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD)
        .setDoNotStart(true);
  }

  /** The production defaults, with a Propexo job deadline of an hour and the reversal durations above. */
  static PostingPolicy policy() {
    PostingPolicy defaults = PostingPolicy.defaults();
    PropexoPolicy propexo = defaults.propexo();
    return new PostingPolicy(defaults.limits(),
        new PropexoPolicy(propexo.taskQueue(), propexo.callTimeout(),
            new RetrySchedule(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(10)), 3, propexo.submitRetry(),
            propexo.submitAttempts(), new RetrySchedule(Duration.ofSeconds(5), 1.5, Duration.ofMinutes(10)),
            Duration.ofHours(1), propexo.unknownOutcomeSettle(), propexo.lookupWindow(), propexo.clockSkew()),
        defaults.parking(), defaults.resman(), defaults.acquaint(), defaults.storedge(),
        new ReversalPolicy(Map.of(Provider.PROPERTYWARE, SETTLE, Provider.RESMAN, SETTLE), MAX_SENDS, REMINDER,
            ESCALATION));
  }

  static PostingRequest propertyware(String postingId) {
    return new PostingRequest(postingId, Provider.PROPERTYWARE, new Money(125_000, "USD"),
        Instant.parse("2024-01-15T09:30:00Z"), "CHECK", "CHK-" + postingId, "January rent",
        new PropertywareTarget("intg_1", "lease_1", "res_1", "fa_1"));
  }

  static PostingRequest acquaintCharge(String postingId) {
    return new PostingRequest(postingId, Provider.ACQUAINT, new Money(12_000, "GBP"),
        Instant.parse("2026-03-13T12:39:00Z"), "3", "AQ-" + postingId, "Cleaning",
        new AcquaintChargeTarget(7001L, 401L, 4L, null));
  }

  static ApplicationFailure failure(FailureKind kind, String message) {
    return ApplicationFailure.newBuilder().setType(kind.name()).setMessage(message)
        .setNonRetryable(kind == FailureKind.REJECTED || kind == FailureKind.UNKNOWN_OUTCOME).build();
  }
}
