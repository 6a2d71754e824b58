package dev.postings.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.batch.BatchCounts;
import dev.postings.batch.BatchFormat;
import dev.postings.batch.BatchIntakeWriter;
import dev.postings.batch.BatchListing;
import dev.postings.batch.BatchRecord;
import dev.postings.batch.BatchResult;
import dev.postings.batch.BatchStatus;
import dev.postings.batch.BatchStore;
import dev.postings.batch.InvalidRows;
import dev.postings.batch.NewBatch;
import dev.postings.batch.RowStart;
import dev.postings.batch.WaitingRow;
import dev.postings.workflow.AttentionCode;
import dev.postings.workflow.PostingState;
import dev.postings.workflow.PostingStep;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Batches on a real PostgreSQL: stored whole or not at all, started once per row in file order, read back joined. */
class BatchStoreTest {

  private static final Instant T0 = Instant.parse("2026-12-01T17:00:00Z");
  private BatchStore batches;

  @BeforeEach
  void empty() {
    TestRegistry.execute("TRUNCATE batch_invalid_rows, batch_rows, batches");
    batches = new BatchStore(TestRegistry.database().dataSource());
  }

  private static NewBatch batch(String id) {
    return new NewBatch(id, "billing", BatchFormat.CSV, InvalidRows.LEAVE_OUT, T0);
  }

  private static byte[] sealed(String postingId) {
    return ("sealed " + postingId).getBytes(StandardCharsets.UTF_8);
  }

  private BatchRecord store(String batchId, int rows) {
    try (BatchIntakeWriter writer = batches.begin(batch(batchId)).orElseThrow()) {
      for (int line = 2; line < rows + 2; line++) {
        writer.add(line, batchId + "-" + line, sealed(batchId + "-" + line), repeated -> {
          throw new AssertionError("no repeated id in this file");
        });
      }
      writer.flush(repeated -> {});
      return writer.store("sha-" + batchId, rows, rows, 0);
    }
  }

  @Test
  void aBatchExistsOnlyOnceItsFileWasReadWhole() {
    try (BatchIntakeWriter writer = batches.begin(batch("b-1")).orElseThrow()) {
      for (int line = 2; line < 1_202; line++) {
        writer.add(line, "p-" + line, sealed("p-" + line), repeated -> {});
      }
      // more than two JDBC batches written, but nothing visible outside the intake's transaction
      assertThat(batches.find("b-1")).isEmpty();
      assertThat(batches.startingBatches(10)).isEmpty();
      assertThatThrownBy(() -> writer.store("sha", 1_200, 1_200, 0)).isInstanceOf(IllegalStateException.class);
      writer.flush(repeated -> {});
      writer.store("sha", 1_200, 1_200, 0);
    }
    BatchRecord stored = batches.find("b-1").orElseThrow();
    assertThat(stored.rowsValid()).isEqualTo(1_200);
    assertThat(stored.status()).isEqualTo(BatchStatus.STARTING);
    assertThat(batches.counts("b-1").waitingToStart()).isEqualTo(1_200);
  }

  @Test
  void anIntakeClosedWithoutStoringLeavesNothingAndFreesTheId() {
    try (BatchIntakeWriter writer = batches.begin(batch("b-refused")).orElseThrow()) {
      writer.add(2, "p-1", sealed("p-1"), repeated -> {});
      writer.flush(repeated -> {});
    }
    assertThat(batches.find("b-refused")).isEmpty();
    assertThat(batches.counts("b-refused").waitingToStart()).isZero();
    assertThat(batches.begin(batch("b-refused"))).hasValueSatisfying(BatchIntakeWriter::close);
  }

