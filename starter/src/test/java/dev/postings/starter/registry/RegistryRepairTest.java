package dev.postings.starter.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.model.Provider;
import dev.postings.registry.PostingRecord;
import dev.postings.registry.StateUpdate;
import dev.postings.workflow.Attention;
import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStatus;
import dev.postings.workflow.PostingStep;
import dev.postings.workflow.TimelineEntry;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which difference between a registry row and its workflow the repair records, and with which time. */
class RegistryRepairTest {

  private static final Instant T0 = Instant.parse("2026-12-05T10:00:00Z");

  @Test
  void aParkingTheRowMissedIsRecordedWithTheTimeTheWorkflowParked() {
    PostingStatus parked = status(PostingState.PARKED, AttentionCode.PARKED_PROVIDER_UNAVAILABLE,
        entry(PostingState.RECEIVED, 0), entry(PostingState.SUBMITTING, 1), entry(PostingState.PARKED, 5),
        entry(PostingState.PARKED, 9));

    Optional<StateUpdate> update = RegistryRepair.missedUpdate(row(PostingState.RECEIVED), parked);

    assertThat(update).isPresent();
    assertThat(update.get().state()).isEqualTo(PostingState.PARKED);
    // when it entered the wait, not the later note on the same wait, nor the repair's own time
    assertThat(update.get().at()).isEqualTo(T0.plusSeconds(5));
    assertThat(update.get().attentionCode()).isEqualTo(AttentionCode.PARKED_PROVIDER_UNAVAILABLE);
  }

  @Test
  void aWaitTheRowStillShowsAfterItEndedIsCorrected() {
    PostingStatus working = status(PostingState.SUBMITTING, null,
        entry(PostingState.PARKED, 5), entry(PostingState.SUBMITTING, 60));

    Optional<StateUpdate> update = RegistryRepair.missedUpdate(row(PostingState.PARKED), working);

    assertThat(update).map(StateUpdate::state).contains(PostingState.SUBMITTING);
    assertThat(update).map(StateUpdate::at).contains(T0.plusSeconds(60));
  }

  @Test
  void anEndTheRowMissedIsRecorded() {
    PostingStatus confirmed = status(PostingState.CONFIRMED, null, entry(PostingState.RECEIVED, 0),
        entry(PostingState.CONFIRMED, 3));

    assertThat(RegistryRepair.missedUpdate(row(PostingState.RECEIVED), confirmed)).map(StateUpdate::state)
        .contains(PostingState.CONFIRMED);
  }

  @Test
  void aWorkingStateTheWorkflowDoesNotTellIsLeftAloneAsIsAnAgreement() {
    PostingStatus working = status(PostingState.SUBMITTING, null, entry(PostingState.RECEIVED, 0),
        entry(PostingState.SUBMITTING, 1));

    assertThat(RegistryRepair.missedUpdate(row(PostingState.RECEIVED), working)).isEmpty();
    assertThat(RegistryRepair.missedUpdate(row(PostingState.SUBMITTING), working)).isEmpty();
    // no timeline (no worker answered): no time to record it with
    assertThat(RegistryRepair.missedUpdate(row(PostingState.RECEIVED), status(PostingState.PARKED, null)))
        .isEmpty();
  }

  private static TimelineEntry entry(PostingState state, int second) {
    return new TimelineEntry(state, PostingStep.SUBMIT, T0.plusSeconds(second), state.name());
  }

  private static PostingStatus status(PostingState state, AttentionCode code, TimelineEntry... timeline) {
    return new PostingStatus("p-1", Provider.STOREDGE, state, PostingStep.SUBMIT, null, null, List.of(timeline),
        null, code == null ? null : Attention.of(code));
  }

  private static PostingRecord row(PostingState state) {
    return new PostingRecord("p-1", "billing", "fp", Provider.STOREDGE, null, 5_000, "USD", "REF", LocalDate.of(2026,
        12, 1), state, PostingStep.VALIDATE, null, null, T0, T0, T0, null, null, null);
  }
}
