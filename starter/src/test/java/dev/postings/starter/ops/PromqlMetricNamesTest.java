package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The metric-name check reads names out of PromQL: it must find every name and nothing that is not one. */
class PromqlMetricNamesTest {

  @Test
  void namesBehindFunctionsAggregationsAndOperatorsAreFound() {
    assertThat(PromqlMetricNames.in("""
        histogram_quantile(0.95, sum by (task_queue, le) (
          rate(temporal_activity_schedule_to_start_latency_seconds_bucket{activity_type!="none", task_queue=~"postings-.+"}[10m])))
        > 300
        or time() - max(postings_waiting_last_refresh_timestamp_seconds) > 180
        and on (provider) absent(up{job="x"}) unless foo:recorded:rate5m offset 1h
        """)).containsExactly("foo:recorded:rate5m", "postings_waiting_last_refresh_timestamp_seconds",
        "temporal_activity_schedule_to_start_latency_seconds_bucket", "up");
  }

  @Test
  void labelNamesValuesDurationsAndGrafanaVariablesAreNotNames() {
    assertThat(PromqlMetricNames.in("60 * sum without (instance) (rate(postings_finished_total{outcome=\"CONFIRMED\","
        + " provider=~\"RESMAN|ACQUAINT\"}[$__rate_interval])) / ignoring (outcome) group_left (le) 1e3"))
        .containsExactly("postings_finished_total");
    assertThat(PromqlMetricNames.in("max by (provider) (postings_waiting{state=\"NEEDS_ATTENTION\"}) > 2 * 86400"))
        .containsExactly("postings_waiting");
  }
}
