package dev.postings.propexo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.sandbox.SandboxApplication;
import dev.postings.sandbox.SandboxClock;
import dev.postings.workflow.FailureKind;
import dev.postings.workflow.propexo.ResidentPaymentRef;
import io.temporal.failure.ApplicationErrorCategory;
import io.temporal.failure.ApplicationFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Propexo's per-token limit: headers on every answer, 429 with a wait past the limit, classified RATE_LIMITED; and our
 * client's pacing of the token's requests, which refuses a request before sending it when it has no slot.
 */
class PropexoRateLimitTest {

  @Test
  void pastTheLimitTheAnswerIs429AndTheAdapterWaitsForTheWindow() throws Exception {
    try (ConfigurableApplicationContext sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=t1,t2",
        "--sandbox.propexo.rate-limit.requests-per-minute=3",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s")) {
      URI base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
      // Start at the beginning of a minute window, so the window cannot reset half-way through the test.
      SandboxClock clock = sandbox.getBean(SandboxClock.class);
      clock.advance(Duration.ofMillis(60_000 - clock.millis() % 60_000 + 200));
      HttpClient http = HttpClient.newHttpClient();
      HttpRequest read = HttpRequest.newBuilder(base.resolve("/v1/resident-payments/rp_x"))
          .header("Authorization", "Bearer t1").build();

      HttpResponse<String> first = http.send(read, HttpResponse.BodyHandlers.ofString());
      assertThat(first.headers().firstValue("x-ratelimit-limit")).hasValue("3");
      assertThat(first.headers().firstValue("x-ratelimit-remaining")).hasValue("2");
      http.send(read, HttpResponse.BodyHandlers.ofString());
      http.send(read, HttpResponse.BodyHandlers.ofString());

      ApplicationFailure limited = null;
      try {
        PropexoAdapterTest.adapterWith(base, "t1", 100).readResidentPayment(new ResidentPaymentRef("rp_x"));
      } catch (ApplicationFailure failure) {
        limited = failure;
      }
      assertThat(limited).isNotNull();
      assertThat(limited.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
      assertThat(limited.getNextRetryDelay()).isBetween(Duration.ofSeconds(1), Duration.ofSeconds(60));

      // the limit is per customer token
      assertThat(PropexoAdapterTest.adapterWith(base, "t2", 100)
          .readResidentPayment(new ResidentPaymentRef("rp_x")).found()).isFalse();
    }
  }

  @Test
  void theClientPacesItsTokensRequestsAndOneWithoutASlotWithinMaxWaitIsRefusedBeforeItIsSent() throws Exception {
    try (ConfigurableApplicationContext sandbox = SandboxApplication.start("--server.port=0",
        "--sandbox.propexo.tokens=t1", "--sandbox.propexo.rate-limit.requests-per-minute=100",
        "--sandbox.propexo.rate-limit.slowdown-delay=0s")) {
      URI base = URI.create("http://127.0.0.1:" + sandbox.getEnvironment().getProperty("local.server.port"));
      SandboxClock clock = sandbox.getBean(SandboxClock.class);
      clock.advance(Duration.ofMillis(60_000 - clock.millis() % 60_000 + 200));
      // one request a minute, no waiting: the second read has no slot
      PropexoAdapter paced = new PropexoAdapter(new PropexoSettings(new ProviderConnection(base, Duration.ofSeconds(2),
          Duration.ofSeconds(10), new RequestPacing.Settings(1, Duration.ZERO)), "t1", 100, 10), new ObjectMapper());

      assertThat(paced.readResidentPayment(new ResidentPaymentRef("rp_x")).found()).isFalse();
      ApplicationFailure refused = null;
      try {
        paced.readResidentPayment(new ResidentPaymentRef("rp_y"));
      } catch (ApplicationFailure failure) {
        refused = failure;
      }

      assertThat(refused).isNotNull();
      assertThat(refused.getType()).isEqualTo(FailureKind.RATE_LIMITED.name());
      assertThat(refused.getCategory()).isEqualTo(ApplicationErrorCategory.BENIGN);
      assertThat(refused.getNextRetryDelay()).isBetween(Duration.ofSeconds(55), Duration.ofSeconds(60));
      assertThat(refused.getOriginalMessage()).contains("GET /v1/resident-payments/rp_y", "not sent")
          .doesNotContain("t1");
      // the sandbox saw the first read only
      HttpResponse<String> probe = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
          base.resolve("/v1/resident-payments/rp_z")).header("Authorization", "Bearer t1").build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(probe.headers().firstValue("x-ratelimit-remaining")).hasValue("98");
    }
  }
}
