package dev.postings.starter.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

  @Test
  void namesGivenAsNameMatchersAreFound() {
    assertThat(PromqlMetricNames.in("sum by (provider) ({__name__=\"postings_waiting\", state=\"PARKED\"})"
        + " / on (provider) count({__name__ = 'postings_finished_total'})"))
        .containsExactly("postings_finished_total", "postings_waiting");
    assertThat(PromqlMetricNames.in("rate({__name__=~\"postings_a_total|postings_b_total\", job=\"worker\"}[5m])"))
        .containsExactly("postings_a_total", "postings_b_total");
    assertThatThrownBy(() -> PromqlMetricNames.in("{__name__=~\"postings_.*\"}"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cannot be checked");
  }

  @Test
  void namesInsideFunctionsSubqueriesAndModifiersAreFoundAndStringsAreNot() {
    assertThat(PromqlMetricNames.in("""
        label_replace(postings_waiting, "dst", "$1 rate(fake_metric[5m])", "src", "(.*)")
        + max_over_time(rate(postings_provider_calls_seconds_count{route="/v1/{id}", status!~"2.."}[5m])[1h:5m])
        + topk(3, postings_finished_total @ start()) + quantile(0.9, temporal_request_latency_seconds offset -5m)
        + count_values("value", postings_waiting_oldest_seconds) > bool 1.5e-3
        # a comment naming commented_out_metric
        + sum(postings_approval_reminders_total) by (provider) + 0x1F + Inf
        """)).containsExactly("postings_approval_reminders_total", "postings_finished_total",
        "postings_provider_calls_seconds_count", "postings_waiting", "postings_waiting_oldest_seconds",
        "temporal_request_latency_seconds");
  }

  @Test
  void anExpressionThatCannotBeReadIsRefusedRatherThanHalfRead() {
    assertThatThrownBy(() -> PromqlMetricNames.in("postings_waiting{state=\"PARKED\""))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PromqlMetricNames.in("rate(postings_waiting[5m)"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** What the end-to-end check reads (OpsMetricNamesEndToEndTest) is readable: each rule and panel names a metric. */
  @Test
  void everyRuleAndDashboardQueryReadsAtLeastOneName() throws java.io.IOException {
    java.util.List<String> expressions = new java.util.ArrayList<>(OpsFiles.ruleExpressions());
    expressions.addAll(OpsFiles.dashboardExpressions());
    assertThat(expressions).hasSizeGreaterThan(20);
    for (String expression : expressions) {
      assertThat(PromqlMetricNames.in(expression)).as(expression).isNotEmpty();
    }
  }
}
