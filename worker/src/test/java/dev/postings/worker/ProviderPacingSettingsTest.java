package dev.postings.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.postings.acquaint.AcquaintSettings;
import dev.postings.propexo.PropexoSettings;
import dev.postings.providers.RequestPacing;
import dev.postings.storedge.StoredgeSettings;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;

/** worker.yml's request pacing per provider, as the wiring binds it, and the environment that lifts it. */
class ProviderPacingSettingsTest {

  private static final Map<String, Object> CREDENTIALS = Map.of(
      "PROPEXO_BASE_URL", "http://127.0.0.1:8090", "PROPEXO_TOKEN", "t",
      "ACQUAINT_BASE_URL", "http://127.0.0.1:8090/acquaint", "ACQUAINT_API_KEY", "k", "ACQUAINT_SITE_PREFIX", "S",
      "STOREDGE_BASE_URL", "http://127.0.0.1:8090/storedge", "STOREDGE_CONSUMER_KEY", "c",
      "STOREDGE_CONSUMER_SECRET", "s");

  @Test
  void workerYmlPacesEachProviderUnderItsDocumentedLimit() throws Exception {
    StandardEnvironment environment = environment(Map.of());

    assertThat(propexo(environment).connection().rateLimit())
        .isEqualTo(new RequestPacing.Settings(145, Duration.ofSeconds(5)));
    assertThat(acquaint(environment).connection().rateLimit())
        .isEqualTo(new RequestPacing.Settings(95, Duration.ofSeconds(3)));
    assertThat(storedge(environment).connection().rateLimit())
        .isEqualTo(new RequestPacing.Settings(300, Duration.ofSeconds(5)));
  }

  @Test
  void zeroRequestsPerMinuteFromTheEnvironmentLiftsThePacing() throws Exception {
    StandardEnvironment environment = environment(Map.of("PROPEXO_REQUESTS_PER_MINUTE", "0",
        "ACQUAINT_REQUESTS_PER_MINUTE", "0", "STOREDGE_REQUESTS_PER_MINUTE", "0"));

    assertThat(propexo(environment).connection().rateLimit().paced()).isFalse();
    assertThat(acquaint(environment).connection().rateLimit().paced()).isFalse();
    assertThat(storedge(environment).connection().rateLimit().paced()).isFalse();
  }

  @Test
  void aNegativeLimitIsRefusedNamingTheSetting() throws Exception {
    StandardEnvironment environment = environment(Map.of("PROPEXO_REQUESTS_PER_MINUTE", "-5"));

    assertThatThrownBy(() -> propexo(environment))
        .hasMessageContaining("postings.propexo")
        .rootCause().hasMessageContaining("rate-limit.requests-per-minute");
  }

  private static PropexoSettings propexo(StandardEnvironment environment) {
    return ProviderSettingsBinding.bind(environment, "postings.propexo", PropexoSettings.class);
  }

  private static AcquaintSettings acquaint(StandardEnvironment environment) {
    return ProviderSettingsBinding.bind(environment, "postings.acquaint", AcquaintSettings.class);
  }

  private static StoredgeSettings storedge(StandardEnvironment environment) {
    return ProviderSettingsBinding.bind(environment, "postings.storedge", StoredgeSettings.class);
  }

  /** worker.yml's first document, its placeholders resolved from {@code variables} and the credentials. */
  static StandardEnvironment environment(Map<String, Object> variables) throws Exception {
    StandardEnvironment environment = new StandardEnvironment();
    environment.getPropertySources().addFirst(new MapPropertySource("variables", variables));
    environment.getPropertySources().addLast(new MapPropertySource("credentials", CREDENTIALS));
    environment.getPropertySources().addLast(new YamlPropertySourceLoader()
        .load("worker.yml", new ClassPathResource("worker.yml")).get(0));
    return environment;
  }
}
