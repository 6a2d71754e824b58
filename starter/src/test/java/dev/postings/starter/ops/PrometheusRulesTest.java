package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alert rules ({@code ops/prometheus/postings-alerts.yml}) with the real tool: {@code promtool check rules} and
 * {@code promtool test rules} on their unit tests, which make every alert fire on series that mean trouble and stay
 * silent just short of its threshold. Also: every alert links an existing runbook page, and has both kinds of test.
 *
 * <p>promtool comes with Debian's {@code prometheus} package ({@code apt-get install prometheus}), or from
 * {@code PROMTOOL=/path/to/promtool}. Missing: under CI ({@code POSTINGS_REQUIRE_PROMTOOL=1}, set by {@code .ci/run},
 * which installs it) the test fails; elsewhere the promtool tests are skipped with a message saying what to install.
 */
class PrometheusRulesTest {

  private static Optional<Path> promtool;

  @BeforeAll
  static void findPromtool() {
    promtool = locate();
  }

  @Test
  void promtoolChecksTheRules() throws Exception {
    Path tool = requirePromtool();
    Run check = run(tool, "check", "rules", OpsFiles.rules().toString());
    assertThat(check.exit()).as("promtool check rules:%n%s", check.output()).isZero();
  }

  @Test
  void promtoolUnitTestsOfEveryAlertPass() throws Exception {
    Path tool = requirePromtool();
    Run test = run(tool, "test", "rules", OpsFiles.ruleTests().toString());
    if (test.exit() != 0) {
      Assertions.fail("promtool test rules " + OpsFiles.ruleTests() + " failed:\n" + test.output());
    }
    assertThat(test.output()).contains("SUCCESS");
  }

  @Test
  void everyAlertHasATestThatFiresItAndOneThatDoesNot() throws IOException {
    Map<String, Map<String, Object>> alerts = OpsFiles.alerts();
    Map<String, int[]> seen = new LinkedHashMap<>();
    for (Map<String, Object> test : OpsFiles.list(OpsFiles.yaml(OpsFiles.ruleTests()).get("tests"))) {
      for (Map<String, Object> check : OpsFiles.list(test.get("alert_rule_test"))) {
        int[] counts = seen.computeIfAbsent((String) check.get("alertname"), name -> new int[2]);
        counts[OpsFiles.list(check.get("exp_alerts")).isEmpty() ? 1 : 0]++;
      }
    }
    assertThat(alerts).isNotEmpty();
    for (String alert : alerts.keySet()) {
      assertThat(seen).as("tests of %s", alert).containsKey(alert);
      assertThat(seen.get(alert)[0]).as("tests where %s fires", alert).isPositive();
      assertThat(seen.get(alert)[1]).as("tests where %s stays silent", alert).isPositive();
    }
    assertThat(alerts.keySet()).as("tests name only alerts that exist").containsAll(seen.keySet());
  }

  @Test
  void everyAlertLinksItsRunbookPageAndSaysHowBadItIs() throws IOException {
    for (Map.Entry<String, Map<String, Object>> alert : OpsFiles.alerts().entrySet()) {
      Map<String, Object> annotations = OpsFiles.map(alert.getValue().get("annotations"));
      Map<String, Object> labels = OpsFiles.map(alert.getValue().get("labels"));
      assertThat(labels.get("severity")).as("severity of %s", alert.getKey()).isIn("page", "ticket");
      assertThat(annotations).as("annotations of %s", alert.getKey()).containsKeys("summary", "description");
      String runbook = (String) annotations.get("runbook_url");
      assertThat(runbook).as("runbook_url of %s", alert.getKey()).startsWith("docs/runbook/");
      assertThat(OpsFiles.root().resolve(runbook)).as("runbook page of %s", alert.getKey()).isRegularFile();
    }
  }

  private static Path requirePromtool() {
    if (promtool.isPresent()) {
      return promtool.get();
    }
    String missing = "promtool not found (PROMTOOL, or promtool on the PATH): install Debian's prometheus package"
        + " (apt-get install prometheus), which ships it, to test the alert rules";
    if ("1".equals(System.getenv("POSTINGS_REQUIRE_PROMTOOL"))) {
      Assertions.fail(missing + ", and POSTINGS_REQUIRE_PROMTOOL=1 says the rule tests must run");
    }
    System.err.println("PrometheusRulesTest: promtool tests skipped: " + missing);
    Assumptions.abort(missing);
    return null;
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
    return java.util.Arrays.stream(path.split(File.pathSeparator))
        .filter(dir -> !dir.isBlank())
        .map(dir -> Path.of(dir, "promtool"))
        .filter(Files::isExecutable)
        .findFirst();
  }

  private record Run(int exit, String output) {}

  private static Run run(Path tool, String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(tool.toString());
    command.addAll(List.of(args));
    File output = File.createTempFile("promtool", ".out");
    try {
      Process process = new ProcessBuilder(command).directory(OpsFiles.root().toFile())
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
}
