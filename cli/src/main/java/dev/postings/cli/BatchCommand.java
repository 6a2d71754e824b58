package dev.postings.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.postings.client.Answer;
import dev.postings.client.PostingsClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Iterator;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code batch submit|show|results}: a day's postings as one file (docs/batches.md), its progress, and every row's
 * outcome.
 */
@Command(name = "batch", mixinStandardHelpOptions = true,
    description = "Settlement batches: 'batch submit FILE' sends a CSV (.csv) or JSON Lines file of postings,"
        + " 'batch show ID' its progress, 'batch results ID' every row's outcome as CSV.",
    subcommands = {BatchCommand.Submit.class, BatchCommand.Show.class, BatchCommand.Results.class})
final class BatchCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Prints a batch's counts: rows, starts and postings by state, as a table. */
  static void print(ApiCommand command, JsonNode batch) {
    command.out().println("batch      " + ApiCommand.text(batch, "batchId") + "  " + ApiCommand.text(batch, "status"));
    command.out().println("rows       " + batch.path("rowsRead").asInt() + " read, " + batch.path("rowsValid").asInt()
        + " valid, " + batch.path("rowsInvalid").asInt() + " invalid, " + batch.path("waitingToStart").asInt()
        + " waiting to start");
    TextTable table = new TextTable("STATE", "ROWS");
    for (Iterator<Map.Entry<String, JsonNode>> states = batch.path("postings").fields(); states.hasNext(); ) {
      Map.Entry<String, JsonNode> state = states.next();
      table.row(state.getKey(), String.valueOf(state.getValue().asLong()));
    }
    for (Iterator<Map.Entry<String, JsonNode>> starts = batch.path("starts").fields(); starts.hasNext(); ) {
      Map.Entry<String, JsonNode> start = starts.next();
      if (!start.getKey().equals("STARTED") && !start.getKey().equals("ALREADY_STARTED")) {
        table.row("not started: " + start.getKey(), String.valueOf(start.getValue().asLong()));
      }
    }
    if (batch.path("rowsInvalid").asInt() > 0) {
      table.row("invalid, never started", String.valueOf(batch.path("rowsInvalid").asInt()));
    }
    table.print(command.out());
    for (JsonNode row : batch.path("invalid")) {
      StringBuilder reasons = new StringBuilder();
      for (JsonNode error : row.path("errors")) {
        reasons.append(reasons.length() == 0 ? "" : "; ").append(ApiCommand.text(error, "field")).append(' ')
            .append(ApiCommand.text(error, "message"));
      }
      command.out().println("invalid    line " + row.path("line").asInt() + ": " + reasons);
    }
    if (batch.path("invalidNotListed").asInt() > 0) {
      command.out().println("invalid    ... and " + batch.path("invalidNotListed").asInt() + " more");
    }
  }

  @Command(name = "submit", mixinStandardHelpOptions = true,
      description = "Send a batch file: every row is checked before any starts. Exit 0 when stored (or the same file"
          + " was stored before), 1 when refused for invalid rows or the id holds another file.")
  static final class Submit extends ApiCommand {

    @Parameters(index = "0", paramLabel = "FILE", description = "the batch: .csv (with the documented header) or"
        + " JSON Lines")
    Path file;

    @Option(names = "--id", paramLabel = "BATCH_ID", description = "the batch id, the idempotency key (default: the"
        + " file's name without its extension)")
    String batchId;

    @Option(names = "--leave-out-invalid", description = "store the valid rows and list the invalid ones (default:"
        + " one invalid row refuses the file)")
    boolean leaveOutInvalid;

    @Option(names = "--connection", paramLabel = "CONNECTION_ID", description = "the connection the batch is for:"
        + " rows naming none are posted on it, a row naming another is invalid (default: each row names its own)")
    String connectionId;

    @Option(names = "--watch", description = "then show a progress bar until every posting has ended or waits for an"
        + " operator, and a table by state")
    boolean watch;

    @Option(names = "--every", paramLabel = "DURATION", defaultValue = "PT2S",
        description = "how often --watch asks (default ${DEFAULT-VALUE})")
    Duration every;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      if (!Files.isRegularFile(file)) {
        err().println("batch submit: no file " + file);
        return ExitStatus.USAGE;
      }
      String id = batchId != null ? batchId : file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
      Answer answer = api.submitBatch(id, file, leaveOutInvalid ? "LEAVE_OUT" : null, connectionId);
      if (answer.status() == 422) {
        if (connection.json) {
          printJson(answer.body());
        } else {
          print(this, answer.body());
        }
        err().println("batch submit " + id + ": refused: " + answer.body().path("invalid").size()
            + answer.body().path("invalidNotListed").asInt() + " invalid rows, nothing stored (fix them, or send"
            + " with --leave-out-invalid)");
        return ExitStatus.REFUSED;
      }
      if (!answer.ok()) {
        return failed("batch submit " + id, answer);
      }
      if (connection.json && !watch) {
        printJson(answer.body());
        return ExitStatus.OK;
      }
      print(this, answer.body());
      JsonNode batch = answer.body();
      while (watch && !"FINISHED".equals(text(batch, "status"))) {
        try {
          Thread.sleep(every.toMillis());
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return ExitStatus.SERVER;
        }
        Answer progress = api.batch(id);
        if (!progress.ok()) {
          return failed("batch show " + id, progress);
        }
        batch = progress.body();
        if (terminal()) {
          // redrawn in place: a carriage return, the line, and blanks over what a longer line left
          out().print("\r" + progressLine(batch) + "   ");
        } else {
          out().println(progressLine(batch));
        }
        out().flush();
      }
      if (watch) {
        out().println();
        print(this, batch);
      }
      return ExitStatus.OK;
    }

    /**
     * {@code [#########-----------] 450/980 settled, 700 started, 280 waiting to start}: of the valid rows, the
     * postings that ended or wait for an operator, and how many have started.
     */
    static String progressLine(JsonNode batch) {
      long started = 0;
      long open = 0;
      for (Iterator<Map.Entry<String, JsonNode>> states = batch.path("postings").fields(); states.hasNext(); ) {
        Map.Entry<String, JsonNode> state = states.next();
        started += state.getValue().asLong();
        if (!SETTLED.contains(state.getKey())) {
          open += state.getValue().asLong();
        }
      }
      long total = batch.path("rowsValid").asLong();
      long settled = started - open;
      int width = 30;
      int filled = total == 0 ? width : (int) Math.min(width, width * settled / total);
      return "[" + "#".repeat(filled) + "-".repeat(width - filled) + "] " + settled + "/" + total + " settled, "
          + started + " started, " + batch.path("waitingToStart").asLong() + " waiting to start";
    }

    private static final java.util.Set<String> SETTLED = java.util.Set.of("CONFIRMED", "REJECTED", "CANCELLED",
        "COMPENSATED", "REVERSED", "NEEDS_ATTENTION");
  }

  @Command(name = "show", mixinStandardHelpOptions = true, description = "A batch's progress: rows, starts, postings"
      + " by state.")
  static final class Show extends ApiCommand {

    @Parameters(index = "0", paramLabel = "BATCH_ID")
    String batchId;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      Answer answer = api.batch(batchId);
      if (!answer.ok()) {
        return failed("batch show " + batchId, answer);
      }
      if (connection.json) {
        printJson(answer.body());
      } else {
        print(this, answer.body());
      }
      return ExitStatus.OK;
    }
  }

  @Command(name = "results", mixinStandardHelpOptions = true, description = "Every row's outcome as CSV, one line"
      + " per row of the file: line, postingId, start, state, recordId, attentionCode, invalidFields.")
  static final class Results extends ApiCommand {

    @Parameters(index = "0", paramLabel = "BATCH_ID")
    String batchId;

    @Override
    ExitStatus execute(PostingsClient api) throws PostingsClient.Unreachable {
      try {
        out().print(api.batchResults(batchId));
        out().flush();
        return ExitStatus.OK;
      } catch (IllegalStateException refused) {
        err().println("batch results " + batchId + ": " + refused.getMessage());
        return ExitStatus.NOT_FOUND;
      }
    }
  }
}
