package dev.postings.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.acquaint.AcquaintSettings;
import dev.postings.propexo.PropexoSettings;
import dev.postings.providers.ProviderConnection;
import dev.postings.providers.RequestPacing;
import dev.postings.storedge.StoredgeSettings;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Every provider setting worker.yml names, bound as the wiring binds it: the connection keys, flat under
 * {@code postings.<provider>} as they always were, fill each settings record's {@link ProviderConnection}; the
 * provider's own keys fill the rest; the environment variables worker.yml reads still set them.
 */
class ProviderSettingsBindingTest {

  @Test
  void worker_ymlsKeysAndItsEnvironmentVariablesFillEveryProvidersSettings() throws Exception {
    StandardEnvironment environment = ProviderPacingSettingsTest.environment(Map.of());

    PropexoSettings propexo = ProviderSettingsBinding.bind(environment, "postings.propexo", PropexoSettings.class);
    assertThat(propexo.connection()).isEqualTo(new ProviderConnection(URI.create("http://127.0.0.1:8090"),
        Duration.ofSeconds(5), Duration.ofSeconds(20), new RequestPacing.Settings(145, Duration.ofSeconds(5))));
    assertThat(propexo.token()).isEqualTo("t");
    assertThat(propexo.pageSize()).isEqualTo(100);
    assertThat(propexo.maxPages()).isEqualTo(20);

    AcquaintSettings acquaint = ProviderSettingsBinding.bind(environment, "postings.acquaint", AcquaintSettings.class);
    assertThat(acquaint.connection()).isEqualTo(new ProviderConnection(URI.create("http://127.0.0.1:8090/acquaint"),
        Duration.ofSeconds(5), Duration.ofSeconds(15), new RequestPacing.Settings(95, Duration.ofSeconds(3))));
    assertThat(acquaint.apiKey()).isEqualTo("k");
    assertThat(acquaint.sitePrefix()).isEqualTo("S");
    assertThat(acquaint.tokenRefreshMargin()).isEqualTo(Duration.ofMinutes(2));

    StoredgeSettings storedge = ProviderSettingsBinding.bind(environment, "postings.storedge", StoredgeSettings.class);
    assertThat(storedge.connection()).isEqualTo(new ProviderConnection(URI.create("http://127.0.0.1:8090/storedge"),
        Duration.ofSeconds(5), Duration.ofSeconds(20), new RequestPacing.Settings(300, Duration.ofSeconds(5))));
    assertThat(storedge.consumerKey()).isEqualTo("c");
    assertThat(storedge.consumerSecret()).isEqualTo("s");
  }

  @Test
  void aConnectionKeySetInTheEnvironmentsOwnFormOverridesWorker_yml() throws Exception {
    StandardEnvironment environment = ProviderPacingSettingsTest.environment(Map.of());
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
        "POSTINGS_STOREDGE_REQUEST_TIMEOUT", "7s", "POSTINGS_STOREDGE_RATE_LIMIT_MAX_WAIT", "2s",
        "POSTINGS_STOREDGE_BASE_URL", "https://api.storedgefms.com")));

    ProviderConnection connection =
        ProviderSettingsBinding.bind(environment, "postings.storedge", StoredgeSettings.class).connection();

    assertThat(connection.baseUrl()).isEqualTo(URI.create("https://api.storedgefms.com"));
    assertThat(connection.requestTimeout()).isEqualTo(Duration.ofSeconds(7));
    assertThat(connection.rateLimit()).isEqualTo(new RequestPacing.Settings(300, Duration.ofSeconds(2)));
  }

  @Test
  void aValueThatIsNoDurationIsRefusedNamingTheKeyAsWritten() throws Exception {
    StandardEnvironment environment = ProviderPacingSettingsTest.environment(Map.of());
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
        "POSTINGS_ACQUAINT_CONNECT_TIMEOUT", "soon")));

    assertThatThrownBy(() -> ProviderSettingsBinding.bind(environment, "postings.acquaint", AcquaintSettings.class))
        .hasMessageContaining("postings.acquaint.connect-timeout")
        .hasMessageNotContaining("connection");
  }

  @Test
  void aRateLimitTheRecordRefusesIsReportedUnderTheKeysAsWritten() throws Exception {
    StandardEnvironment environment = ProviderPacingSettingsTest.environment(Map.of());
    environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
        "POSTINGS_STOREDGE_RATE_LIMIT_MAX_WAIT", "-1s")));

    assertThatThrownBy(() -> ProviderSettingsBinding.bind(environment, "postings.storedge", StoredgeSettings.class))
        .hasMessageStartingWith("cannot bind postings.storedge.rate-limit: ")
        .hasMessageContaining("rate-limit.max-wait must be set, zero or more")
        .hasMessageNotContaining("connection");
  }
}
