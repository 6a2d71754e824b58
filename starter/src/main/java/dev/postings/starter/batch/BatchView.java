package dev.postings.starter.batch;

import dev.postings.batch.BatchCounts;
import dev.postings.batch.BatchRecord;
import dev.postings.batch.BatchResult;
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
 * @param leftOut on {@code GET /api/batches/{batchId}} only: the rows a LEAVE_OUT batch left out as invalid, first
 *     {@code postings.batches.listed-errors} by line, with the names of the fields at fault (the results file has all)
 */
public record BatchView(String batchId, String status, String format, String invalidRows, int rowsRead, int rowsValid,
    int rowsInvalid, Instant receivedAt, Instant startedAt, int waitingToStart, Map<String, Long> starts,
    Map<String, Long> postings, String resultsUrl, List<InvalidRow> invalid, Integer invalidNotListed,
    List<LeftOut> leftOut) {

  /** A row left out as invalid: its line, its posting id when it had a readable one, the fields at fault. */
  public record LeftOut(int line, String postingId, List<String> fields) {

    static LeftOut of(BatchResult row) {
      return new LeftOut(row.line(), row.postingId(), row.invalidFields() == null || row.invalidFields().isEmpty()
          ? List.of() : List.of(row.invalidFields().split(";")));
    }
  }

  static BatchView of(BatchRecord batch, BatchCounts counts, List<InvalidRow> invalid, Integer invalidNotListed) {
    return of(batch, counts, invalid, invalidNotListed, null);
  }

  static BatchView of(BatchRecord batch, BatchCounts counts, List<InvalidRow> invalid, Integer invalidNotListed,
      List<BatchResult> leftOut) {
    boolean finished = counts.waitingToStart() == 0 && counts.open() == 0;
    return new BatchView(batch.batchId(), finished ? "FINISHED" : batch.status().name(), batch.format().name(),
        batch.invalidRows().name(), batch.rowsRead(), batch.rowsValid(), batch.rowsInvalid(), batch.receivedAt(),
        batch.startedAt(), counts.waitingToStart(), counts.starts(), counts.postings(),
        "/api/batches/" + batch.batchId() + "/results", invalid, invalidNotListed,
        leftOut == null ? null : leftOut.stream().map(LeftOut::of).toList());
  }
}
