package dev.postings.worker.health;

import dev.postings.acquaint.AcquaintSettings;
import dev.postings.propexo.PropexoSettings;
import dev.postings.storedge.StoredgeSettings;
import io.temporal.client.WorkflowClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code /actuator/health} of the worker: {@code temporal} (the frontend's gRPC health check) and one component per
 * provider API. A provider is checked by opening a TCP connection to its host, not by calling its API: Propexo and
 * Acquaint count every request against the customer's rate limit (docs/providers/propexo.md#rate-limit,
 * docs/providers/acquaint.md#rate-limit), and a health probe every few seconds must not eat the postings' budget.
 */
@Configuration
public class HealthWiring {

  @Bean
  HealthIndicator temporalHealthIndicator(WorkflowClient client) {
    return () -> {
      try {
        var answer = client.getWorkflowServiceStubs().healthCheck();
        return (answer.getStatus().name().equals("SERVING") ? Health.up() : Health.down())
            .withDetail("status", answer.getStatus().name()).build();
      } catch (RuntimeException unreachable) {
        return Health.down().withDetail("error", unreachable.getClass().getSimpleName()).build();
      }
    };
  }

  @Bean
  HealthIndicator propexoHealthIndicator(PropexoSettings settings,
      @Value("${postings.health.connect-timeout:2s}") Duration timeout) {
    return () -> reachable(settings.connection().baseUrl(), timeout);
  }

  @Bean
  HealthIndicator acquaintHealthIndicator(AcquaintSettings settings,
      @Value("${postings.health.connect-timeout:2s}") Duration timeout) {
    return () -> reachable(settings.connection().baseUrl(), timeout);
  }

  @Bean
  HealthIndicator storedgeHealthIndicator(StoredgeSettings settings,
      @Value("${postings.health.connect-timeout:2s}") Duration timeout) {
    return () -> reachable(settings.connection().baseUrl(), timeout);
  }

  static Health reachable(URI baseUrl, Duration timeout) {
    int port = baseUrl.getPort() > 0 ? baseUrl.getPort() : "https".equals(baseUrl.getScheme()) ? 443 : 80;
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(baseUrl.getHost(), port), (int) timeout.toMillis());
      return Health.up().withDetail("host", baseUrl.getHost() + ":" + port).build();
    } catch (IOException unreachable) {
      return Health.down().withDetail("host", baseUrl.getHost() + ":" + port)
          .withDetail("error", unreachable.getClass().getSimpleName()).build();
    }
  }
}
