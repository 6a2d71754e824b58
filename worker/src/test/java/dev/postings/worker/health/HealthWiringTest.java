package dev.postings.worker.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.RETURNS_DEEP_STUBS;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.postings.acquaint.AcquaintSettings;
import dev.postings.propexo.PropexoSettings;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.storedge.StoredgeSettings;
import io.grpc.health.v1.HealthCheckResponse;
import io.temporal.client.WorkflowClient;
import io.temporal.serviceclient.WorkflowServiceStubs;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The worker's {@code /actuator/health} components: a provider is UP when its host accepts a TCP connection and DOWN
 * when nothing listens, the probe sends no request (Propexo and Acquaint count every request against the rate limit),
 * the details name host and port and nothing else of the settings; {@code temporal} follows the frontend's health check.
 */
class HealthWiringTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(2);
  private static final String PROPEXO_TOKEN = "propexo-token-never-shown";
  private static final String ACQUAINT_KEY = "acquaint-key-never-shown";
  private static final String STOREDGE_SECRET = "storedge-secret-never-shown";

  @Test
  void aProviderWhoseHostAcceptsAConnectionIsUpWithItsHostAndPort() throws IOException {
    try (ServerSocket provider = listening()) {
      Health health = HealthWiring.reachable(URI.create("http://127.0.0.1:" + provider.getLocalPort() + "/propexo"),
          TIMEOUT);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("host", "127.0.0.1:" + provider.getLocalPort());
    }
  }

  @Test
  void aProviderWhereNothingListensIsDownWithItsHostAndPort() throws IOException {
    int closed = closedPort();

    Health health = HealthWiring.reachable(URI.create("http://127.0.0.1:" + closed + "/propexo"), TIMEOUT);

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("host", "127.0.0.1:" + closed)
        .containsEntry("error", "ConnectException");
  }

  @Test
  void theProbeOpensAConnectionAndSendsNoRequest() throws IOException {
    try (ServerSocket provider = listening()) {
      provider.setSoTimeout(5_000);

      Health health = HealthWiring.reachable(URI.create("http://127.0.0.1:" + provider.getLocalPort() + "/acquaint"),
          TIMEOUT);

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      // The probe has returned, so it has closed its socket: the connection waits in the backlog and reading it to the
      // end shows every byte the probe sent (an HTTP request would be at least its request line).
      try (Socket probe = provider.accept(); InputStream sent = probe.getInputStream()) {
        probe.setSoTimeout(5_000);
        assertThat(new String(sent.readAllBytes(), StandardCharsets.US_ASCII)).isEmpty();
      }
    }
  }

  @Test
  void aBaseUrlWithoutAPortIsProbedOnItsSchemesPort() {
    // Propexo's and storEDGE's production base URLs name no port. Whether anything listens on 443/80 here does not
    // matter: the details say where the probe went.
    assertThat(HealthWiring.reachable(URI.create("https://127.0.0.1/v1"), TIMEOUT).getDetails())
        .containsEntry("host", "127.0.0.1:443");
    assertThat(HealthWiring.reachable(URI.create("http://127.0.0.1/v1"), TIMEOUT).getDetails())
        .containsEntry("host", "127.0.0.1:80");
  }

  @Test
  void eachProviderIsItsOwnComponentAtItsBaseUrlAndShowsNoCredentials() throws IOException {
    try (ServerSocket propexo = listening(); ServerSocket acquaint = listening()) {
      int storedge = closedPort();
      // credentials in the URLs too: the details must name host and port, not echo the URL
      URI propexoUrl = URI.create("http://user:" + PROPEXO_TOKEN + "@127.0.0.1:" + propexo.getLocalPort()
          + "/propexo?token=" + PROPEXO_TOKEN);
      URI acquaintUrl = URI.create("http://127.0.0.1:" + acquaint.getLocalPort() + "/acquaint?key=" + ACQUAINT_KEY);
      URI storedgeUrl = URI.create("http://127.0.0.1:" + storedge + "/storedge");

      new ApplicationContextRunner()
          // what Spring Boot's application adds: "2s" to a Duration for the @Value
          .withInitializer(context -> context.getBeanFactory()
              .setConversionService(ApplicationConversionService.getSharedInstance()))
          .withUserConfiguration(HealthWiring.class)
          .withPropertyValues("postings.health.connect-timeout=3s")
          .withBean(WorkflowClient.class, () -> mock(WorkflowClient.class))
          .withBean(PropexoSettings.class, () -> new PropexoSettings(new ProviderConnection(propexoUrl, TIMEOUT,
              TIMEOUT, RequestPacing.Settings.UNPACED), PROPEXO_TOKEN, 50, 5))
          .withBean(AcquaintSettings.class,
              () -> new AcquaintSettings(new ProviderConnection(acquaintUrl, TIMEOUT, TIMEOUT,
                  RequestPacing.Settings.UNPACED), ACQUAINT_KEY, "site", Duration.ZERO))
          .withBean(StoredgeSettings.class,
              () -> new StoredgeSettings(new ProviderConnection(storedgeUrl, TIMEOUT, TIMEOUT,
                  RequestPacing.Settings.UNPACED), "storedge-key", STOREDGE_SECRET))
          .run(context -> {
            Health propexoHealth = context.getBean("propexoHealthIndicator", HealthIndicator.class).health();
            Health acquaintHealth = context.getBean("acquaintHealthIndicator", HealthIndicator.class).health();
            Health storedgeHealth = context.getBean("storedgeHealthIndicator", HealthIndicator.class).health();

            assertThat(propexoHealth.getStatus()).isEqualTo(Status.UP);
            assertThat(propexoHealth.getDetails()).containsEntry("host", "127.0.0.1:" + propexo.getLocalPort());
            assertThat(acquaintHealth.getStatus()).isEqualTo(Status.UP);
            assertThat(acquaintHealth.getDetails()).containsEntry("host", "127.0.0.1:" + acquaint.getLocalPort());
            assertThat(storedgeHealth.getStatus()).isEqualTo(Status.DOWN);
            assertThat(storedgeHealth.getDetails()).containsEntry("host", "127.0.0.1:" + storedge);
            for (Health health : new Health[] {propexoHealth, acquaintHealth, storedgeHealth}) {
              assertThat(health.getDetails().toString())
                  .doesNotContain(PROPEXO_TOKEN).doesNotContain(ACQUAINT_KEY).doesNotContain(STOREDGE_SECRET)
                  .doesNotContain("storedge-key").doesNotContain("user");
            }
          });
    }
  }

  @Test
  void temporalIsUpWhenTheFrontendServes() {
    try (TestWorkflowEnvironment temporal = TestWorkflowEnvironment.newInstance()) {
      Health health = new HealthWiring().temporalHealthIndicator(temporal.getWorkflowClient()).health();

      assertThat(health.getStatus()).isEqualTo(Status.UP);
      assertThat(health.getDetails()).containsEntry("status", "SERVING");
    }
  }

  @Test
  void temporalIsDownWhenTheFrontendSaysItIsNotServing() {
    WorkflowClient client = mock(WorkflowClient.class, RETURNS_DEEP_STUBS);
    when(client.getWorkflowServiceStubs().healthCheck()).thenReturn(HealthCheckResponse.newBuilder()
        .setStatus(HealthCheckResponse.ServingStatus.NOT_SERVING).build());

    Health health = new HealthWiring().temporalHealthIndicator(client).health();

    assertThat(health.getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.getDetails()).containsEntry("status", "NOT_SERVING");
  }

  @Test
  void temporalIsDownWhenNothingAnswersAtItsAddress() throws IOException {
    WorkflowServiceStubs gone = WorkflowServiceStubs.newServiceStubs(WorkflowServiceStubsOptions.newBuilder()
        .setTarget("127.0.0.1:" + closedPort()).build());
    try {
      Health health = new HealthWiring().temporalHealthIndicator(WorkflowClient.newInstance(gone)).health();

      assertThat(health.getStatus()).isEqualTo(Status.DOWN);
      assertThat(health.getDetails()).containsEntry("error", "StatusRuntimeException");
    } finally {
      gone.shutdownNow();
    }
  }

  private static ServerSocket listening() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"));
  }

  /** A loopback port that was just listening and no longer is. */
  private static int closedPort() throws IOException {
    try (ServerSocket socket = listening()) {
      return socket.getLocalPort();
    }
  }
}
