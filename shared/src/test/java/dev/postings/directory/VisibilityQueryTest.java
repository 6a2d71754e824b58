package dev.postings.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingStep;
import dev.postings.workflow.TimelineEntry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the directory asks a Temporal cluster (the embedded server cannot answer these queries: no test runs them). */
class VisibilityQueryTest {

  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void filtersBecomeOneVisibilityQueryOnTheSearchAttributes() {
    PostingQuery query = new PostingQuery(Set.of(PostingState.PARKED, PostingState.NEEDS_ATTENTION),
        Set.of(Provider.RESMAN), Duration.ofHours(1), "CHK1", 50, null);

    // the reference is compared with the decrypted memo, never sent to the server
    assertThat(TemporalWaitingPostings.visibilityFilters(query, NOW)).isEqualTo("WorkflowType = 'PostingWorkflow'"
        + " AND PostingProvider IN ('RESMAN') AND StartTime <= '2026-03-01T11:00:00Z'");
    assertThat(TemporalWaitingPostings.statesClause(query.states()))
        .isEqualTo(" AND PostingState IN ('NEEDS_ATTENTION', 'PARKED')");
  }

  @Test
  void theWaitingPostingsOfSeveralStatesAreOneVisibilityQuery() {
    assertThat(TemporalWaitingPostings.waitingQuery(Set.of(PostingState.PARKED, PostingState.NEEDS_ATTENTION,
        PostingState.AWAITING_APPROVAL))).isEqualTo("WorkflowType = 'PostingWorkflow' AND ExecutionStatus = 'Running'"
        + " AND PostingState IN ('AWAITING_APPROVAL', 'NEEDS_ATTENTION', 'PARKED')");
  }

  @Test
  void aServicesListIsNarrowedToItsOwnPostingsInTheQueryItself() {
    PostingQuery query = new PostingQuery(Set.of(), Set.of(Provider.STOREDGE), null, null, 50, null, "billing");

    // the counts use the same filters: a service counts only its own postings
    assertThat(TemporalWaitingPostings.visibilityFilters(query, NOW)).isEqualTo("WorkflowType = 'PostingWorkflow'"
        + " AND PostingProvider IN ('STOREDGE') AND PostingOwner = 'billing'");
  }

  @Test
  void anOwnerThatCouldBreakOutOfTheQueryIsRefused() {
    for (String owner : List.of("x' OR PostingOwner != '", "a b", "", "'", "x\\", "é")) {
      assertThatThrownBy(() -> new PostingQuery(Set.of(), Set.of(), null, null, 50, null, owner))
          .as(owner).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void noFiltersListEveryPosting() {
    PostingQuery query = new PostingQuery(Set.of(), Set.of(), null, null, 50, null);

    assertThat(TemporalWaitingPostings.visibilityFilters(query, NOW)).isEqualTo("WorkflowType = 'PostingWorkflow'");
    assertThat(TemporalWaitingPostings.statesClause(Set.of())).isEmpty();
  }

  @Test
  void aPostingIsInItsStateSinceTheFirstOfItsLastEntriesInThatState() {
    Instant parked = NOW.minusSeconds(600);
    PostingStatus status = new PostingStatus("p1", Provider.PROPERTYWARE, PostingState.PARKED, PostingStep.SUBMIT,
        null, null, List.of(
            new TimelineEntry(PostingState.PARKED, PostingStep.SUBMIT, NOW.minusSeconds(900), "parked"),
            new TimelineEntry(PostingState.SUBMITTING, PostingStep.SUBMIT, NOW.minusSeconds(700), "again"),
            new TimelineEntry(PostingState.PARKED, PostingStep.SUBMIT, parked, "parked again"),
            new TimelineEntry(PostingState.PARKED, PostingStep.SUBMIT, NOW.minusSeconds(60), "still")),
        "down", null);

    assertThat(TemporalWaitingPostings.stateSince(status)).isEqualTo(parked);
    assertThat(TemporalWaitingPostings.stateSince(null)).isNull();
  }
}
