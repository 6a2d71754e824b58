package dev.postings.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Outside the local profile the starter refuses every secret this repository publishes, naming the setting; the local
 * profile starts with them.
 */
class PublishedSecretsCheckTest {

  private final ApplicationContextRunner context = new ApplicationContextRunner()
      .withUserConfiguration(PublishedSecretsCheck.class);

  /** Each secret setting of the starter, with a published value (some of them published for another setting). */
  @ParameterizedTest
  @CsvSource({
      "postings.api.keys[0].key, dev-service-key-4f1c9a7e2b6d",
      "postings.api.keys[1].key, dev-operator-key-8d3e5b1a9c7f",
      "postings.webhooks.propexo.secret, dev-propexo-webhook-secret",
      "postings.card-vault.secret, local-card-vault-secret",
      "postings.card-vault.secret, local-callback-secret",
      "postings.encryption.keys.k2026, vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=",
      "spring.temporal.connection.api-key, dev-propexo-token"})
  void aPublishedSecretOutsideTheLocalProfileIsRefusedByName(String setting, String published) {
    context.withPropertyValues(setting + "=" + published)
        .run(started -> assertThat(started).hasFailed().getFailure()
            .hasMessageStartingWith("the starter refuses to start outside the local profile: " + setting
                + " is a secret published in this repository (")
            .hasMessageNotContaining(published));
  }

  @Test
  void aPublishedSecretFromTheEnvironmentIsNamedByItsSetting() {
    context.withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
            new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "POSTINGS_ENCRYPTION_KEYS_K2026", "vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=",
                "PROPEXO_WEBHOOK_SECRET", "dev-propexo-webhook-secret",
                "POSTINGS_WEBHOOKS_PROPEXO_SECRET", "${PROPEXO_WEBHOOK_SECRET}"))))
        .run(started -> assertThat(started).hasFailed().getFailure()
            .hasMessageContaining("postings.encryption.keys.k2026 is a secret published")
            .hasMessageContaining("postings.webhooks.propexo.secret is a secret published"));
  }

  @Test
  void secretsOfOurOwnStartAndTheLocalProfileStartsWithThePublishedOnes() {
    context.withPropertyValues("postings.api.keys[0].key=a-real-key-from-the-vault-000001",
            "postings.webhooks.propexo.secret=another-real-secret-0002", "postings.card-vault.secret=")
        .run(started -> assertThat(started).hasNotFailed());
    context.withPropertyValues("spring.profiles.active=local", "postings.api.keys[0].key=dev-service-key-4f1c9a7e2b6d",
            "postings.webhooks.propexo.secret=dev-propexo-webhook-secret")
        .run(started -> assertThat(started).hasNotFailed());
  }
}