  @Test
  void aPostingIdRepeatedInTheFileIsReportedWithItsLine() {
    List<Integer> repeatedLines = new ArrayList<>();
    try (BatchIntakeWriter writer = batches.begin(batch("b-dup")).orElseThrow()) {
      writer.add(2, "p-1", sealed("p-1"), repeatedLines::add);
      writer.add(3, "p-2", sealed("p-2"), repeatedLines::add);
      writer.add(4, "p-1", sealed("p-1"), repeatedLines::add);
      writer.flush(repeatedLines::add);
      writer.store("sha", 3, 2, 1);
    }
    assertThat(repeatedLines).containsExactly(4);
    assertThat(batches.counts("b-dup").waitingToStart()).isEqualTo(2);
  }

  @Test
  void aTakenIdIsFoundTaken() {
    store("b-taken", 1);
    assertThat(batches.begin(batch("b-taken"))).isEmpty();
  }

  @Test
  void rowsStartInFileOrderOnceEachAndTheBatchEndsStarted() {
    store("b-2", 5);
    List<Integer> startedLines = new ArrayList<>();
    int first = batches.startWaiting("b-2", 3, row -> {
      startedLines.add(row.line());
      assertThat(new String(row.requestSealed(), StandardCharsets.UTF_8)).isEqualTo("sealed " + row.postingId());
      return new RowStart(RowStart.Outcome.STARTED, null);
    }, T0.plusSeconds(1));
    assertThat(first).isEqualTo(3);
    assertThat(batches.find("b-2").orElseThrow().status()).isEqualTo(BatchStatus.STARTING);
    batches.startWaiting("b-2", 3, row -> {
      startedLines.add(row.line());
      return new RowStart(row.line() == 6 ? RowStart.Outcome.CONFLICT : RowStart.Outcome.STARTED, null);
    }, T0.plusSeconds(2));
    assertThat(startedLines).containsExactly(2, 3, 4, 5, 6);
    assertThat(batches.find("b-2").orElseThrow().status()).isEqualTo(BatchStatus.STARTED);
    assertThat(batches.startWaiting("b-2", 3, row -> {
      throw new AssertionError("nothing left to start");
    }, T0.plusSeconds(3))).isZero();
    // the request is erased once started: the workflow holds it now
    TestRegistry.execute("DO $$ BEGIN IF EXISTS (SELECT 1 FROM batch_rows WHERE request_sealed IS NOT NULL) THEN"
        + " RAISE EXCEPTION 'a started row keeps its request'; END IF; END $$");
    assertThat(batches.counts("b-2").starts()).containsEntry("STARTED", 4L).containsEntry("CONFLICT", 1L);
  }

  @Test
  void aStartThatFailsLeavesItsRowsWaiting() {
    store("b-3", 2);
    assertThatThrownBy(() -> batches.startWaiting("b-3", 10, row -> {
      if (row.line() == 3) {
        throw new IllegalStateException("Temporal unreachable");
      }
      return new RowStart(RowStart.Outcome.STARTED, null);
    }, T0)).isInstanceOf(IllegalStateException.class);
    assertThat(batches.counts("b-3").waitingToStart()).isEqualTo(2);
  }

  @Test
  void twoIntakesAtOnceStartEveryRowExactlyOnce() {
    store("b-4", 400);
    List<String> started = new CopyOnWriteArrayList<>();
    Runnable drain = () -> {
      while (batches.startWaiting("b-4", 25, row -> {
        started.add(row.postingId());
        return new RowStart(RowStart.Outcome.STARTED, null);
      }, T0) > 0) {
        // next page
      }
    };
    CompletableFuture.allOf(CompletableFuture.runAsync(drain), CompletableFuture.runAsync(drain)).join();
    assertThat(started).hasSize(400).doesNotHaveDuplicates();
    assertThat(batches.find("b-4").orElseThrow().status()).isEqualTo(BatchStatus.STARTED);
  }

