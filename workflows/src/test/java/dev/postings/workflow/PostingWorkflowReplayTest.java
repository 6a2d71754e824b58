package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.temporal.testing.WorkflowReplayer;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Replays every recorded history (src/test/resources/histories) on today's workflow code. A change to the workflow
 * that would break a posting already running fails here; such a change needs {@code Workflow.getVersion}. Histories
 * are recorded by running PostingWorkflowTest with {@code -Dhistories.record=<dir>}; keep the old ones when adding new.
 */
class PostingWorkflowReplayTest {

  static Stream<Path> histories() throws IOException, URISyntaxException {
    Path directory = Path.of(PostingWorkflowReplayTest.class.getResource("/histories").toURI());
    try (Stream<Path> files = Files.list(directory)) {
      return files.filter(file -> file.toString().endsWith(".json")).sorted().toList().stream();
    }
  }

  @Test
  void everyProviderPathHasARecordedHistory() throws Exception {
    List<String> names = histories().map(path -> path.getFileName().toString()).toList();
    // every provider path, and for each the end states it can reach: CONFIRMED, REJECTED, NEEDS_ATTENTION
    // what really ran: a chaos run's postings (faults, worker kills), kept with ./postings chaos --keep-histories
    assertThat(names).contains("chaos-propertyware-confirmed.json", "chaos-resman-confirmed.json",
        "chaos-acquaint-confirmed.json", "chaos-storedge-confirmed.json", "chaos-propertyware-rejected.json",
        "chaos-acquaint-needs-attention-unknown-outcome.json");
    assertThat(names).contains("propertyware-confirmed.json", "propertyware-job-failure-rejected.json",
        "propertyware-mismatch-resolved-confirmed.json",        "propertyware-parked-retried-confirmed.json",
        "resman-approved-after-3-days-confirmed.json", "resman-pmc-rejected.json",
        "resman-deadline-resolved-confirmed.json",
        "acquaint-a-tenant-payment-is-confirmed-when-the-rent-item-shows-it-on-top-of-what-it-had-received.json",
        "acquaint-a-charge-payment-with-an-overpayment-is-confirmed-by-reading-both-transactions-back.json",
        "acquaint-what-acquaint-refuses-is-rejected-without-sending-again.json",
        "acquaint-an-unclear-tenant-payment-that-is-not-on-the-item-waits-for-an-operator-and-is-never-sent-again.json",
        "storedge-a-stored-method-payment-is-confirmed-on-the-ledger-read-back.json",
        // storEDGE confirmed from make_payment's answer
        "storedge-make-payments-answer-is-the-read-back-so-the-ledger-is-read-only-before-the-write.json",
        // storEDGE's ledger read and payment in one activity
        "storedge-the-ledger-is-read-and-the-payment-made-in-one-activity.json",
        "storedge-a-write-whose-activity-timed-out-is-looked-up-with-the-ledger-its-heartbeat-recorded.json",
        "storedge-a-read-and-pay-activity-that-timed-out-before-its-heartbeat-sent-nothing-and-is-sent-with-the-same-key"
            + ".json",
        // Acquaint's charge payment read back in the write's activity
        "acquaint-a-charge-payment-is-read-back-in-the-writes-own-activity.json",
        "acquaint-a-read-back-that-failed-in-the-writes-activity-is-read-again-not-sent-again.json",
        "state-attribute-a-posting-that-runs-again-after-parking-is-no-longer-found-parked.json",
        "storedge-a-new-card-payment-is-confirmed-and-no-cardholder-data-enters-the-history.json",
        "storedge-a-refusal-ends-rejected-with-storedges-reason.json",
        "storedge-an-unclear-new-card-write-whose-card-data-is-gone-waits-for-an-operator-instead-of-guessing.json",
        "compensation-a-record-that-landed-wrong-is-reversed-by-an-offsetting-charge-then-cancelled-with-nothing"
            + "-standing.json",
        "compensation-a-confirmed-propertyware-payment-is-reversed-as-its-own-workflow.json",
        "compensation-a-confirmed-acquaint-payment-becomes-an-operator-task-because-acquaint-has-no-reversal.json",
        // a job-failure webhook no longer cancels the poll
        "resman-job-failure-webhook-with-a-callback-leaves-the-poll-to-end-by-itself.json",
        // the end of an approval wait leaves the synced-record watch running
        "resman-webhook-found-confirmed-leaving-the-watch-running.json",
        // a payment that may have landed is never called REJECTED or CANCELLED
        "resman-a-failed-resend-after-an-unclear-write-waits-for-an-operator.json",
        "resman-a-named-record-is-no-longer-in-the-approval-stage.json",
        // the validation verdict kept as a side effect, replayed while the posting still runs
        "validation-a-running-posting-keeps-its-verdict.json",
        // a wait ended by its condition cancels its timer; a 429 loop parks after its budget
        "bounded-a-parking-ended-by-a-retry-cancels-its-timer.json",
        "bounded-writes-answered-429-past-the-budget-park.json",
        // a posting continues as new at a wait carrying its state: a run that continued, and a
        // run that began from what the one before carried
        "continue-as-new-the-first-run-of-a-long-operator-wait.json",
        "continue-as-new-the-last-run-of-a-long-operator-wait.json",
        // an unclear Propertyware write is searched for until the job's deadline
        "propertyware-unclear-write-found-hours-later-confirmed.json",
        "propertyware-unclear-write-searched-until-the-job-deadline-needs-attention.json");
  }

  /**
   * The replay above can fail: a workflow that sleeps one second before doing what today's workflow does issues a
   * timer where the recorded history has the first activity, and replaying a recorded posting on it fails. This is
   * the change a deploy must never make without {@code Workflow.getVersion}.
   */
  @Test
  void anUnversionedChangeFailsTheReplay() throws Exception {
    Path confirmed = histories().filter(path -> path.getFileName().toString().equals("propertyware-confirmed.json"))
        .findFirst().orElseThrow();

    assertThatThrownBy(() -> WorkflowReplayer.replayWorkflowExecution(Files.readString(confirmed),
        SleepsFirstPostingWorkflow.class))
        .hasStackTraceContaining("NonDeterministic");
  }

  /** Today's workflow with one unversioned timer in front. */
  public static class SleepsFirstPostingWorkflow extends PostingWorkflowImpl {
    @io.temporal.workflow.WorkflowInit
    public SleepsFirstPostingWorkflow(PostingOrder order) {
      super(order);
    }

    @Override
    public PostingStatus post(PostingOrder order) {
      io.temporal.workflow.Workflow.sleep(java.time.Duration.ofSeconds(1));
      return super.post(order);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("histories")
  void replaysOnTodaysWorkflow(Path history) throws Exception {
    WorkflowReplayer.replayWorkflowExecution(Files.readString(history), PostingWorkflowImpl.class,
        dev.postings.reversal.PostingReversalWorkflowImpl.class);
  }
}
