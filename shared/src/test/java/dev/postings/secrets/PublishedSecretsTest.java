package dev.postings.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The secrets the repository publishes, as the worker and the starter know them at start-up. */
class PublishedSecretsTest {

  private static final PublishedSecrets PACKED = PublishedSecrets.fromClasspath(
      PublishedSecretsTest.class.getClassLoader());

  /** Every module's configuration files as they stand in the repository (tests run in the module's folder). */
  private static Map<String, String> repositoryFiles() throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> modules = Files.list(Path.of("..").toAbsolutePath().normalize())) {
      for (Path module : modules.filter(Files::isDirectory).toList()) {
        Path resources = module.resolve("src/main/resources");
        if (!Files.isDirectory(resources)) {
          continue;
        }
        try (Stream<Path> listed = Files.walk(resources)) {
          for (Path file : listed.filter(path -> path.toString().endsWith(".yml")
              || path.toString().endsWith(".yaml")).toList()) {
            files.put(module.getFileName() + "/" + resources.relativize(file), Files.readString(file));
          }
        }
      }
    }
    return files;
  }

  /**
   * A new configuration file, or a new secret in one, that the build does not pack (a new module, another folder, a
   * .yaml file) fails here: the processes would not know to refuse it.
   */
  @Test
  void everySecretInAnyConfigurationFileOfTheRepositoryIsKnownAtStartUp() throws IOException {
    Map<String, String> files = repositoryFiles();
    assertThat(files).containsKeys("starter/starter-local.yml", "worker/worker-local.yml", "sandbox/sandbox.yml");

    assertThat(PACKED.values()).containsAll(PublishedSecrets.fromYaml(files).values());
  }

  @Test
  void theRuleFindsEveryKindOfPublishedSecret() {
    assertThat(PACKED.values()).contains(
        "vu4Iy5XTbgo0pCMi88OpV98Lw8T4F5OS/aDCd30R83o=", // encryption key
        "local-card-vault-secret", "local-callback-secret", "dev-propexo-webhook-secret",
        "dev-service-key-4f1c9a7e2b6d", "dev-operator-key-8d3e5b1a9c7f", // API keys
        "dev-propexo-token", "dev-acquaint-key", "dev-storedge-key", "dev-storedge-secret", // provider credentials
        "DEV:dev-acquaint-key", "acquaint-sandbox-signing-key-not-a-secret",
        // each element of a list the sandbox takes comma-separated, and the second customers' credentials
        "dev-propexo-token-2", "NORTH:dev-acquaint-north-key", "dev-storedge-key-2", "dev-storedge-secret-2");
    // settings that are not secrets publish nothing
    assertThat(PACKED.values()).doesNotContain("local-dev", "dev-service", "service", "DEV", "30s", "2m", "",
        ".postings/dev-api-keys.json");
  }

  @ParameterizedTest
  @ValueSource(strings = {"postings.callback.secret", "postings.card-vault.secret", "postings.propexo.token",
      "postings.acquaint.api-key", "postings.storedge.consumer-key", "postings.storedge.consumer-secret",
      "postings.webhooks.propexo.secret", "postings.api.keys[0].key", "postings.encryption.keys.local-dev",
      "postings.encryption.keys.k2026", "spring.temporal.connection.api-key", "sandbox.propexo.tokens",
      "sandbox.acquaint.credentials", "sandbox.acquaint.jwt-secret", "server.ssl.key-store-password"})
  void secretSettingsAreRecognisedByName(String name) {
    assertThat(PublishedSecrets.isSecretSetting(name)).as(name).isTrue();
  }

  @ParameterizedTest
  @ValueSource(strings = {"postings.encryption.current-key-id", "postings.api.keys[0].name",
      "postings.api.keys[0].role", "postings.api.dev-keys-file", "postings.propexo.base-url",
      "spring.temporal.connection.mtls.key-file", "postings.api.keys[0]", "postings.policy.propexo.read-retry.max",
      "postings.acquaint.token-refresh-margin", "postings.secret-rotation.every"})
  void otherSettingsAreNot(String name) {
    assertThat(PublishedSecrets.isSecretSetting(name)).as(name).isFalse();
  }

  @Test
  void eachRefusalNamesTheSettingAndWhereTheValueIsPublishedNeverTheValue() {
    List<String> refusals = PACKED.refusals(List.of("postings.callback.secret", "postings.card-vault.secret",
        "postings.propexo.token", "postings.propexo.base-url", "postings.callback.secret"), Map.of(
        "postings.callback.secret", "dev-propexo-webhook-secret",
        "postings.card-vault.secret", "a-secret-of-our-own-0123456789",
        "postings.propexo.token", "dev-propexo-token",
        "postings.propexo.base-url", "https://api.propexo.com")::get);

    assertThat(refusals).containsExactly(
        "postings.callback.secret is a secret published in this repository (sandbox.yml, starter-local.yml): set one"
            + " of your own",
        "postings.propexo.token is a secret published in this repository (sandbox.yml, starter-local.yml,"
            + " worker-local.yml): set one of your own");
    assertThat(String.join(" ", refusals)).doesNotContain("dev-propexo-token").doesNotContain("webhook-secret");
  }

  @Test
  void placeholdersPublishTheirDefaultsOnly() {
    assertThat(PublishedSecrets.valuesOf("${PROPEXO_WEBHOOK_SECRET:dev-propexo-webhook-secret}"))
        .containsExactly("dev-propexo-webhook-secret");
    assertThat(PublishedSecrets.valuesOf("${CARD_VAULT_SECRET:}")).isEmpty();
    assertThat(PublishedSecrets.valuesOf("${PROPEXO_TOKEN}")).isEmpty();
    assertThat(PublishedSecrets.valuesOf("plain-value")).containsExactly("plain-value");
  }
}
