package dev.postings.workflow;

import com.fasterxml.jackson.annotation.JsonCreator;
import dev.postings.model.PostingLimits;
import java.time.Duration;
import java.util.Map;

/**
 * Every duration and limit a posting uses, carried in the workflow input so that a running posting keeps the policy it
 * started with (deterministic on replay) and so that the starter's configuration is the one place to change them.
 */
public record PostingPolicy(PostingLimits limits, PropexoPolicy propexo, ParkingPolicy parking, ResmanPolicy resman,
    AcquaintPolicy acquaint, StoredgePolicy storedge, ReversalPolicy reversal, Integer historyBudget) {

  /**
   * A posting continues as new once its run's history is this long (or Temporal suggests it), at its next wait where no
   * operator action is half-done; well under Temporal's 51,200-event limit, and small enough that a replay is quick.
   */
  public static final int DEFAULT_HISTORY_BUDGET = 5_000;

  /** Jackson must build the policy with every field: it would otherwise pick the shorter constructor below. */
  @JsonCreator
  public PostingPolicy {}

  /** A policy without its reversal part (inputs recorded before it existed): {@link #withDefaults()} fills it. */
  public PostingPolicy(PostingLimits limits, PropexoPolicy propexo, ParkingPolicy parking, ResmanPolicy resman,
      AcquaintPolicy acquaint, StoredgePolicy storedge) {
    this(limits, propexo, parking, resman, acquaint, storedge, null, null);
  }

  /** A policy without its history budget (inputs recorded before postings continued as new): the default applies. */
  public PostingPolicy(PostingLimits limits, PropexoPolicy propexo, ParkingPolicy parking, ResmanPolicy resman,
      AcquaintPolicy acquaint, StoredgePolicy storedge, ReversalPolicy reversal) {
    this(limits, propexo, parking, resman, acquaint, storedge, reversal, null);
  }

  /** This policy with another Propexo part. */
  public PostingPolicy withPropexo(PropexoPolicy other) {
    return new PostingPolicy(limits, other, parking, resman, acquaint, storedge, reversal, historyBudget);
  }

  public int historyBudgetOrDefault() {
    return historyBudget == null || historyBudget <= 0 ? DEFAULT_HISTORY_BUDGET : historyBudget;
  }

  public static final String DEFAULT_TASK_QUEUE = "postings";

  /** This policy with any missing part taken from {@link #defaults()} (a start from the CLI may give only some). */
  public PostingPolicy withDefaults() {
    PostingPolicy defaults = defaults();
    return new PostingPolicy(limits != null ? limits : defaults.limits, propexo != null ? propexo : defaults.propexo,
        parking != null && parking.retryAfter() != null ? parking : defaults.parking,
        resman != null && resman.syncInterval() != null ? resman : defaults.resman,
        acquaint != null ? acquaint : defaults.acquaint,
        storedge != null ? storedge : defaults.storedge,
        reversal != null ? reversal.withDefaults() : defaults.reversal, historyBudget);
  }
  public static final String PROPEXO_TASK_QUEUE = "postings-propexo";
  public static final String ACQUAINT_TASK_QUEUE = "postings-acquaint";
  public static final String STOREDGE_TASK_QUEUE = "postings-storedge";

  /**
   * Production-shaped defaults, used when a posting is started without a policy (for example from the Temporal CLI).
   * The starter's configuration normally supplies the policy.
   */
  public static PostingPolicy defaults() {
    return new PostingPolicy(
        PostingLimits.defaults(),
        new PropexoPolicy(
            PROPEXO_TASK_QUEUE,
            Duration.ofSeconds(60),
            new RetrySchedule(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2)),
            8,
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5)),
            5,
            new RetrySchedule(Duration.ofSeconds(5), 1.5, Duration.ofMinutes(10)),
            Duration.ofDays(2),
            Duration.ofMinutes(10),
            Duration.ofDays(3),
            Duration.ofMinutes(10),
            null,
            Duration.ofSeconds(2)),
        new ParkingPolicy(Duration.ofHours(1), 2.0, Duration.ofDays(1)),
        new ResmanPolicy(Duration.ofDays(2), Duration.ofDays(7), Duration.ofHours(12), Map.of()),
        new AcquaintPolicy(
            ACQUAINT_TASK_QUEUE,
            Duration.ofSeconds(60),
            new RetrySchedule(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2)),
            8,
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5)),
            5,
            Duration.ofMinutes(2),
            Duration.ofMinutes(10)),
        new StoredgePolicy(
            STOREDGE_TASK_QUEUE,
            Duration.ofSeconds(60),
            new RetrySchedule(Duration.ofSeconds(2), 2.0, Duration.ofMinutes(2)),
            8,
            new RetrySchedule(Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5)),
            5),
        ReversalPolicy.defaults());
  }
}
