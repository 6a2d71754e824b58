package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;

/**
 * The alert rules ({@code ops/prometheus/postings-alerts.yml}) with the real tool: {@code promtool check rules} and
 * {@code promtool test rules} on their unit tests, which make every alert fire on series that mean trouble and stay
 * silent just short of its threshold. Also: every alert links an existing runbook page, and has both kinds of test.
 *
 * <p>promtool: see {@link Promtool} (skipped when missing, unless {@code POSTINGS_REQUIRE_PROMTOOL=1}).
 */
class PrometheusRulesTest {

  @Test
  void promtoolChecksTheRules() throws Exception {
    Promtool.Run check = Promtool.require("PrometheusRulesTest").run(OpsFiles.root(), "check", "rules",
        OpsFiles.rules().toString());
    assertThat(check.exit()).as("promtool check rules:%n%s", check.output()).isZero();
  }

  @Test
  void promtoolUnitTestsOfEveryAlertPass() throws Exception {
    Promtool.Run test = Promtool.require("PrometheusRulesTest").run(OpsFiles.root(), "test", "rules",
        OpsFiles.ruleTests().toString());
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
}
