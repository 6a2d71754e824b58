package dev.postings.starter.ops;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's operations files are ({@code ops/}, {@code docs/runbook/}), from a module's test run. */
final class OpsFiles {

  private OpsFiles() {}

  /** The repository root: the first directory up from the working directory that holds {@code ops/prometheus}. */
  static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("ops/prometheus"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no ops/prometheus above " + Path.of("").toAbsolutePath());
  }

  static Path rules() {
    return root().resolve("ops/prometheus/postings-alerts.yml");
  }

  static Path ruleTests() {
    return root().resolve("ops/prometheus/postings-alerts.test.yml");
  }

  static Path dashboard() {
    return root().resolve("ops/grafana/postings.json");
  }
}
