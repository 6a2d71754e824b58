package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example scrape configuration ({@code ops/prometheus/prometheus.yml}): Prometheus accepts it ({@code promtool
 * check config}, which also checks the rule file it loads and that the key file it names exists), and it scrapes what
 * the services serve: the worker's and the starter's {@code /actuator/prometheus} on their default ports, the starter's
 * with a Bearer key (the front door lets role metrics or operator read that page).
 */
class PrometheusConfigTest {

  private static final Pattern DEFAULT_PORT = Pattern.compile("(?m)^\\s+port:\\s*\\$\\{[A-Z_]+:(\\d+)}");

  static Path config() {
    return OpsFiles.root().resolve("ops/prometheus/prometheus.yml");
  }

  /**
   * promtool on a copy beside the rules, with a stand-in key file where {@code credentials_file} says: the key is
   * deployment data, never in the repository.
   */
  @Test
  void promtoolChecksTheConfigurationAndTheRulesItLoads(@TempDir Path deployed) throws Exception {
    Promtool promtool = Promtool.require("PrometheusConfigTest");
    Files.copy(config(), deployed.resolve("prometheus.yml"));
    Files.copy(OpsFiles.rules(), deployed.resolve(OpsFiles.rules().getFileName()));
    Files.writeString(deployed.resolve(keyFile()), "stand-in-metrics-key-0123456789");
    Promtool.Run check = promtool.run(deployed, "check", "config", "prometheus.yml");
    assertThat(check.exit()).as("promtool check config:%n%s", check.output()).isZero();
    assertThat(check.output()).contains("SUCCESS: 1 rule files found");
  }

  @Test
  void itScrapesTheWorkerAndTheStarterWhereTheyServeTheirMetrics() throws IOException {
    Map<String, Object> config = OpsFiles.yaml(config());
    assertThat(config.get("rule_files")).as("rule_files").isEqualTo(List.of("postings-alerts.yml"));
    Map<String, Map<String, Object>> jobs = jobs(config);
    assertThat(jobs).containsOnlyKeys("postings-worker", "postings-starter");
    for (Map<String, Object> job : jobs.values()) {
      assertThat(job.get("metrics_path")).as("metrics_path of %s", job.get("job_name"))
          .isEqualTo("/actuator/prometheus");
    }
    assertThat(targets(jobs.get("postings-worker")))
        .containsExactly("127.0.0.1:" + defaultPort("worker/src/main/resources/worker.yml"));
    assertThat(targets(jobs.get("postings-starter")))
        .containsExactly("127.0.0.1:" + defaultPort("starter/src/main/resources/starter.yml"));
  }

  @Test
  void theStarterIsScrapedWithABearerKeyReadFromAFileOutsideTheRepository() throws IOException {
    Map<String, Object> starter = jobs(OpsFiles.yaml(config())).get("postings-starter");
    Map<String, Object> authorization = OpsFiles.map(starter.get("authorization"));
    assertThat(authorization.get("type")).isEqualTo("Bearer");
    assertThat(authorization).as("the key is not written into the configuration").doesNotContainKey("credentials");
    assertThat(keyFile()).endsWith(".key");
    assertThat(Files.readString(OpsFiles.root().resolve(".gitignore"))).as(".gitignore keeps key files out of git")
        .containsPattern("(?m)^\\*\\.key$");
    assertThat(OpsFiles.map(jobs(OpsFiles.yaml(config())).get("postings-worker")))
        .as("the worker's page has no front door").doesNotContainKey("authorization");
  }

  private static String keyFile() throws IOException {
    Map<String, Object> starter = jobs(OpsFiles.yaml(config())).get("postings-starter");
    return (String) OpsFiles.map(starter.get("authorization")).get("credentials_file");
  }

  private static Map<String, Map<String, Object>> jobs(Map<String, Object> config) {
    Map<String, Map<String, Object>> jobs = new LinkedHashMap<>();
    for (Map<String, Object> job : OpsFiles.list(config.get("scrape_configs"))) {
      jobs.put((String) job.get("job_name"), job);
    }
    return jobs;
  }

  @SuppressWarnings("unchecked")
  private static List<String> targets(Map<String, Object> job) {
    return OpsFiles.list(job.get("static_configs")).stream()
        .flatMap(group -> ((List<String>) group.get("targets")).stream()).toList();
  }

  /** The {@code server.port} default in a service's configuration ({@code port: ${WORKER_PORT:8081}}). */
  private static String defaultPort(String serviceConfig) throws IOException {
    Matcher port = DEFAULT_PORT.matcher(Files.readString(OpsFiles.root().resolve(serviceConfig)));
    assertThat(port.find()).as("server.port in %s", serviceConfig).isTrue();
    return port.group(1);
  }
}
