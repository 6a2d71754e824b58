package dev.postings.starter.batch;

import dev.postings.batch.BatchCounts;
import dev.postings.batch.BatchRecord;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch as the API shows it.
 *
 * @param status STARTING while rows wait to start, STARTED once all have, FINISHED when every posting has ended or
 *     waits for an operator
 * @param waitingToStart valid rows not started yet
 * @param starts rows by what starting them did (STARTED, ALREADY_STARTED, CONFLICT, REFUSED)
 * @param postings the batch's postings by state ({@code UNKNOWN}: started, no state recorded yet)
 * @param invalid on the answer to the upload only: the invalid rows, first {@code postings.batches.listed-errors}
 * @param invalidNotListed how many more invalid rows there were than the list shows
 */
public record BatchView(String batchId, String status, String format, String invalidRows, int rowsRead, int rowsValid,
    int rowsInvalid, Instant receivedAt, Instant startedAt, int waitingToStart, Map<String, Long> starts,
    Map<String, Long> postings, String resultsUrl, List<InvalidRow> invalid, Integer invalidNotListed) {

  static BatchView of(BatchRecord batch, BatchCounts counts, List<InvalidRow> invalid, Integer invalidNotListed) {
    boolean finished = counts.waitingToStart() == 0 && counts.open() == 0;
    return new BatchView(batch.batchId(), finished ? "FINISHED" : batch.status().name(), batch.format().name(),
        batch.invalidRows().name(), batch.rowsRead(), batch.rowsValid(), batch.rowsInvalid(), batch.receivedAt(),
        batch.startedAt(), counts.waitingToStart(), counts.starts(), counts.postings(),
        "/api/batches/" + batch.batchId() + "/results", invalid, invalidNotListed);
  }
}
