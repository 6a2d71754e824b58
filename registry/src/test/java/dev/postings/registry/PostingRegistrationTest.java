package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.model.Provider;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class PostingRegistrationTest {

  private static final Instant T0 = Instant.parse("2026-12-05T08:00:00.123456789Z");
  private PostingRegistry registry;

  @BeforeEach
  void emptyRegistry() {
    registry = TestRegistry.empty();
  }

  @Test
  void aNewIdIsRegisteredReceivedWithItsReferenceReadableAgain() {
    Registration result = registry.register(TestRegistry.posting("p-1", "fp-a", T0));

    assertThat(result).isInstanceOf(Registration.Registered.class);
    PostingRecord row = registry.find("p-1").orElseThrow();
    assertThat(row).isEqualTo(((Registration.Registered) result).posting());
    assertThat(row.state()).isEqualTo(PostingState.RECEIVED);
    assertThat(row.step()).isEqualTo(PostingStep.VALIDATE);
    assertThat(row.reference()).isEqualTo("REF-p-1");
    assertThat(row.startedAt()).isEqualTo(Instant.parse("2026-12-05T08:00:00.123456Z"));
    assertThat(row.stateSince()).isEqualTo(row.startedAt());
    assertThat(row.isOpen()).isTrue();
  }

  @Test
  void theSameRequestAgainIsAnsweredWithTheRowAsRecorded() {
    registry.register(TestRegistry.posting("p-1", "fp-a", T0));
    registry.recordState(new StateUpdate("p-1", PostingState.CONFIRMED, PostingStep.DONE, "rec-9", null,
        T0.plusSeconds(5)));

    Registration again = registry.register(TestRegistry.posting("p-1", "fp-a", T0.plusSeconds(60)));

    assertThat(again).isInstanceOfSatisfying(Registration.SameRequest.class, same -> {
      assertThat(same.existing().state()).isEqualTo(PostingState.CONFIRMED);
      assertThat(same.existing().recordId()).isEqualTo("rec-9");
      // the first registration's row, untouched by the second
      assertThat(same.existing().startedAt()).isEqualTo(Instant.parse("2026-12-05T08:00:00.123456Z"));
    });
  }

  @Test
  void anotherBodyOrAnotherServiceUnderATakenIdIsAConflict() {
    registry.register(TestRegistry.posting("p-1", "fp-a", T0));

    NewPosting otherBody = TestRegistry.posting("p-1", "fp-b", T0);
    NewPosting otherService = new NewPosting("p-1", "another-service", "fp-a", Provider.ACQUAINT, null, 12_500, "GBP",
        "REF-p-1", LocalDate.of(2026, 12, 1), T0);

    assertThat(registry.register(otherBody)).isEqualTo(new Registration.Conflict("p-1"));
    assertThat(registry.register(otherService)).isEqualTo(new Registration.Conflict("p-1"));
    assertThat(registry.find("p-1").orElseThrow().fingerprint()).isEqualTo("fp-a");
  }

  @Test
  void twentyConcurrentRegistrationsOfOneIdMakeExactlyOneRow() throws Exception {
    int threads = 20;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    List<Future<Registration>> results = new ArrayList<>();
    List<String> fingerprints = new ArrayList<>();
    try {
      for (int i = 0; i < threads; i++) {
        String fingerprint = i % 2 == 0 ? "fp-a" : "fp-b";
        fingerprints.add(fingerprint);
        NewPosting posting = TestRegistry.posting("p-race", fingerprint, T0);
        results.add(pool.submit(() -> {
          go.await();
          return registry.register(posting);
        }));
      }
      go.countDown();
      List<Registration> outcomes = new ArrayList<>();
      for (Future<Registration> result : results) {
        outcomes.add(result.get());
      }

      assertThat(outcomes).filteredOn(Registration.Registered.class::isInstance).hasSize(1);
      String winner = registry.find("p-race").orElseThrow().fingerprint();
      for (int i = 0; i < threads; i++) {
        if (outcomes.get(i) instanceof Registration.Registered) {
          assertThat(fingerprints.get(i)).isEqualTo(winner);
        } else if (fingerprints.get(i).equals(winner)) {
          assertThat(outcomes.get(i)).isInstanceOf(Registration.SameRequest.class);
        } else {
          assertThat(outcomes.get(i)).isEqualTo(new Registration.Conflict("p-race"));
        }
      }
      assertThat(outcomes).filteredOn(Registration.SameRequest.class::isInstance).hasSize(9);
      assertThat(outcomes).filteredOn(Registration.Conflict.class::isInstance).hasSize(10);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aPostingNamesAnExistingConnectionOrIsRefused() {
    TestRegistry.connection("acme-acquaint", "ACQUAINT");
    NewPosting named = new NewPosting("p-1", "billing", "fp-a", Provider.ACQUAINT, "acme-acquaint", 100, "GBP", "R1",
        LocalDate.of(2026, 12, 1), T0);
    NewPosting unknown = new NewPosting("p-2", "billing", "fp-a", Provider.ACQUAINT, "nobody", 100, "GBP", "R2",
        LocalDate.of(2026, 12, 1), T0);

    assertThat(registry.register(named)).isInstanceOf(Registration.Registered.class);
    assertThat(registry.find("p-1").orElseThrow().connectionId()).isEqualTo("acme-acquaint");
    assertThatThrownBy(() -> registry.register(unknown))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nobody'");
  }
}
