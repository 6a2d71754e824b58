package dev.postings.starter.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.Yaml;

/**
 * The repository's operations files, read as their tools read them: the alert rules ({@code ops/prometheus}), the
 * Grafana dashboard ({@code ops/grafana}), the runbook ({@code docs/runbook}).
 */
public final class OpsFiles {

  private OpsFiles() {}

  /** The repository root: the first directory up from the working directory that holds {@code ops/prometheus}. */
  public static Path root() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("ops/prometheus"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no ops/prometheus above " + Path.of("").toAbsolutePath());
  }

  public static Path rules() {
    return root().resolve("ops/prometheus/postings-alerts.yml");
  }

  public static Path ruleTests() {
    return root().resolve("ops/prometheus/postings-alerts.test.yml");
  }

  public static Path dashboard() {
    return root().resolve("ops/grafana/postings.json");
  }

  /** Alert name to its rule, across all groups; a name that appears twice is an error. */
  public static Map<String, Map<String, Object>> alerts() throws IOException {
    Map<String, Map<String, Object>> alerts = new LinkedHashMap<>();
    for (Map<String, Object> group : list(yaml(rules()).get("groups"))) {
      for (Map<String, Object> rule : list(group.get("rules"))) {
        if (rule.containsKey("alert") && alerts.put((String) rule.get("alert"), rule) != null) {
          throw new IllegalStateException("alert " + rule.get("alert") + " twice in " + rules());
        }
      }
    }
    return alerts;
  }

  /** Every rule's PromQL expression. */
  public static List<String> ruleExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    for (Map<String, Object> group : list(yaml(rules()).get("groups"))) {
      for (Map<String, Object> rule : list(group.get("rules"))) {
        expressions.add(String.valueOf(rule.get("expr")));
      }
    }
    return expressions;
  }

  public static JsonNode dashboardJson() throws IOException {
    return new ObjectMapper().readTree(dashboard().toFile());
  }

  /** Every query of the dashboard's panels (rows' nested panels included). */
  public static List<String> dashboardExpressions() throws IOException {
    List<String> expressions = new ArrayList<>();
    collect(dashboardJson().path("panels"), expressions);
    return expressions;
  }

  private static void collect(JsonNode panels, List<String> expressions) {
    for (JsonNode panel : panels) {
      for (JsonNode target : panel.path("targets")) {
        expressions.add(target.path("expr").asText());
      }
      collect(panel.path("panels"), expressions);
    }
  }

  public static Map<String, Object> yaml(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return map(new Yaml().load(in));
    }
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(Object value) {
    return value == null ? Map.of() : (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  public static List<Map<String, Object>> list(Object value) {
    return value == null ? List.of() : (List<Map<String, Object>>) value;
  }
}
