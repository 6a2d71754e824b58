package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import dev.postings.starter.ops.OpsFiles;
import dev.postings.starter.ops.PromqlMetricNames;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Every metric name the alert rules and the Grafana dashboard read is one the worker or the starter really exports:
 * the whole local stack runs a few postings through the sandbox (so that the series registered on first use exist:
 * a confirmed and a mismatched Propertyware payment, a ResMan payment approved and one held past its approval
 * reminder, a completion callback whose receiver fails), then both {@code /actuator/prometheus} are scraped and each
 * name parsed out of the rules' expressions and the dashboard's queries is looked up there. No list is kept here: a
 * metric renamed in the code, or a typo in a rule, fails this test.
 */
class OpsMetricNamesEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static LocalStack stack;
  private static HttpServer failingReceiver;

  @BeforeAll
  static void start() throws Exception {
    failingReceiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    failingReceiver.createContext("/callbacks", exchange -> {
      exchange.getRequestBody().readAllBytes();
      exchange.sendResponseHeaders(503, -1);
      exchange.close();
    });
    failingReceiver.start();
    // a short callback budget so that the failing receiver is given up within seconds
    // the failing receiver is on loopback, so starter and worker both list it as a callback host
    stack = new LocalStack(new String[] {"--postings.callback.retry.initial=500ms", "--postings.callback.retry.max=1s",
        "--postings.callback.budget=3s", "--postings.callbacks.allowed-hosts=127.0.0.1"},
        new String[] {"--postings.callbacks.allowed-hosts=127.0.0.1"}, "--sandbox.propexo.job-pending-for=1s");
  }

  @AfterAll
  static void stop() {
    if (stack != null) {
      stack.close();
    }
    if (failingReceiver != null) {
      failingReceiver.stop(0);
    }
  }

  @Test
  void everyMetricTheRulesAndTheDashboardReadIsExported() throws Exception {
    String callbackUrl = "http://127.0.0.1:" + failingReceiver.getAddress().getPort() + "/callbacks/fail";
    post(propertyware(unique("ops-pw-"), "CHK-" + unique(""), callbackUrl));
    post(propertyware(unique("ops-mm-"), "MISMATCH-" + unique(""), null));
    post(resman(unique("ops-rm-"), "RM-" + unique("")));
    post(resman(unique("ops-hold-"), "HOLD-" + unique("")));

    // the series that exist only once something happened: a confirmation, a finished approval, a reminder (10 s in the
    // local profile), a failed callback attempt
    await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1)).until(() -> {
      Set<String> worker = exported(stack.worker);
      return worker.contains("postings_time_to_confirm_seconds_bucket")
          && worker.contains("postings_approval_wait_seconds_bucket")
          && worker.contains("postings_approval_reminders_total")
          && worker.contains("temporal_activity_execution_failed_total");
    });

    Set<String> exported = new TreeSet<>(exported(stack.worker));
    exported.addAll(exported(stack.starter));
    Map<String, Set<String>> read = new TreeMap<>();
    for (String expression : OpsFiles.ruleExpressions()) {
      for (String name : PromqlMetricNames.in(expression)) {
        read.computeIfAbsent(name, n -> new TreeSet<>()).add("rules");
      }
    }
    for (String expression : OpsFiles.dashboardExpressions()) {
      for (String name : PromqlMetricNames.in(expression)) {
        read.computeIfAbsent(name, n -> new TreeSet<>()).add("dashboard");
      }
    }

    assertThat(read).as("names read by the rules and the dashboard").isNotEmpty();
    assertThat(read.values()).as("both are read").anyMatch(where -> where.contains("rules"))
        .anyMatch(where -> where.contains("dashboard"));
    Map<String, Set<String>> missing = new TreeMap<>(read);
    missing.keySet().removeAll(exported);
    assertThat(missing).as("metric names read by the rules or the dashboard that neither service exports").isEmpty();
  }

  /** The metric names on the service's Prometheus page (the part of each sample line before its labels). */
  private static Set<String> exported(ConfigurableApplicationContext service) throws IOException, InterruptedException {
    URI url = URI.create("http://127.0.0.1:" + service.getEnvironment().getProperty("local.server.port")
        + "/actuator/prometheus");
    // the starter's page needs a metrics or operator key (as Prometheus scrapes it); the worker's has no front door
    HttpResponse<String> page = HTTP.send(HttpRequest.newBuilder(url).header("X-Api-Key", LocalStack.OPERATOR_KEY)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).as("GET %s", url).isEqualTo(200);
    Set<String> names = new TreeSet<>();
    for (String line : page.body().split("\n")) {
      if (!line.isBlank() && !line.startsWith("#")) {
        names.add(line.split("[{ ]", 2)[0]);
      }
    }
    return names;
  }

  private static ObjectNode propertyware(String postingId, String reference, String callbackUrl) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "PROPERTYWARE");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 125_000).put("currency", "USD");
    body.put("transactionDate", "2024-01-15T09:30:00Z");
    body.put("paymentType", "CHECK");
    body.put("referenceNumber", reference);
    body.put("description", "January rent");
    body.putObject("target").put("integrationId", "intg_1").put("leaseId", "lease_1")
        .put("residentId", "res_1").put("financialAccountId", "fa_1");
    if (callbackUrl != null) {
      body.put("callbackUrl", callbackUrl);
    }
    return body;
  }

  private static ObjectNode resman(String postingId, String reference) {
    ObjectNode body = JSON.createObjectNode();
    body.put("postingId", postingId);
    body.put("provider", "RESMAN");
    body.put("connectionId", "propexo-main");
    body.putObject("amount").put("minor", 98_000).put("currency", "USD");
    body.put("transactionDate", "2024-06-15T14:45:00Z");
    body.put("paymentType", "Credit Card");
    body.put("referenceNumber", reference);
    body.put("description", "June rent");
    body.putObject("target").put("integrationId", "intg_rm").put("residentId", "res_1")
        .put("notes", "posted by payments");
    return body;
  }

  private static void post(ObjectNode body) throws Exception {
    HttpResponse<String> answer = HTTP.send(LocalStack.withKey(stack.apiUrl.resolve("/api/postings"),
            LocalStack.SERVICE_KEY).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(answer.statusCode()).as("start %s: %s", body.get("postingId"), answer.body()).isEqualTo(202);
  }

  private static String unique(String prefix) {
    return prefix + UUID.randomUUID().toString().substring(0, 8);
  }
}