  @Test
  void progressAndResultsJoinThePostingsStatesInTheRegistry() {
    PostingRegistry registry = TestRegistry.empty();
    store("b-5", 3);
    batches.startWaiting("b-5", 10, row -> new RowStart(row.line() == 4 ? RowStart.Outcome.CONFLICT
        : RowStart.Outcome.STARTED, row.line() == 4 ? "another request holds this posting id" : null), T0);
    registry.register(TestRegistry.posting("b-5-2", "fp", T0));
    registry.recordState(new dev.postings.registry.StateUpdate("b-5-2", PostingState.CONFIRMED, PostingStep.DONE,
        "rec-2", null, T0.plusSeconds(5)));
    registry.register(TestRegistry.posting("b-5-3", "fp", T0));
    registry.recordState(new dev.postings.registry.StateUpdate("b-5-3", PostingState.NEEDS_ATTENTION,
        PostingStep.CONFIRM, null, AttentionCode.UNKNOWN_OUTCOME, T0.plusSeconds(5)));

    BatchCounts counts = batches.counts("b-5");
    assertThat(counts.postings()).containsEntry("CONFIRMED", 1L).containsEntry("NEEDS_ATTENTION", 1L);
    assertThat(counts.open()).isZero();
    List<BatchResult> results = Collections.synchronizedList(new ArrayList<>());
    batches.results("b-5", results::add);
    assertThat(results).containsExactly(
        new BatchResult(2, "b-5-2", "STARTED", "CONFIRMED", "rec-2", null, null),
        new BatchResult(3, "b-5-3", "STARTED", "NEEDS_ATTENTION", null, "UNKNOWN_OUTCOME", null),
        new BatchResult(4, "b-5-4", "CONFLICT", null, null, null, null));

    registry.register(TestRegistry.posting("b-5-x", "fp", T0));
    store("b-6", 1);
    batches.startWaiting("b-6", 10, row -> new RowStart(RowStart.Outcome.STARTED, null), T0);
    // started, but the registry has no state for it yet: still open
    assertThat(batches.counts("b-6").open()).isEqualTo(1);
    assertThat(batches.counts("b-6").postings()).containsEntry("UNKNOWN", 1L);
  }

  @Test
  void aWaitingRowCarriesItsSealedRequest() {
    store("b-7", 1);
    List<WaitingRow> seen = new ArrayList<>();
    batches.startWaiting("b-7", 1, row -> {
      seen.add(row);
      return new RowStart(RowStart.Outcome.STARTED, null);
    }, T0);
    assertThat(seen).singleElement().satisfies(row -> assertThat(row.postingId()).isEqualTo("b-7-2"));
  }

  @Test
  void invalidRowsAreKeptWithTheBatchAndMergedIntoTheResultsByLineButNeverStart() {
    try (BatchIntakeWriter writer = batches.begin(batch("b-inv")).orElseThrow()) {
      // more invalid rows than one JDBC batch, interleaved with valid ones
      for (int line = 2; line < 1_202; line++) {
        if (line % 2 == 0) {
          writer.invalid(line, line % 4 == 0 ? "p-" + line : null, List.of("amount.minor", "target.chargeId"));
        } else {
          writer.add(line, "p-" + line, sealed("p-" + line), repeated -> {});
        }
      }
      writer.flush(repeated -> {});
      writer.store("sha", 1_200, 600, 600);
    }
    List<WaitingRow> started = new ArrayList<>();
    while (batches.startWaiting("b-inv", 500, row -> {
      started.add(row);
      return new RowStart(RowStart.Outcome.STARTED, null);
    }, T0) > 0) {
      // until no row waits
    }
    assertThat(started).hasSize(600).allSatisfy(row -> assertThat(row.line() % 2).isEqualTo(1));
    assertThat(batches.counts("b-inv").starts()).containsOnlyKeys("STARTED");

    List<BatchResult> results = new ArrayList<>();
    batches.results("b-inv", results::add);
    assertThat(results).extracting(BatchResult::line)
        .containsExactlyElementsOf(java.util.stream.IntStream.range(2, 1_202).boxed().toList());
    assertThat(results.get(0)).isEqualTo(new BatchResult(2, null, "INVALID", null, null, null,
        "amount.minor;target.chargeId"));
    assertThat(results.get(1).startOutcome()).isEqualTo("STARTED");
    assertThat(results.get(2)).isEqualTo(new BatchResult(4, "p-4", "INVALID", null, null, null,
        "amount.minor;target.chargeId"));
    assertThat(batches.invalidRows("b-inv", 3)).extracting(BatchResult::line).containsExactly(2, 4, 6);
  }

