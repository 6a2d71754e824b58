package dev.postings.starter.batch;

import dev.postings.batch.BatchFormat;
import dev.postings.batch.BatchIntakeWriter;
import dev.postings.batch.BatchRecord;
import dev.postings.batch.BatchStore;
import dev.postings.batch.InvalidRows;
import dev.postings.batch.NewBatch;
import dev.postings.model.FieldError;
import java.io.InputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Receives a batch file: reads it whole as a stream, checks every row, and stores the valid ones with the batch in one
 * transaction, so that no row starts before the file was read to its end and a refused file leaves nothing. The batch
 * id is the caller's idempotency key: the same file again is answered with the stored batch, another file (or another
 * service) under the same id is a conflict.
 */
public final class BatchIntake {

  /** What became of a file. */
  public sealed interface Intake {
    /** Stored: the valid rows start in the background; {@code invalid} lists the rows left out. */
    record Stored(BatchRecord batch, List<InvalidRow> invalid, int invalidNotListed) implements Intake {}

    /** Refused for its invalid rows (the caller chose REFUSE): nothing stored, the id stays free. */
    record Refused(int rowsRead, List<InvalidRow> invalid, int invalidNotListed) implements Intake {}

    /** This service sent this very file under this id before. */
    record SameFile(BatchRecord batch) implements Intake {}

    /** The id holds another file, or another service's batch: nothing of it is told. */
    record Conflict(String batchId) implements Intake {}
  }

  private final BatchStore store;
  private final BatchFileReader files;
  private final BatchRowCheck rows;
  private final BatchSeal seal;
  private final Clock clock;
  private final int listedErrors;

  BatchIntake(BatchStore store, BatchFileReader files, BatchRowCheck rows, BatchSeal seal, Clock clock,
      int listedErrors) {
    this.store = store;
    this.files = files;
    this.rows = rows;
    this.seal = seal;
    this.clock = clock;
    this.listedErrors = listedErrors;
  }

  /** A file whose rows each name their connection. */
  public Intake receive(String batchId, String owner, BatchFormat format, InvalidRows invalidRows, InputStream file) {
    return receive(batchId, owner, format, invalidRows, null, file);
  }

  /**
   * @param connectionId the connection the batch is for (checked by the caller), or null: rows naming none are posted
   *     on it, rows naming another are invalid
   * @throws BatchFileRefused when the file as a whole is no batch (nothing stored)
   */
  public Intake receive(String batchId, String owner, BatchFormat format, InvalidRows invalidRows,
      String connectionId, InputStream file) {
    Optional<BatchRecord> existing = store.find(batchId);
    if (existing.isPresent()) {
      return sameOrConflict(existing.get(), owner, file);
    }
    Optional<BatchIntakeWriter> taken = store.begin(new NewBatch(batchId, owner, format, invalidRows,
        clock.instant()));
    if (taken.isEmpty()) {
      // another intake of this id finished first
      return sameOrConflict(store.find(batchId).orElseThrow(), owner, file);
    }
    try (BatchIntakeWriter writer = taken.get()) {
      // a LEAVE_OUT batch keeps its invalid rows (field names only) for its results; a REFUSE one stores nothing
      Invalid invalid = new Invalid(listedErrors, invalidRows == InvalidRows.LEAVE_OUT ? writer : null);
      int[] rowsRead = {0};
      String sha256 = files.read(file, format, line -> {
        rowsRead[0]++;
        if (line.body() == null) {
          invalid.add(new InvalidRow(line.line(), null, List.of(new FieldError(line.field(), line.problem()))));
          return;
        }
        BatchRowCheck.Checked checked = rows.check(line.body(), connectionId);
        if (!checked.errors().isEmpty()) {
          invalid.add(new InvalidRow(line.line(), checked.postingId(), checked.errors()));
          return;
        }
        writer.add(line.line(), checked.postingId(), seal.seal(checked.request()), invalid::repeated);
      });
      writer.flush(invalid::repeated);
      if (invalid.count > 0 && invalidRows == InvalidRows.REFUSE) {
        return new Intake.Refused(rowsRead[0], invalid.sorted(), invalid.count - invalid.listed.size());
      }
      BatchRecord stored = writer.store(sha256, rowsRead[0], rowsRead[0] - invalid.count, invalid.count);
      return new Intake.Stored(stored, invalid.sorted(), invalid.count - invalid.listed.size());
    }
  }

  private static Intake sameOrConflict(BatchRecord existing, String owner, InputStream file) {
    String sha256 = BatchFileReader.digest(file);
    return existing.owner().equals(owner) && existing.fileSha256().equals(sha256) ? new Intake.SameFile(existing)
        : new Intake.Conflict(existing.batchId());
  }

  /**
   * The invalid rows found so far: every one counted, the first {@code limit} listed, and every one kept with the
   * batch when it is stored ({@code keep}, or null).
   */
  private static final class Invalid {
    /** A posting id longer than any valid one is not kept: it may be anything the file carried. */
    private static final int KEPT_POSTING_ID = 200;
    /** A field's name is a path of the contract, or an unknown key of the row: kept this long at most. */
    private static final int KEPT_FIELD = 200;
    private final int limit;
    private final BatchIntakeWriter keep;
    private final List<InvalidRow> listed = new ArrayList<>();
    private int count;

    Invalid(int limit, BatchIntakeWriter keep) {
      this.limit = limit;
      this.keep = keep;
    }

    void add(InvalidRow row) {
      count++;
      if (keep != null) {
        String postingId = row.postingId() != null && row.postingId().length() <= KEPT_POSTING_ID
            ? row.postingId() : null;
        keep.invalid(row.line(), postingId, row.errors().stream().map(FieldError::field)
            .map(field -> field.length() > KEPT_FIELD ? field.substring(0, KEPT_FIELD) : field).distinct().toList());
      }
      if (listed.size() < limit) {
        listed.add(row);
      }
    }

    void repeated(int line) {
      add(new InvalidRow(line, null, List.of(new FieldError("postingId", "appears on an earlier line of this file"))));
    }

    List<InvalidRow> sorted() {
      // a repeated id is found when its rows are written, after later lines were checked
      return listed.stream().sorted(java.util.Comparator.comparingInt(InvalidRow::line)).toList();
    }
  }
}
