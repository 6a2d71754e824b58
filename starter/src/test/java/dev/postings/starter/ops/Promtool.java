package dev.postings.starter.ops;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Prometheus's own checker, for the tests of the files in {@code ops/prometheus}. promtool comes with Debian's
 * {@code prometheus} package ({@code apt-get install prometheus}, as {@code .ci/setup-promtool} does), or from
 * {@code PROMTOOL=/path/to/promtool}. Missing: under CI ({@code POSTINGS_REQUIRE_PROMTOOL=1}, set by {@code .ci/run})
 * the test fails; elsewhere it is skipped with a message saying what to install.
 */
final class Promtool {

  record Run(int exit, String output) {}

  private final Path tool;

  private Promtool(Path tool) {
    this.tool = tool;
  }

  /** promtool, or the test skipped (failed under POSTINGS_REQUIRE_PROMTOOL=1). */
  static Promtool require(String testName) {
    Optional<Path> found = locate();
    if (found.isPresent()) {
      return new Promtool(found.get());
    }
    String missing = "promtool not found (PROMTOOL, or promtool on the PATH): install Debian's prometheus package"
        + " (apt-get install prometheus), which ships it, to test the Prometheus files";
    if ("1".equals(System.getenv("POSTINGS_REQUIRE_PROMTOOL"))) {
      Assertions.fail(missing + ", and POSTINGS_REQUIRE_PROMTOOL=1 says the promtool tests must run");
    }
    System.err.println(testName + ": promtool tests skipped: " + missing);
    Assumptions.abort(missing);
    throw new IllegalStateException("unreachable");
  }

  /** Runs promtool in {@code directory} (relative paths in its arguments and files resolve there). */
  Run run(Path directory, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(List.of(args));
    File output = File.createTempFile("promtool", ".out");
    try {
      Process process = new ProcessBuilder(command).directory(directory.toFile())
          .redirectErrorStream(true).redirectOutput(output).start();
      if (!process.waitFor(2, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        Assertions.fail("promtool " + String.join(" ", args) + " did not finish within 2 minutes");
      }
      return new Run(process.exitValue(), Files.readString(output.toPath(), StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(output.toPath());
    }
  }

  private static Optional<Path> locate() {
    String configured = System.getenv("PROMTOOL");
    if (configured != null && !configured.isBlank()) {
      return Optional.of(Path.of(configured)).filter(Files::isExecutable);
    }
    String path = System.getenv("PATH");
    if (path == null) {
      return Optional.empty();
    }
    return Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst();
  }
}
