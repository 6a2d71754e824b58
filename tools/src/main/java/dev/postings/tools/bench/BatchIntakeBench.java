package dev.postings.tools.bench;

import dev.postings.batch.BatchStore;
import java.io.BufferedWriter;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * {@code ./postings bench --batch-intake N}: the batch intake's rate and the API's memory for a file of N rows. Writes
 * an N-row CSV (storEDGE stored-method payments, every row valid), sends it to the stack's {@code POST /api/batches},
 * and measures the time to the 202 (the file read whole, every row checked, sealed and stored) and the starter's heap
 * (its own {@code jvm_memory_used_bytes} on {@code /actuator/prometheus}) before, after, and at its highest while the
 * file streams in. The batch is then discarded from the registry before any row starts (the launcher runs the stack
 * with the background starts put off for a day), so the measurement posts nothing.
 */
final class BatchIntakeBench {

  /** How often the starter's heap is read while the file streams in. */
  private static final Duration HEAP_EVERY = Duration.ofMillis(50);
  private static final String FACILITY = "a7ccbc47-adde-41e6-a768-874d3d05f415";

  record Settings(URI api, String apiKey, String registryJdbcUrl, int rows, Path out) {}

  /** What one intake measured. */
  record Measured(int rows, double seconds, double rowsPerSecond, long heapBefore, long heapAfter, long heapPeak,
      long fileBytes) {}

  private final Settings settings;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  BatchIntakeBench(Settings settings) {
    this.settings = settings;
  }

  int execute() throws Exception {
    Files.createDirectories(settings.out());
    Path file = settings.out().resolve("batch-intake-" + settings.rows() + ".csv");
    String run = Long.toString(System.currentTimeMillis() / 1000, 36);
    String batchId = "bench-intake-" + run;
    write(file, run, settings.rows());
    // a first small batch warms the intake's code paths up (JIT, pools), as the postings bench's warm-up does
    Path warm = settings.out().resolve("batch-intake-warmup.csv");
    write(warm, run + "w", 1_000);
    send("bench-intake-warmup-" + run, warm);
    discard("bench-intake-warmup-" + run);

    Measured measured = measure(batchId, file);
    BatchStore.Discard discarded = discard(batchId);
    Files.deleteIfExists(warm);
    Files.deleteIfExists(file);
    if (measured == null) {
      return 1;
    }
    System.out.printf("file: %d rows, %.1f MB; intake %.2fs; batch %s %s%n", measured.rows(),
        measured.fileBytes() / 1e6, measured.seconds(), batchId, discarded == BatchStore.Discard.DISCARDED
            ? "discarded, nothing started" : "NOT discarded: " + discarded);
    System.out.printf("bench: batch intake %d rows: %.0f rows/s, heap %d -> %d MB, peak %d MB%n", measured.rows(),
        measured.rowsPerSecond(), mb(measured.heapBefore()), mb(measured.heapAfter()), mb(measured.heapPeak()));
    return discarded == BatchStore.Discard.DISCARDED ? 0 : 1;
  }

  private Measured measure(String batchId, Path file) throws Exception {
    long before = heapBytes();
    AtomicLong peak = new AtomicLong(before);
    AtomicBoolean sending = new AtomicBoolean(true);
    Thread watcher = new Thread(() -> {
      while (sending.get()) {
        peak.accumulateAndGet(heapBytes(), Math::max);
        try {
          Thread.sleep(HEAP_EVERY.toMillis());
        } catch (InterruptedException stop) {
          return;
        }
      }
    }, "bench-heap");
    watcher.setDaemon(true);
    watcher.start();
    long started = System.nanoTime();
    HttpResponse<String> answer;
    try {
      answer = send(batchId, file);
    } finally {
      sending.set(false);
      watcher.join();
    }
    double seconds = (System.nanoTime() - started) / 1e9;
    long after = heapBytes();
    peak.accumulateAndGet(after, Math::max);
    if (answer.statusCode() != 202) {
      System.err.println("bench: batch intake answered " + answer.statusCode() + ": " + answer.body());
      return null;
    }
    return new Measured(settings.rows(), seconds, settings.rows() / seconds, before, after, peak.get(),
        Files.size(file));
  }

  private HttpResponse<String> send(String batchId, Path file) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(settings.api().resolve("/api/batches/" + batchId))
        .timeout(Duration.ofMinutes(10)).header("X-Api-Key", settings.apiKey()).header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The rows of a day at one storage operator: each its own tenant's ledger, paid with a stored method. */
  static void write(Path file, String run, int rows) throws IOException {
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      out.write("connectionId,postingId,provider,amount.minor,amount.currency,transactionDate,referenceNumber,"
          + "description,target.facilityId,target.ledgerId,target.paymentKind,target.paymentMethod.kind,"
          + "target.paymentMethod.paymentMethodId\n");
      for (int i = 1; i <= rows; i++) {
        out.write("storedge-main,bi-" + run + "-" + i + ",STOREDGE," + (100 + i % 5_000) + ",USD,"
            + "2026-12-04T09:30:00Z,SE-BI-" + run + "-" + i + ",Unit rent," + FACILITY + ",ledger-" + run + "-" + i
            + ",CUSTOM,STORED,pm-bench\n");
      }
    }
  }

  /** Removes the measured batch from the registry: none of its rows started (the stack puts the starts off). */
  private BatchStore.Discard discard(String batchId) {
    PGSimpleDataSource registry = new PGSimpleDataSource();
    registry.setUrl(settings.registryJdbcUrl());
    registry.setUser("postgres");
    return new BatchStore(registry).discard(batchId);
  }

  /** The starter's heap in use (every heap pool), from its Prometheus endpoint; -1 when it cannot be read. */
  private long heapBytes() {
    try {
      HttpResponse<String> answer = http.send(HttpRequest.newBuilder(settings.api().resolve("/actuator/prometheus"))
          .header("X-Api-Key", settings.apiKey()).timeout(Duration.ofSeconds(10)).build(),
          HttpResponse.BodyHandlers.ofString());
      long sum = 0;
      for (String line : answer.body().split("\n")) {
        if (line.startsWith("jvm_memory_used_bytes{") && line.contains("area=\"heap\"")) {
          sum += (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
        }
      }
      return sum;
    } catch (IOException | InterruptedException | RuntimeException unavailable) {
      if (unavailable instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      return -1;
    }
  }

  private static long mb(long bytes) {
    return bytes < 0 ? -1 : Math.round(bytes / (1024.0 * 1024.0));
  }
}
