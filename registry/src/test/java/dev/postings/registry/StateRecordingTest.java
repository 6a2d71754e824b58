package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class StateRecordingTest {

  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00Z");
  private PostingRegistry registry;

  @BeforeEach
  void emptyRegistry() {
    registry = TestRegistry.empty();
  }

  /** A ResMan posting's walk, each state a second after the one before. */
  private static List<StateUpdate> walk(String postingId) {
    return List.of(
        new StateUpdate(postingId, PostingState.SUBMITTING, PostingStep.SUBMIT, null, null, T0.plusSeconds(1)),
        new StateUpdate(postingId, PostingState.AWAITING_JOB, PostingStep.AWAIT_JOB, null, null, T0.plusSeconds(2)),
        new StateUpdate(postingId, PostingState.AWAITING_APPROVAL, PostingStep.AWAIT_APPROVAL, null, null,
            T0.plusSeconds(3)),
        new StateUpdate(postingId, PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD, null, null,
            T0.plusSeconds(4)),
        new StateUpdate(postingId, PostingState.CONFIRMED, PostingStep.DONE, "rec-7", null, T0.plusSeconds(5)));
  }

  @Test
  void updatesReplayedInAnyOrderLeaveTheRowTheLatestOneMade() {
    registry.register(TestRegistry.posting("in-order", "fp", T0));
    walk("in-order").forEach(registry::recordState);
    PostingRecord expected = registry.find("in-order").orElseThrow();
    assertThat(expected.state()).isEqualTo(PostingState.CONFIRMED);
    assertThat(expected.finishedAt()).isEqualTo(T0.plusSeconds(5));

    Random random = new Random(16);
    for (int round = 0; round < 20; round++) {
      String id = "shuffled-" + round;
      registry.register(TestRegistry.posting(id, "fp", T0));
      List<StateUpdate> updates = new ArrayList<>(walk(id));
      // every update delivered twice, in a random order: replays and late deliveries together
      updates.addAll(walk(id));
      Collections.shuffle(updates, random);
      updates.forEach(registry::recordState);

      PostingRecord row = registry.find(id).orElseThrow();
      assertThat(row.state()).isEqualTo(PostingState.CONFIRMED);
      assertThat(row.step()).isEqualTo(PostingStep.DONE);
      assertThat(row.recordId()).isEqualTo("rec-7");
      assertThat(row.stateSince()).isEqualTo(T0.plusSeconds(5));
      assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(5));
      assertThat(row.finishedAt()).isEqualTo(T0.plusSeconds(5));
    }
  }

  @Test
  void anOlderUpdateIsReportedStaleAndChangesNothing() {
    registry.register(TestRegistry.posting("p-1", "fp", T0));
    StateUpdate parked = new StateUpdate("p-1", PostingState.PARKED, PostingStep.SUBMIT, null,
        AttentionCode.PARKED_PROVIDER_UNAVAILABLE, T0.plusSeconds(10));
    assertThat(registry.recordState(parked)).isEqualTo(StateRecorded.APPLIED);
    PostingRecord before = registry.find("p-1").orElseThrow();

    StateRecorded late = registry.recordState(
        new StateUpdate("p-1", PostingState.SUBMITTING, PostingStep.SUBMIT, null, null, T0.plusSeconds(9)));

    assertThat(late).isEqualTo(StateRecorded.STALE);
    assertThat(registry.find("p-1").orElseThrow()).isEqualTo(before);
    assertThat(before.attentionCode()).isEqualTo(AttentionCode.PARKED_PROVIDER_UNAVAILABLE);
    assertThat(before.isOpen()).isTrue();
  }

  @Test
  void atTheSameInstantTheLaterStateOfTheWalkWins() {
    for (boolean terminalFirst : new boolean[] {true, false}) {
      String id = "tie-" + terminalFirst;
      registry.register(TestRegistry.posting(id, "fp", T0));
      StateUpdate discovering = new StateUpdate(id, PostingState.DISCOVERING_RECORD, PostingStep.DISCOVER_RECORD,
          null, null, T0.plusSeconds(3));
      StateUpdate confirmed = new StateUpdate(id, PostingState.CONFIRMED, PostingStep.DONE, "rec-1", null,
          T0.plusSeconds(3));
      List<StateUpdate> order = terminalFirst ? List.of(confirmed, discovering) : List.of(discovering, confirmed);
      order.forEach(registry::recordState);

      assertThat(registry.find(id).orElseThrow().state()).as(id).isEqualTo(PostingState.CONFIRMED);
    }
  }

  @Test
  void stateSinceIsWhenTheStateWasEnteredAndARecordIdIsNeverErased() {
    registry.register(TestRegistry.posting("p-1", "fp", T0));
    registry.recordState(new StateUpdate("p-1", PostingState.NEEDS_ATTENTION, PostingStep.CONFIRM, "rec-3",
        AttentionCode.RECORD_MISMATCH, T0.plusSeconds(10)));
    registry.recordState(new StateUpdate("p-1", PostingState.NEEDS_ATTENTION, PostingStep.CONFIRM, null,
        AttentionCode.RECORD_MISMATCH, T0.plusSeconds(20)));

    PostingRecord row = registry.find("p-1").orElseThrow();
    assertThat(row.stateSince()).isEqualTo(T0.plusSeconds(10));
    assertThat(row.updatedAt()).isEqualTo(T0.plusSeconds(20));
    assertThat(row.recordId()).isEqualTo("rec-3");
    assertThat(row.finishedAt()).isNull();
  }

  @Test
  void aReversalAfterTheConfirmationKeepsTheFirstFinishTime() {
    registry.register(TestRegistry.posting("p-1", "fp", T0));
    registry.recordState(new StateUpdate("p-1", PostingState.CONFIRMED, PostingStep.DONE, "rec-1", null,
        T0.plusSeconds(5)));
    registry.recordState(new StateUpdate("p-1", PostingState.REVERSED, PostingStep.DONE, null, null,
        T0.plusSeconds(50)));

    PostingRecord row = registry.find("p-1").orElseThrow();
    assertThat(row.state()).isEqualTo(PostingState.REVERSED);
    assertThat(row.finishedAt()).isEqualTo(T0.plusSeconds(5));
    assertThat(row.stateSince()).isEqualTo(T0.plusSeconds(50));
  }

  @Test
  void anUpdateForAnUnknownPostingSaysSo() {
    assertThat(registry.recordState(new StateUpdate("nobody", PostingState.SUBMITTING, PostingStep.SUBMIT, null,
        null, T0))).isEqualTo(StateRecorded.UNKNOWN_POSTING);
  }

  @Test
  void theTieOrderPutsWaitsAfterWorkAndEveryTerminalStateLast() {
    int lastOpen = Arrays.stream(PostingState.values()).filter(state -> !state.isTerminal())
        .mapToInt(PostingRegistry::stateOrder).max().orElseThrow();
    int firstTerminal = Arrays.stream(PostingState.values()).filter(PostingState::isTerminal)
        .mapToInt(PostingRegistry::stateOrder).min().orElseThrow();
    assertThat(lastOpen).isLessThan(firstTerminal);
    assertThat(Arrays.stream(PostingState.values()).mapToInt(PostingRegistry::stateOrder).distinct().count())
        .isEqualTo(PostingState.values().length);
  }
}
