package dev.postings.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;

/**
 * What the CLI reads from and writes to outside its arguments; a record so tests can give their own.
 *
 * @param environment the process environment ({@code POSTINGS_URL}, {@code POSTINGS_API_KEY}, {@code STARTER_PORT})
 * @param workingDirectory where {@code .postings/dev-api-keys.json} is looked for (the launcher runs from the repo)
 * @param clock "now", for relative times ("12m ago")
 * @param out tables and JSON
 * @param err reasons for a non-zero exit
 * @param terminal whether {@code out} is a terminal (a progress bar is then redrawn on one line; otherwise, in a log or
 *     a pipe, each redraw is a line of its own)
 */
record CliContext(Map<String, String> environment, Path workingDirectory, Clock clock, PrintWriter out,
    PrintWriter err, boolean terminal) {

  CliContext(Map<String, String> environment, Path workingDirectory, Clock clock, PrintWriter out, PrintWriter err) {
    this(environment, workingDirectory, clock, out, err, false);
  }

  static CliContext system() {
    // System.console() is null when stdin or stdout is redirected: then no carriage returns in the output
    return new CliContext(System.getenv(), Path.of("").toAbsolutePath(), Clock.systemUTC(),
        new PrintWriter(System.out, true), new PrintWriter(System.err, true), System.console() != null);
  }
}