  @Test
  void invalidRowsOfAnIntakeClosedWithoutStoringLeaveNothing() {
    try (BatchIntakeWriter writer = batches.begin(batch("b-inv-refused")).orElseThrow()) {
      writer.invalid(2, "p-1", List.of("amount.minor"));
    }
    assertThat(TestRegistry.count("SELECT count(*) FROM batch_invalid_rows")).isZero();
  }

  @Test
  void aBatchNoneOfWhoseRowsStartedIsDiscardedWholeAndItsIdFreed() {
    try (BatchIntakeWriter writer = batches.begin(batch("b-discard")).orElseThrow()) {
      writer.add(2, "p-2", sealed("p-2"), repeated -> {});
      writer.invalid(3, null, List.of("postingId"));
      writer.add(4, "p-4", sealed("p-4"), repeated -> {});
      writer.flush(repeated -> {});
      writer.store("sha", 3, 2, 1);
    }
    // a row refused at its start posted nothing: the batch can still go
    batches.startWaiting("b-discard", 1, row -> new RowStart(RowStart.Outcome.REFUSED, "connectionId"), T0);

    assertThat(batches.discard("b-discard")).isEqualTo(BatchStore.Discard.DISCARDED);
    assertThat(batches.find("b-discard")).isEmpty();
    assertThat(batches.startingBatches(10)).isEmpty();
    assertThat(TestRegistry.count("SELECT count(*) FROM batch_rows")
        + TestRegistry.count("SELECT count(*) FROM batch_invalid_rows")).isZero();
    assertThat(batches.discard("b-discard")).isEqualTo(BatchStore.Discard.NO_BATCH);
    assertThat(batches.begin(batch("b-discard"))).hasValueSatisfying(BatchIntakeWriter::close);
  }

  @Test
  void aBatchWithAStartedRowIsNotDiscarded() {
    store("b-keep", 2);
    batches.startWaiting("b-keep", 1, row -> new RowStart(RowStart.Outcome.STARTED, null), T0);

    assertThat(batches.discard("b-keep")).isEqualTo(BatchStore.Discard.STARTED);
    assertThat(batches.find("b-keep")).isPresent();
    assertThat(batches.counts("b-keep").waitingToStart()).isEqualTo(1);
    assertThat(batches.counts("b-keep").starts()).containsEntry("STARTED", 1L);
  }

  @Test
  void batchesAreListedNewestFirstAPageAtATimeAllOrOneServices() {
    for (int i = 0; i < 5; i++) {
      String owner = i % 2 == 0 ? "billing" : "rent";
      try (BatchIntakeWriter writer = batches.begin(new NewBatch("l-" + i, owner, BatchFormat.CSV,
          InvalidRows.REFUSE, T0.plusSeconds(i))).orElseThrow()) {
        writer.store("sha", 0, 0, 0);
      }
    }
    BatchListing listing = new BatchListing(TestRegistry.database().dataSource());
    BatchListing.Page first = listing.page(null, 2, null);
    assertThat(first.batches()).extracting(BatchRecord::batchId).containsExactly("l-4", "l-3");
    BatchListing.Page second = listing.page(null, 2, first.next());
    assertThat(second.batches()).extracting(BatchRecord::batchId).containsExactly("l-2", "l-1");
    BatchListing.Page last = listing.page(null, 2, second.next());
    assertThat(last.batches()).extracting(BatchRecord::batchId).containsExactly("l-0");
    assertThat(last.next()).isNull();
    assertThat(listing.page("rent", 10, null).batches()).extracting(BatchRecord::batchId)
        .containsExactly("l-3", "l-1");
  }
}
