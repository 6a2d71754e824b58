package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Metric labels are route templates or fixed names, never a caller's value: after hundreds of requests each carrying
 * values of their own (posting ids, unknown paths, path variants the firewall refuses, card vault references, webhook
 * integration ids, storEDGE facility ids), the {@code uri} tag of {@code http.server.requests} takes no more values
 * than there are routes plus Spring's fixed names, and no tag of any meter holds any of the values sent.
 */
class MetricLabelsTest {

  /** Every value this test sends starts so: no tag may contain it. */
  private static final String MARK = "zqmark";
  private static final int ROUNDS = 60;
  private static StarterOnly app;

  @BeforeAll
  static void start() throws Exception {
    app = new StarterOnly();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  private static String unique() {
    return MARK + UUID.randomUUID().toString().replace("-", "").substring(0, 10);
  }

  @Test
  void labelsStayBoundedWhateverCallersSend() throws Exception {
    String operator = "X-Api-Key: " + LocalStack.OPERATOR_KEY;
    for (int i = 0; i < ROUNDS; i++) {
      String value = unique();
      app.raw.send("GET", "/api/postings/" + value, null, operator);                        // 404 on a route
      app.raw.send("GET", "/api/postings/" + value + "/timeline", null, operator);
      app.raw.send("GET", "/api/" + value, null, operator);                                 // no route: 404
      app.raw.send("GET", "/" + value, null);                                               // 401, denied
      app.raw.send("GET", "/api;" + value + "/postings", null);                             // firewall: 400
      app.raw.send("GET", "/%61pi/postings/" + value, null);                                // a variant: 401
      app.raw.send("GET", "/api/postings?reference=" + value + "&state=" + value, null, operator);
      app.raw.send("POST", "/internal/card-vault/" + value + "/redeem", new byte[0],
          "Authorization: Bearer local-card-vault-secret");                                 // 404 on a route
      byte[] webhook = ("{\"trigger\":\"DATA_NEW\",\"data\":{\"object\":\"resident-payments\",\"integration_id\":\""
          + value + "\",\"record_id\":\"" + value + "\"}}").getBytes(StandardCharsets.UTF_8);
      app.raw.send("POST", "/webhooks/propexo", webhook, "Content-Type: application/json",
          "propexo-signature: " + TestKeys.propexoSignature(webhook));
      byte[] storedge = StoredgeCardEndToEndTest.STORED.replace("se-stored-0001", "se-" + value)
          .replace("a7ccbc47-adde-41e6-a768-874d3d05f415", value).getBytes(StandardCharsets.UTF_8);
      app.raw.send("POST", "/api/postings", storedge, "Content-Type: application/json", operator);
    }

    MeterRegistry registry = app.starter.getBean(MeterRegistry.class);
    Set<String> uris = registry.find("http.server.requests").meters().stream()
        .map(meter -> meter.getId().getTag("uri")).collect(Collectors.toCollection(TreeSet::new));
    Set<String> templates = Routes.of(app.starter).stream().map(Routes.Route::template)
        .collect(Collectors.toCollection(TreeSet::new));
    Set<String> fixed = Set.of("UNKNOWN", "NOT_FOUND", "REDIRECTION", "root", "/**");
    assertThat(uris).as("uri tags").allSatisfy(uri -> assertThat(templates.contains(uri) || fixed.contains(uri))
        .as(uri).isTrue());
    assertThat(uris.size()).isLessThanOrEqualTo(templates.size() + fixed.size());

    Map<String, String> leaked = new java.util.TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      for (Tag tag : meter.getId().getTags()) {
        if (tag.getValue().toLowerCase().contains(MARK)) {
          leaked.put(meter.getId().getName() + "{" + tag.getKey() + "}", tag.getValue());
        }
      }
    }
    assertThat(leaked).as("tags holding a caller's value").isEmpty();
    // and what Prometheus scrapes says the same
    RawHttp.Answer scraped = app.raw.send("GET", "/actuator/prometheus", null, operator);
    assertThat(scraped.status()).isEqualTo(200);
    assertThat(scraped.body()).contains("http_server_requests_seconds_count").doesNotContain(MARK);
  }
}
