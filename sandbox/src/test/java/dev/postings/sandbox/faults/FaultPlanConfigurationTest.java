package dev.postings.sandbox.faults;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.sandbox.SandboxApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/** A fault plan from configuration ({@code sandbox.faults.*}), the way a chaos run starts the sandbox. */
class FaultPlanConfigurationTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext sandbox;
  private static String base;

  @BeforeAll
  static void start() {
    sandbox = SandboxApplication.start("--server.port=0", "--sandbox.propexo.tokens=config-token",
        "--sandbox.faults.seed=99", "--sandbox.faults.hold=3s",
        "--sandbox.faults.odds.propexo-reads.rate-limited=1.0",
        "--sandbox.faults.odds.propexo-reads.retry-after=4s",
        "--sandbox.faults.odds.storedge-writes.no-answer=0.2",
        "--sandbox.faults.odds.storedge-writes.reset-share=0.25");
    base = "http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port");
  }

  @AfterAll
  static void stop() {
    sandbox.close();
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer config-token")
        .GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theConfiguredOddsApplyFromTheStartAndAreShownWithTheirCounters() throws Exception {
    HttpResponse<String> limited = get("/v1/resident-payments/?resident_id=r");
    assertThat(limited.statusCode()).isEqualTo(429);
    assertThat(limited.headers().firstValue("Retry-After")).hasValue("4");

    JsonNode faults = JSON.readTree(get("/sandbox/faults").body());
    assertThat(faults.at("/plan/seed").asLong()).isEqualTo(99);
    assertThat(faults.at("/plan/odds/storedge-writes/noAnswer").asDouble()).isEqualTo(0.2);
    assertThat(faults.at("/plan/odds/storedge-writes/resetShare").asDouble()).isEqualTo(0.25);
    assertThat(faults.at("/counters/propexo-reads/injected/RATE_LIMITED").asLong()).isEqualTo(1);
    // nothing configured for the other scopes
    assertThat(faults.at("/counters/acquaint-writes/injected").isEmpty()).isTrue();
  }
}
