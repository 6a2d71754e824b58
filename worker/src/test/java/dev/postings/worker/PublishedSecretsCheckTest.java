package dev.postings.worker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Outside the local profile the worker refuses every secret this repository publishes, naming the setting; the local
 * profile starts with them.
 */
class PublishedSecretsCheckTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(PublishedSecretsCheck.class);

  /** Each secret setting of the worker, with a published value (some of them published for another setting). */
  @ParameterizedTest
  @CsvSource({
      "postings.propexo.token, dev-propexo-token",
      "postings.acquaint.api-key, dev-acquaint-key",
      "postings.storedge.consumer-key, dev-storedge-key",
      "postings.storedge.consumer-secret, dev-storedge-secret",
      "postings.callback.secret, local-callback-secret",
      "postings.callback.secret, dev-propexo-webhook-secret",
      "postings.card-vault.secret, local-card-vault-secret",
      "postings.encryption.keys.k2026, vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=",
      "spring.temporal.connection.api-key, dev-operator-key-8d3e5b1a9c7f"})
  void aPublishedSecretOutsideTheLocalProfileIsRefusedByName(String setting, String published) {
    context.withPropertyValues(setting + "=" + published)
        .run(started -> assertThat(started).hasFailed().getFailure()
            .hasMessageStartingWith("the worker refuses to start outside the local profile: " + setting
                + " is a secret published in this repository (")
            .hasMessageNotContaining(published));
  }

  @Test
  void aPublishedSecretFromTheEnvironmentIsNamedByItsSetting() {
    context.withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "POSTINGS_ENCRYPTION_KEYS_K2026", "vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=",
                "POSTINGS_CALLBACK_SECRET", "local-callback-secret"))))
        .run(started -> assertThat(started).hasFailed().getFailure()
            .hasMessageContaining("postings.encryption.keys.k2026 is a secret published")
            .hasMessageContaining("postings.callback.secret is a secret published"));
  }

  @Test
  void secretsOfOurOwnStartAndTheLocalProfileStartsWithThePublishedOnes() {
    context.withPropertyValues("postings.propexo.token=a-real-token-from-the-vault-0001",
            "postings.callback.secret=another-real-secret-0002", "postings.card-vault.secret=")
        .run(started -> assertThat(started).hasNotFailed());
    context.withPropertyValues("spring.profiles.active=local", "postings.propexo.token=dev-propexo-token",
            "postings.callback.secret=local-callback-secret")
        .run(started -> assertThat(started).hasNotFailed());
  }
}
