package dev.postings.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a posting knows survives its continuing as new: every fact, set to something other than its default, is read
 * back by the next run from the workflow input exactly as the worker's converter writes it. A fact added to
 * {@link PostingFacts} and forgotten in {@link PostingCarry} fails here, before a long posting forgets it in production.
 */
class PostingFactsCarryTest {

  private static final DataConverter CONVERTER = DefaultDataConverter.newDefaultInstance();
  /** Not carried: a posting never continues as new while parked (the parking ends first). */
  private static final List<String> NOT_CARRIED = List.of("parkedAt");

  @Test
  void everyFactIsCarriedIntoTheNextRun() throws Exception {
    PostingFacts facts = new PostingFacts();
    facts.resentAfterUnclear = true;
    facts.approvalStage = true;
    facts.compensationRegistered = true;
    facts.landedWrong("rec-7", 12_345);
    facts.alreadyReversedBy = "offset-9";
    facts.parkings = 4;
    facts.approvalSince = Instant.parse("2026-11-30T08:15:00Z");
    facts.approvalReminded = true;
    assertThat(settableFacts()).allSatisfy(field -> assertThat(field.get(facts))
        .as("every fact is set in this test: " + field.getName())
        .isNotIn(null, false, 0, 0L));

    PostingCarry carry = facts.carry(PostingCarry.Resume.AWAIT_APPROVAL, 2, Instant.parse("2026-11-01T00:00:00Z"),
        new PostingCarry.JournalSnapshot(PostingState.AWAITING_APPROVAL, PostingStep.AWAIT_APPROVAL, "job-1", null,
            null, PostingState.AWAITING_APPROVAL, List.of(), null), true, null, null);
    PostingCarry read = CONVERTER.fromPayload(CONVERTER.toPayload(carry).orElseThrow(), PostingCarry.class,
        PostingCarry.class);
    PostingFacts next = new PostingFacts();
    next.restore(read);

    for (Field field : settableFacts()) {
      assertThat(field.get(next)).as(field.getName()).isEqualTo(field.get(facts));
    }
    assertThat(read.lookDue()).isTrue();
  }

  @Test
  void theApprovalWaitsStartIsCarriedOnlyIntoAnApprovalWait() {
    PostingFacts facts = new PostingFacts();
    facts.approvalSince = Instant.parse("2026-11-30T08:15:00Z");

    PostingCarry carry = facts.carry(PostingCarry.Resume.AWAIT_OPERATOR, 1, Instant.EPOCH, null, false, "why", null);

    assertThat(carry.approvalSince()).isNull();
  }

  private static List<Field> settableFacts() {
    return Arrays.stream(PostingFacts.class.getDeclaredFields())
        .filter(field -> !Modifier.isStatic(field.getModifiers()) && !NOT_CARRIED.contains(field.getName()))
        .peek(field -> field.setAccessible(true))
        .toList();
  }
}
