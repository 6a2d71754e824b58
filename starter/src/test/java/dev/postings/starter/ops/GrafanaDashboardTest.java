package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard ({@code ops/grafana/postings.json}) is a dashboard Grafana imports as it is: JSON of a recent
 * schema, a Prometheus data source chosen by the {@code datasource} variable (no data source uid of ours baked in), every
 * panel on the 24-column grid without overlapping another, unique ids, and a query per target. Its metric names are
 * checked against the running services by {@code OpsMetricNamesEndToEndTest}.
 */
class GrafanaDashboardTest {

  private final JsonNode dashboard;

  GrafanaDashboardTest() throws IOException {
    dashboard = OpsFiles.dashboardJson();
  }

  @Test
  void itIsADashboardOfARecentSchemaWithAStableUid() {
    assertThat(dashboard.path("schemaVersion").asInt()).as("schemaVersion (Grafana 10+ writes 36 and above)")
        .isGreaterThanOrEqualTo(36);
    assertThat(dashboard.path("uid").asText()).matches("[a-zA-Z0-9_-]{1,40}");
    assertThat(dashboard.path("title").asText()).isNotBlank();
    assertThat(dashboard.path("panels").isArray()).isTrue();
  }

  @Test
  void thePrometheusDataSourceIsAVariableThatEveryQueryUses() {
    List<JsonNode> variables = new ArrayList<>();
    dashboard.path("templating").path("list").forEach(variables::add);
    assertThat(variables).anySatisfy(variable -> {
      assertThat(variable.path("name").asText()).isEqualTo("datasource");
      assertThat(variable.path("type").asText()).isEqualTo("datasource");
      assertThat(variable.path("query").asText()).isEqualTo("prometheus");
    });
    for (JsonNode panel : panels()) {
      if (panel.path("type").asText().equals("row")) {
        continue;
      }
      assertThat(panel.path("datasource").path("uid").asText()).as("data source of %s", title(panel))
          .isEqualTo("${datasource}");
      assertThat(panel.path("targets")).as("queries of %s", title(panel)).isNotEmpty();
      Set<String> refIds = new HashSet<>();
      for (JsonNode target : panel.path("targets")) {
        assertThat(target.path("datasource").path("uid").asText()).isEqualTo("${datasource}");
        assertThat(target.path("expr").asText()).as("query of %s", title(panel)).isNotBlank();
        assertThat(refIds.add(target.path("refId").asText())).as("refIds of %s are unique", title(panel)).isTrue();
      }
    }
  }

  @Test
  void panelsHaveUniqueIdsAndShareTheGridWithoutOverlapping() {
    Set<Integer> ids = new HashSet<>();
    Set<String> cells = new HashSet<>();
    for (JsonNode panel : panels()) {
      assertThat(ids.add(panel.path("id").asInt())).as("id of %s is unique", title(panel)).isTrue();
      JsonNode grid = panel.path("gridPos");
      int x = grid.path("x").asInt();
      int y = grid.path("y").asInt();
      int w = grid.path("w").asInt();
      int h = grid.path("h").asInt();
      assertThat(w).as("width of %s", title(panel)).isPositive();
      assertThat(h).as("height of %s", title(panel)).isPositive();
      assertThat(x + w).as("%s fits the 24 columns", title(panel)).isLessThanOrEqualTo(24);
      for (int column = x; column < x + w; column++) {
        for (int row = y; row < y + h; row++) {
          assertThat(cells.add(column + "," + row)).as("%s overlaps another panel at %s,%s", title(panel), column, row)
              .isTrue();
        }
      }
    }
  }

  @Test
  void itShowsWhatWaitsForAPersonOutcomesProvidersPacingAndTheSdk() throws IOException {
    String queries = String.join("\n", OpsFiles.dashboardExpressions());
    assertThat(queries).contains("postings_finished_total", "postings_time_to_confirm_seconds_bucket",
        "postings_waiting{state=\"NEEDS_ATTENTION\"}", "postings_waiting_oldest_seconds",
        "postings_provider_calls_seconds_count", "postings_provider_calls_seconds_bucket",
        "postings_provider_pacing_wait_seconds", "postings_provider_pacing_refused_total",
        "temporal_workflow_completed_total", "temporal_activity_execution_latency_seconds_count",
        "temporal_activity_schedule_to_start_latency_seconds_bucket");
  }

  private List<JsonNode> panels() {
    List<JsonNode> all = new ArrayList<>();
    for (JsonNode panel : dashboard.path("panels")) {
      all.add(panel);
      panel.path("panels").forEach(all::add);
    }
    return all;
  }

  private static String title(JsonNode panel) {
    return "panel \"" + panel.path("title").asText() + "\"";
  }
}
