package dev.postings.starter.batch;

import dev.postings.batch.BatchRecord;
import dev.postings.batch.BatchStore;
import dev.postings.batch.RowStart;
import dev.postings.batch.WaitingRow;
import dev.postings.model.FieldError;
import dev.postings.starter.api.PostingService.StartOutcome;
import java.time.Clock;
import java.util.function.BiFunction;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The background half of the intake: starts the stored rows of every batch, at a pace, through the same start the API
 * uses (so a row is registered, fingerprinted and owned as a single posting would be). It keeps no state of its own:
 * what is left to start is in the database, so a restarted API (or another instance) carries on where this one
 * stopped.
 */
final class BatchStarts implements Runnable {

  private static final Logger log = LoggerFactory.getLogger(BatchStarts.class);
  private static final int BATCHES_PER_LOOK = 10;

  private final BatchStore store;
  private final BatchSeal seal;
  private final BiFunction<String, String, StartOutcome> start;
  private final int startsPerLook;
  private final Clock clock;

  /** @param start the API's start of one posting: (request JSON, owner) to its outcome */
  BatchStarts(BatchStore store, BatchSeal seal, BiFunction<String, String, StartOutcome> start, int startsPerLook,
      Clock clock) {
    this.store = store;
    this.seal = seal;
    this.start = start;
    this.startsPerLook = startsPerLook;
    this.clock = clock;
  }

  /** One look: starts up to the pace's share of waiting rows, oldest batch first. */
  @Override
  public void run() {
    int budget = startsPerLook;
    try {
      for (String batchId : store.startingBatches(BATCHES_PER_LOOK)) {
        if (budget <= 0) {
          return;
        }
        BatchRecord batch = store.find(batchId).orElseThrow();
        budget -= store.startWaiting(batchId, budget, row -> startRow(batch, row), clock.instant());
      }
    } catch (RuntimeException e) {
      // Temporal or the database unreachable: the rows stay waiting, the next look tries again
      log.warn("batch intake: starting rows failed, will try again: {}", e.toString());
    }
  }

  private RowStart startRow(BatchRecord batch, WaitingRow row) {
    StartOutcome outcome = start.apply(seal.open(row.requestSealed()), batch.owner());
    if (outcome instanceof StartOutcome.Started) {
      return new RowStart(RowStart.Outcome.STARTED, null);
    }
    if (outcome instanceof StartOutcome.AlreadyExists) {
      return new RowStart(RowStart.Outcome.ALREADY_STARTED, null);
    }
    if (outcome instanceof StartOutcome.Conflict) {
      return new RowStart(RowStart.Outcome.CONFLICT, "another request holds this posting id");
    }
    // valid at intake, refused now (a rule or a connection changed since): its field errors name fields, not values
    return new RowStart(RowStart.Outcome.REFUSED, ((StartOutcome.Invalid) outcome).errors().stream()
        .map(FieldError::field).distinct().collect(Collectors.joining(", ", "invalid at start: ", "")));
  }
}
